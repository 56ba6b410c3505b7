"""The common mistake: read(n) or read() for an HTTP response, instead of reading Content-Length bytes."""
import asyncio
import http.server
import threading
import time

BODY = b"Hello, world!\n"


class Handler(http.server.BaseHTTPRequestHandler):
    """Sends the status line and headers at once, the body 0.3 s later (as a large body may arrive)."""

    protocol_version = "HTTP/1.1"  # the connection stays open after the answer, for the next request

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()  # sends the status line and the headers
        time.sleep(0.3)
        self.wfile.write(BODY)

    def log_message(self, format, *args):
        pass


async def send_get(port, extra_header=""):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra_header}\r\n".encode("ascii"))
    await writer.drain()
    return reader, writer


async def main(port):
    reader, writer = await send_get(port)
    data = await reader.read(65536)  # BUG: returns what has arrived so far, not the whole response
    head_only = data.endswith(b"\r\n\r\n") and BODY not in data
    print(f"read(65536) returned the status line and headers, and no body? {head_only}")
    print(f"read(65536) again: {await reader.read(65536)!r}")
    writer.close()
    await writer.wait_closed()

    reader, writer = await send_get(port)
    try:
        async with asyncio.timeout(1):
            data = await reader.read()  # BUG: waits for the end of the connection, which stays open
    except TimeoutError:
        print("read(): still waiting after 1 s, though the whole response came within 0.3 s")
    writer.close()
    await writer.wait_closed()

    reader, writer = await send_get(port, "Connection: close\r\n")  # ask the server to close after
    data = await reader.read()
    print(f"with 'Connection: close', read() returned the whole response? {data.endswith(BODY)}")
    writer.close()
    await writer.wait_closed()


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    asyncio.run(main(server.server_address[1]))
    server.shutdown()
