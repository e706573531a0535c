"""A minimal CBOR reader (RFC 8949) for the real-driver tier: major types 0-7, definite and indefinite
lengths, tags kept as Tag objects. Enough for NSM messages and attestation documents, with python3 alone
(no cbor2 on the machines the tier runs on). Maps become dicts (array keys become tuples), byte strings
bytes, text str, null None; floats and other simple values are returned as tagged tuples.
"""

class CborError(Exception):
    pass


class Tag:
    def __init__(self, number, value):
        self.number, self.value = number, value

    def __eq__(self, other):
        return isinstance(other, Tag) and (self.number, self.value) == (other.number, other.value)

    def __repr__(self):
        return f"Tag({self.number}, {self.value!r})"


BREAK = object()


def cbor_decode(data):
    """Decodes exactly one CBOR item; trailing bytes are an error."""
    value, offset = _item(data, 0)
    if value is BREAK:
        raise CborError("unexpected break")
    if offset != len(data):
        raise CborError(f"{len(data) - offset} trailing bytes")
    return value


def _argument(data, offset, info):
    if info < 24:
        return info, offset
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if info not in sizes:
        raise CborError(f"reserved additional info {info} at {offset}")
    end = offset + sizes[info]
    if end > len(data):
        raise CborError("truncated")
    return int.from_bytes(data[offset:end], "big"), end


def _item(data, offset):
    if offset >= len(data):
        raise CborError("truncated")
    initial = data[offset]
    major, info = initial >> 5, initial & 0x1F
    offset += 1
    if initial == 0xFF:
        return BREAK, offset
    if major in (2, 3, 4, 5) and info == 31:
        return _indefinite(data, offset, major)
    if major == 7:
        simple = {20: False, 21: True, 22: None, 23: None}
        if info in simple:
            return simple[info], offset
        if info in (25, 26, 27):
            size = {25: 2, 26: 4, 27: 8}[info]
            return ("float", data[offset:offset + size].hex()), offset + size
        value, offset = _argument(data, offset, info)
        return ("simple", value), offset
    value, offset = _argument(data, offset, info)
    if major == 0:
        return value, offset
    if major == 1:
        return -1 - value, offset
    if major in (2, 3):
        end = offset + value
        if end > len(data):
            raise CborError("truncated string")
        chunk = bytes(data[offset:end])
        return (chunk if major == 2 else chunk.decode("utf-8")), end
    if major == 4:
        items = []
        for _ in range(value):
            item, offset = _item(data, offset)
            items.append(item)
        return items, offset
    if major == 5:
        result = {}
        for _ in range(value):
            key, offset = _item(data, offset)
            result[_key(key)], offset = _item(data, offset)
        return result, offset
    item, offset = _item(data, offset)
    return Tag(value, item), offset


def _indefinite(data, offset, major):
    if major in (2, 3):
        parts = []
        while True:
            item, offset = _item(data, offset)
            if item is BREAK:
                break
            parts.append(item)
        return (b"".join(parts) if major == 2 else "".join(parts)), offset
    if major == 4:
        items = []
        while True:
            item, offset = _item(data, offset)
            if item is BREAK:
                return items, offset
            items.append(item)
    result = {}
    while True:
        key, offset = _item(data, offset)
        if key is BREAK:
            return result, offset
        result[_key(key)], offset = _item(data, offset)


def _key(key):
    return tuple(key) if isinstance(key, list) else key


def describe(value):
    """A short, stable rendering of a decoded value for messages."""
    if isinstance(value, bytes):
        return f"h'{value.hex()}'" if len(value) <= 16 else f"h'{value[:8].hex()}…' ({len(value)} bytes)"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{describe(k)}: {describe(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    return repr(value)
