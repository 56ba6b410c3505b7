"""Server.serve_forever() serves until its task is cancelled, then closes the server."""
import asyncio


async def handle(reader, writer):
    line = await reader.readline()
    if line:  # b"" if the connection was closed before the client said anything
        writer.write(b"hello, " + line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    serving = asyncio.create_task(server.serve_forever())  # what a server program awaits to the end

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ann\n")
    print(f"ann: got {await reader.readline()!r}")
    writer.close()
    await writer.wait_closed()

    reader, writer = await asyncio.open_connection("127.0.0.1", port)  # bob stays, silent for now
    await asyncio.sleep(0.1)
    print("main: bob is connected; cancelling serve_forever()")
    serving.cancel()  # what Ctrl+C does to a program whose main() awaits serve_forever()
    done, _ = await asyncio.wait([serving], timeout=1)
    print(f"main: serve_forever() ended within 1 s? {bool(done)}; serving? {server.is_serving()}")
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("carol: connection refused")

    writer.write(b"bob\n")
    print(f"bob: got {await reader.readline()!r}")
    writer.close()
    await writer.wait_closed()
    try:
        await serving
    except asyncio.CancelledError:
        print("main: serve_forever() has ended with CancelledError")


asyncio.run(main())
