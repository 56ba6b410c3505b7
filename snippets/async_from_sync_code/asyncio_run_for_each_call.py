"""asyncio.run() for each call: a new loop each time, and the shared semaphore breaks."""
import asyncio


class Client:
    """An async client that sends at most two requests at a time."""

    def __init__(self):
        self.limit = asyncio.Semaphore(2)

    async def fetch(self, name):
        async with self.limit:
            await asyncio.sleep(0.5)  # stands in for a request
            return name.upper()

    async def fetch_all(self, names):
        return await asyncio.gather(*(self.fetch(name) for name in names))


client = Client()  # made once, used by every call below

for batch in (["a", "b", "c"], ["d", "e", "f"], ["g"]):
    try:
        print(asyncio.run(client.fetch_all(batch)))  # BUG: a new loop for each call
    except RuntimeError as error:
        # The message starts with the semaphore's repr: hide its memory address.
        print("RuntimeError:", str(error).replace(hex(id(client.limit)), "0x..."))
