"""Solution: get() reads a body sent with Transfer-Encoding: chunked, chunk by chunk."""
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


async def read_chunked(reader):
    """Reads chunks until the empty one, and returns them joined: the body."""
    body = b""
    while True:
        size_line = await reader.readline()  # b"7\r\n": the size in hexadecimal
        size = int(size_line.split(b";")[0], 16)  # a size may be followed by ";name=value"
        if size == 0:
            break
        chunk = await reader.readexactly(size)
        print(f"  a chunk of {size} bytes: {chunk!r}")
        body += chunk
        await reader.readexactly(2)  # the b"\r\n" after each chunk
    while await reader.readline() not in (b"\r\n", b""):  # trailer headers, if any, up to an empty line
        pass
    return body


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
        if headers.get("transfer-encoding") == "chunked":
            body = await read_chunked(reader)
        else:
            body = await reader.readexactly(int(headers["content-length"]))
        return status_line, headers, body
    finally:
        writer.close()
        await writer.wait_closed()


async def main(port):
    print("GET /")
    status_line, headers, body = await get(port, "/")
    print(f"{status_line!r}, {body!r}")


with http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChunkedHandler) as server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        asyncio.run(main(server.server_address[1]))
    finally:
        server.shutdown()
