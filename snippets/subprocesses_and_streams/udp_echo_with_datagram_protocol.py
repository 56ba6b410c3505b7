"""UDP with loop.create_datagram_endpoint(): a DatagramProtocol server and client exchange datagrams."""
import asyncio


class EchoServer(asyncio.DatagramProtocol):
    """asyncio calls these methods; the server never awaits anything."""

    def connection_made(self, transport):
        self.transport = transport  # the endpoint: transport.sendto() sends a datagram

    def datagram_received(self, data, addr):  # one whole datagram, and who sent it
        print(f"server: got {data!r}, sending it back in capitals")
        self.transport.sendto(data.upper(), addr)


class Client(asyncio.DatagramProtocol):
    def __init__(self):
        self.replies = asyncio.Queue()  # from the protocol's callbacks to the coroutine that waits

    def datagram_received(self, data, addr):
        self.replies.put_nowait(data)


async def main():
    loop = asyncio.get_running_loop()
    server_transport, _ = await loop.create_datagram_endpoint(
        EchoServer, local_addr=("127.0.0.1", 0)  # 0: any free port
    )
    server_address = server_transport.get_extra_info("sockname")
    client_transport, client = await loop.create_datagram_endpoint(Client, remote_addr=server_address)
    for message in [b"hello", b"world"]:
        client_transport.sendto(message)  # not a coroutine: sent at once, or kept until the socket can
        reply = await asyncio.wait_for(client.replies.get(), timeout=1)  # a lost datagram is never answered
        print(f"client: got {reply!r}")
    client_transport.close()
    server_transport.close()


asyncio.run(main())
