"""Python 3.7: asyncio.run(), asyncio.create_task() and asyncio.get_running_loop()."""
import asyncio


async def greet(name):
    await asyncio.sleep(0.1)
    return "hello, " + name


async def main():
    loop = asyncio.get_running_loop()  # only inside a coroutine: the loop running it
    start = loop.time()
    task = asyncio.create_task(greet("world"))  # scheduled on that loop at once
    print(await task, f"after {loop.time() - start:.1f} s")


asyncio.run(main())  # creates a loop, runs main() to the end, closes the loop
