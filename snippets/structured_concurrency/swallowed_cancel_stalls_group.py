"""A task that swallows its cancellation holds up its TaskGroup, and a timeout around it too."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def heartbeat():
    for beat in range(1, 6):  # think of it as `while True`: the program would then hang
        try:
            await asyncio.sleep(1)
            log(f"heartbeat {beat}")
        except asyncio.CancelledError:
            log("heartbeat: cancelled, carrying on")  # BUG: the CancelledError is swallowed


async def upload():
    await asyncio.sleep(1.5)
    raise ConnectionError("upload failed")


async def main():
    try:
        async with asyncio.timeout(3):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(heartbeat())
                tg.create_task(upload())
    except* ConnectionError:
        log("main: ExceptionGroup with the ConnectionError")
    except* TimeoutError:
        log("main: TimeoutError")


asyncio.run(main())
