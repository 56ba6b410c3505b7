"""Exercise: five tasks need the config; make get() ask the server only once."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def fetch_from_server():
    print(f"{now()}   fetching the config from the server")
    await asyncio.sleep(1)
    return {"retries": 3}


class Config:
    def __init__(self):
        self.value = None

    async def get_racy(self):
        # The cache as it is: five tasks calling this at once all fetch. Keep it, to compare.
        if self.value is None:
            self.value = await fetch_from_server()
        return self.value

    async def get(self):
        # Change this one, so that the server is asked only once,
        # however many tasks call get() at the same time.
        if self.value is None:
            self.value = await fetch_from_server()
        return self.value


async def main(racy):
    config = Config()
    get = config.get_racy if racy else config.get
    print(f"{now()} {get.__name__}():")
    values = await asyncio.gather(*(get() for _ in range(5)))
    print(f"{now()}   all {len(values)} tasks got {values[0]}")


asyncio.run(main(racy=True))
asyncio.run(main(racy=False))
