"""A synchronous program calls async code several times on one loop, with asyncio.Runner (3.11+)."""
import asyncio
import time


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

with asyncio.Runner() as runner:
    for batch in (["a", "b", "c"], ["d", "e", "f"], ["g"]):
        start = time.monotonic()
        results = runner.run(client.fetch_all(batch))  # an ordinary call that returns the result
        print(f"{results} in {time.monotonic() - start:.1f} s")
