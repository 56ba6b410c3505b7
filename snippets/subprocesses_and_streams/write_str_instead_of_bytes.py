"""Common mistake: streams carry bytes, and writer.write() refuses a str."""
import asyncio


async def handle(reader, writer):
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write("hello\n")  # BUG: a str, not bytes
        finally:
            writer.close()
            await writer.wait_closed()


asyncio.run(main())
