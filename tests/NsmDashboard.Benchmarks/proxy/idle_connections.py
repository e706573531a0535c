"""Idle connections for the proxy benchmark (measure.sh).

  idle_connections.py sink PORT          accept and hold every connection on 127.0.0.1:PORT, read and drop
  idle_connections.py hold PORT N        open N connections to 127.0.0.1:PORT, send one byte on each so the proxy
                                         has dialled upstream, print "ready N" and hold them until killed
"""
import asyncio
import sys


async def sink(port: int) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await reader.read(65536):
            pass
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    async with server:
        await server.serve_forever()


async def hold(port: int, count: int) -> None:
    connections = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"x")
        await writer.drain()
        connections.append((reader, writer))
    print(f"ready {len(connections)}", flush=True)
    await asyncio.Event().wait()


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "sink":
        asyncio.run(sink(int(sys.argv[2])))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "hold":
        asyncio.run(hold(int(sys.argv[2]), int(sys.argv[3])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
