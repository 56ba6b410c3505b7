"""An HTTP/1.1 GET written by hand over asyncio.open_connection(), against a local http.server."""
import asyncio
import http.server
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    """The program's own web server: the standard library's http.server, in a thread."""

    protocol_version = "HTTP/1.1"  # keep each connection open for more requests, as most servers do

    def do_GET(self):
        if self.path == "/hello":
            status, body = 200, b"Hello, world!\n"
        else:
            status, body = 404, b"Nothing here.\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # no log line on stderr for each request


async def get(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"  # an empty line ends it
        writer.write(request.encode("ascii"))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")  # the status line and headers, up to the empty line
        lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
        status_line = lines[0]
        headers = {}
        for line in lines[1:]:  # "Name: value"
            name, value = line.split(":", 1)
            headers[name.lower()] = value.strip()  # header names are case-insensitive
        body = await reader.readexactly(int(headers["content-length"]))  # the body, no more
        return status_line, headers, body
    finally:
        writer.close()
        await writer.wait_closed()


async def main(port):
    for path in ["/hello", "/missing"]:
        status_line, headers, body = await get(port, path)
        print(f"GET {path}")
        print(f"  status line: {status_line!r}")
        print(f"  headers: {sorted(headers)}")
        print(f"  Content-Type: {headers['content-type']}")
        print(f"  body, {headers['content-length']} bytes: {body!r}")


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:  # 0: any free port
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    asyncio.run(main(server.server_address[1]))
    server.shutdown()  # stop serve_forever() in the other thread
