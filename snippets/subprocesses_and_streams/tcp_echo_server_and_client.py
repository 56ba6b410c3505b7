"""A TCP echo server and a client, with asyncio streams."""
import asyncio

handler_done = asyncio.Event()


async def handle_echo(reader, writer):
    """Runs once per connection, in its own task."""
    while line := await reader.readline():  # b"" once the client has closed
        print(f"server: echoing {line!r}")
        writer.write(line)
        await writer.drain()  # wait until the data can be sent
    print("server: client closed the connection")
    writer.close()
    await writer.wait_closed()
    handler_done.set()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    async with server:  # closes the server at the end of the block
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for message in ["hello", "world"]:
            writer.write(f"{message}\n".encode())
            await writer.drain()
            reply = await reader.readline()
            print(f"client: got {reply!r}")
        print("client: closing")
        writer.close()
        await writer.wait_closed()
        await handler_done.wait()


asyncio.run(main())
