"""One deadline for several steps: asyncio.timeout() around the block."""
import asyncio
import time


async def step(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{time.perf_counter() - start:.2f} s  {name} done")


async def main():
    try:
        async with asyncio.timeout(2):  # 2 s for everything inside, together
            await step("connect", 0.5)
            await step("log in", 0.5)
            await step("download", 3)  # cancelled at the deadline
            await step("log out", 0.5)
    except TimeoutError:
        print(f"{time.perf_counter() - start:.2f} s  gave up: deadline reached")


start = time.perf_counter()
asyncio.run(main())
