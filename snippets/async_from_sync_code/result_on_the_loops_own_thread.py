"""future.result() from a coroutine on the same loop: the loop waits for itself."""
import asyncio


async def fetch(name):
    await asyncio.sleep(0.25)  # stands in for a request
    return f"{name}: 200 OK"


def fetch_sync(loop, name):
    """A synchronous helper, meant for threads that run no loop."""
    future = asyncio.run_coroutine_threadsafe(fetch(name), loop)
    return future.result(timeout=0.5)  # without a timeout, it waits forever


async def main():
    loop = asyncio.get_running_loop()
    print("main: calling fetch_sync()")
    print(fetch_sync(loop, "index.html"))  # BUG: main runs on that loop's thread


asyncio.run(main())
