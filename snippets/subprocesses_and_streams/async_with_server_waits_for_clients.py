"""Since Python 3.12, the end of `async with server:` waits until every client has gone."""
import asyncio


async def handle(reader, writer):
    writer.write(b"welcome\n")
    await writer.drain()
    line = await reader.readline()  # waits until the client says something
    print(f"server: the client said {line!r}, closing the connection")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"client: connected, got {await reader.readline()!r}, now says nothing")
    try:
        async with asyncio.timeout(0.5):
            async with server:
                pass  # the end of this block closes the server
        print("main: 'async with server:' ended within 0.5 s")
    except TimeoutError:
        print("main: after 0.5 s, still waiting at the end of 'async with server:'")
    writer.write(b"bye\n")
    await writer.drain()
    await reader.read()  # b"" once the server has closed its end
    print("client: the server has closed the connection")
    writer.close()
    await writer.wait_closed()
    await server.wait_closed()  # no client is connected now
    print("main: server closed")


asyncio.run(main())
