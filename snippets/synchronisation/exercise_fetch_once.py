"""Exercise solution: five tasks need the config; ask the server only once."""
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
        self.lock = asyncio.Lock()

    async def get_racy(self):
        if self.value is None:  # all five tasks see no value...
            self.value = await fetch_from_server()  # ...and all five fetch
        return self.value

    async def get(self):
        async with self.lock:  # check and fill as one step
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
