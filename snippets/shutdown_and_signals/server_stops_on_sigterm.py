"""On SIGTERM, a server stops listening, closes its clients' connections (3.13+) and waits for them."""
import asyncio
import os
import signal


async def handle(reader, writer):
    print("server: a client connected")
    try:
        while line := await reader.readline():  # b"" when the connection is closed
            writer.write(line.upper())
            await writer.drain()
        print("server: the connection is closed, the handler ends")
    finally:
        writer.close()
        await writer.wait_closed()


async def client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    print(f"client: got {await reader.readline()!r}, now waits for more")
    print(f"client: read {await reader.read()!r}: the server hung up")
    writer.close()
    await writer.wait_closed()


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.call_later(0.25, os.kill, os.getpid(), signal.SIGTERM)  # as `kill PID` would, at 0.25 s

    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # 0: any free port
    port = server.sockets[0].getsockname()[1]
    talking = asyncio.create_task(client(port))

    await stop.wait()
    print("main: SIGTERM, shutting the server down")
    server.close()  # 1. stop listening
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("main: a new client is refused")
    server.close_clients()  # 2. close the connections still open (Python 3.13+)
    await server.wait_closed()  # 3. wait until they are closed
    print("main: server closed")
    await talking


asyncio.run(main())
