"""Two tasks on one thread take turns, switching only at `await`."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def worker(name, pause):
    for step in range(1, 4):
        log(f"{name} runs step {step}, then waits {pause} s")
        await asyncio.sleep(pause)  # the only place where `name` lets others run
    log(f"{name} is done")


async def main():
    await asyncio.gather(worker("A", 0.3), worker("B", 0.5))


asyncio.run(main())
