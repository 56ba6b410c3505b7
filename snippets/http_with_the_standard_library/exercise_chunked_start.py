"""Exercise: this server sends its answer in chunks, with no Content-Length, and get() fails."""
import asyncio
import http.server
import threading


class ChunkedHandler(http.server.BaseHTTPRequestHandler):
    """Answers with Transfer-Encoding: chunked, as servers do when they do not know the length ahead."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")  # and close the connection after this answer
        self.end_headers()
        chunks = [b"Hello, ", b"chunked ", b"world!\n", b""]  # an empty chunk ends the body
        self.wfile.write(b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks))  # size in hex, bytes

    def log_message(self, format, *args):
        pass


async def get(port, path):
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
        return status_line, headers, body
    finally:
        writer.close()
        await writer.wait_closed()


async def main(port):
    status_line, headers, body = await get(port, "/")
    print(f"{status_line!r}, {body!r}")


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChunkedHandler) as server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        asyncio.run(main(server.server_address[1]))
    finally:
        server.shutdown()
