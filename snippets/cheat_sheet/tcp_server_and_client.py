"""A TCP server with asyncio.start_server() and a client for it, in one program."""
import asyncio


async def handle(reader, writer):
    """Runs for each client that connects, in a task of its own."""
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    async with server:  # closes the server at the end of the block
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"hello\n")
        await writer.drain()
        print("client got", await reader.readline())
        writer.close()
        await writer.wait_closed()


asyncio.run(main())
