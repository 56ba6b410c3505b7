"""wait_for(): give up after a timeout, and cancel what was being awaited."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def query(name, seconds):
    print(f"{now()} {name}: started, needs {seconds} s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{now()} {name}: cancelled")
        raise  # let the cancellation carry on (see below)
    return f"{name} rows"


async def main():
    result = await asyncio.wait_for(query("fast", 0.5), timeout=2)
    print(f"{now()} main: got {result!r}")

    try:
        result = await asyncio.wait_for(query("slow", 5), timeout=2)
    except TimeoutError:
        print(f"{now()} main: TimeoutError, gave up on slow")


asyncio.run(main())
