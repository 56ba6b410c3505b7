"""A sleep() of our own, from a Future and loop.call_later(), beside asyncio's."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def sleep(delay, result=None):
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    timer = loop.call_later(delay, future.set_result, result)
    try:
        return await future  # the task is suspended until the timer fires
    finally:
        timer.cancel()  # does nothing if it fired; stops it if we were cancelled


async def nap(name, sleep_function, seconds):
    log(f"{name} sleeps {seconds} s")
    message = await sleep_function(seconds, result=f"{name} woke up")
    log(message)
    return message


async def main():
    results = await asyncio.gather(
        nap("ours", sleep, 1.5),
        nap("asyncio's", asyncio.sleep, 1.0),
        nap("ours again", sleep, 0.5),
    )
    log(f"gather returned {results}")


asyncio.run(main())
