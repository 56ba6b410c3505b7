"""asyncio.timeout() and timeout_at(): one time limit for a whole block."""
import asyncio
import time

START = time.perf_counter()


def now():
    return f"{time.perf_counter() - START:.2f}"


async def step(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{now()} {name} done")


async def main():
    try:
        async with asyncio.timeout(2.5):  # 2.5 s for all three steps
            await step("connect", 1)
            await step("log in", 1)
            await step("download", 1)
    except TimeoutError:
        print(f"{now()} timeout(2.5): gave up")

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1.5  # a point in time on the loop's clock
    async with asyncio.timeout_at(deadline) as cm:
        await step("ping", 1)
    print(f"{now()} ping in time; expired: {cm.expired()}")
    try:
        async with asyncio.timeout_at(deadline) as cm:  # same deadline
            await step("upload", 1)
    except TimeoutError:
        print(f"{now()} timeout_at: gave up; expired: {cm.expired()}")


asyncio.run(main())
