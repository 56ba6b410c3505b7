"""Exercise: a countdown made of timers, with loop.call_later() and no asyncio.sleep() (see the page)."""
import asyncio


async def countdown(n):
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Print n, n - 1, ..., 1 one second apart, then "liftoff!" one second after 1,
    # each with loop.time() - start, scheduled with loop.call_later() only.
    # Return only after "liftoff!": let its callback complete a Future, and await it.


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await countdown(3)
    print(f"countdown() returned after {loop.time() - start:.2f} s")


asyncio.run(main())
