#!/usr/bin/env python3
"""Gives a running Chromium a cookie through its DevTools protocol (Storage.setCookies), with the standard library
only: a minimal WebSocket client (RFC 6455: one masked text frame out, one text frame in).

  cdp_set_cookie.py DEVTOOLS_PORT URL NAME VALUE

The dashboard's benchmark signs in once with a password over HTTP (curl) and hands the session cookie to each
browser it starts, since API tokens no longer sign a browser in and the login form needs a click.
"""
import base64
import json
import os
import socket
import struct
import sys
import urllib.request
from urllib.parse import urlparse


def browser_websocket(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=10) as response:
        return json.load(response)["webSocketDebuggerUrl"]


def connect(url):
    parts = urlparse(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("DevTools closed the connection during the handshake")
        head += chunk
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError("DevTools refused the WebSocket: " + head.split(b"\r\n", 1)[0].decode())
    return sock


def send_text(sock, text):
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(payload) < 126:
        header += bytes([0x80 | len(payload)])
    elif len(payload) < 65536:
        header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
    else:
        header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def receive_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise RuntimeError("DevTools closed the connection")
        data += chunk
    return data


def receive_text(sock):
    first, second = receive_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack(">H", receive_exactly(sock, 2))[0]
    elif length == 127:
        length = struct.unpack(">Q", receive_exactly(sock, 8))[0]
    return receive_exactly(sock, length).decode()


def main():
    port, url, name, value = sys.argv[1:5]
    sock = connect(browser_websocket(port))
    try:
        send_text(sock, json.dumps({"id": 1, "method": "Storage.setCookies",
                                    "params": {"cookies": [{"name": name, "value": value, "url": url}]}}))
        while True:
            answer = json.loads(receive_text(sock))
            if answer.get("id") == 1:
                break
        if "error" in answer:
            raise RuntimeError(f"Storage.setCookies failed: {answer['error']}")
    finally:
        sock.close()


if __name__ == "__main__":
    main()
