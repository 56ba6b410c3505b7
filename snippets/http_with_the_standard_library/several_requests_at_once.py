"""Several HTTP requests at once in a TaskGroup, and a deadline on one, against a slow local server."""
import asyncio
import http.server
import threading
import time


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET /wait/SECONDS after that many seconds (each request in a thread of its own)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        seconds = float(self.path.rsplit("/", 1)[1])
        time.sleep(seconds)  # a slow answer: the page is being "computed"
        body = f"waited {seconds} s\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


async def get(port, path):
    """The GET of the first example; returns the status line and the body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
        status_line = lines[0]
        headers = {}
        for line in lines[1:]:
            name, value = line.split(":", 1)
            headers[name.lower()] = value.strip()
        body = await reader.readexactly(int(headers["content-length"]))
        return status_line, body
    finally:  # close the connection, also when a timeout cancels the request
        writer.close()
        await writer.wait_closed()


async def fetch(port, path):
    status_line, body = await get(port, path)
    print(f"{path}: {status_line!r}, {body!r}")


async def fetch_with_deadline(port, path, seconds):
    try:
        async with asyncio.timeout(seconds):
            await fetch(port, path)
    except TimeoutError:
        print(f"{path}: no answer within {seconds} s, gave up")


async def main(port):
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for path in ["/wait/0.75", "/wait/0.25", "/wait/0.5"]:
            tg.create_task(fetch(port, path))
        tg.create_task(fetch_with_deadline(port, "/wait/5", 1))
    elapsed = time.perf_counter() - start
    print(f"all four took less than 1.5 s? {elapsed < 1.5} (one after another: more than 2.5 s)")


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler) as server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    asyncio.run(main(server.server_address[1]))
    server.shutdown()
