"""Server.close_clients() (Python 3.13+) closes the clients' connections, so the server can close."""
import asyncio


async def handle(reader, writer):
    writer.write(b"welcome\n")
    await writer.drain()
    line = await reader.readline()  # b"" if the connection is closed
    print(f"server: the handler read {line!r} and ends")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"client: connected, got {await reader.readline()!r}, now says nothing")
    server.close()  # stop accepting new clients, as the end of `async with server:` does
    server.close_clients()  # close the connections of the clients still there
    try:
        async with asyncio.timeout(1):
            await server.wait_closed()  # what the end of `async with server:` waits for
        print("main: server closed within 1 s")
    except TimeoutError:
        print("main: after 1 s, the server is still waiting for its client")
    print(f"client: read {await reader.read()!r}: the server has closed the connection")
    writer.close()
    await writer.wait_closed()


asyncio.run(main())
