"""The standard library's blocking HTTP client, urllib.request.urlopen(), in threads with asyncio.to_thread()."""
import asyncio
import http.server
import threading
import time
import urllib.request


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET /wait/SECONDS after that many seconds, and 404 for any other path."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.startswith("/wait/"):
            seconds = float(self.path.rsplit("/", 1)[1])
            time.sleep(seconds)
            status, body = 200, f"waited {seconds} s\n".encode()
        else:
            status, body = 404, b"Nothing here.\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def fetch(url):
    """Blocking, so it runs in a worker thread: the request and the reading of the body."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers["Content-Type"], response.read()


async def main(port):
    paths = ["/wait/0.5", "/wait/0.5", "/missing"]
    start = time.perf_counter()
    results = await asyncio.gather(
        *(asyncio.to_thread(fetch, f"http://127.0.0.1:{port}{path}") for path in paths),
        return_exceptions=True,  # an exception raised in a thread comes back here
    )
    elapsed = time.perf_counter() - start
    for path, result in zip(paths, results):
        print(f"{path}: {result!r}")
    print(f"the two 0.5 s requests together took less than 0.9 s? {elapsed < 0.9}")
    try:
        await asyncio.wait_for(asyncio.to_thread(fetch, f"http://127.0.0.1:{port}/wait/1"), timeout=0.5)
    except asyncio.TimeoutError:  # the built-in TimeoutError, since Python 3.11
        print("/wait/1: gave up after 0.5 s, but its thread goes on with the request")


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler) as server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    start = time.perf_counter()
    asyncio.run(main(server.server_address[1]))  # at its end, waits for the pool's threads
    print(f"asyncio.run() waited for that thread: it took more than 1.4 s? {time.perf_counter() - start > 1.4}")
    server.shutdown()
