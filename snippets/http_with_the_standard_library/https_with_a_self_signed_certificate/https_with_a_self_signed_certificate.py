"""HTTPS by hand: open_connection(..., ssl=context), trusting a self-signed certificate with cafile=."""
import asyncio
import http.server
import ssl
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"Hello over TLS!\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


async def get(port, path, context, server_hostname=None):
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", port, ssl=context, server_hostname=server_hostname  # None: the host, 127.0.0.1
    )
    try:
        print(f"  connected with {writer.get_extra_info('ssl_object').version()}")
        writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode("ascii"))
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
    finally:
        writer.close()
        await writer.wait_closed()


async def main(port):
    print("trusting cert.pem, for the name 'localhost':")
    trusting = ssl.create_default_context(cafile="cert.pem")  # trust this certificate
    status_line, body = await get(port, "/", trusting, server_hostname="localhost")
    print(f"  {status_line!r}, {body!r}")

    print("trusting the system's certificates only:")
    try:
        await get(port, "/", ssl.create_default_context(), server_hostname="localhost")
    except ssl.SSLCertVerificationError as error:
        print(f"  {type(error).__name__}: {error.verify_message}")

    print("trusting cert.pem, without server_hostname:")
    try:
        await get(port, "/", trusting)
    except ssl.SSLCertVerificationError as error:
        print(f"  {type(error).__name__}: {error.verify_message}")


server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_side.load_cert_chain("cert.pem", "key.pem")  # the certificate and its private key
with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
    server.socket = server_side.wrap_socket(server.socket, server_side=True)  # HTTPS
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    asyncio.run(main(server.server_address[1]))
    server.shutdown()
