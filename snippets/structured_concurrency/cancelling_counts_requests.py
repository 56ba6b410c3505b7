"""Task.cancelling() counts cancellation requests: how timeout() and TaskGroup tell theirs from others'."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    count = asyncio.current_task().cancelling()
    print(f"{time.perf_counter() - START:.2f} s  {message:<44} cancelling() = {count}")


async def wait(what):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log(f"{what}: CancelledError")
        raise


async def fail_soon():
    await asyncio.sleep(0.5)
    raise ValueError("bad data")


async def with_timeout():
    try:
        async with asyncio.timeout(1):
            await wait("  inside timeout(1)")
    except TimeoutError:
        log("  out of the block: TimeoutError")
    except asyncio.CancelledError:
        log("  out of the block: CancelledError")
        raise


async def main():
    log("1. the timeout expires")
    await with_timeout()

    log("2. main cancels a task before its timeout")
    task = asyncio.create_task(with_timeout())
    await asyncio.sleep(0.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log(f"  main: task.cancelled() is {task.cancelled()}")

    log("3. a task of the group fails")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_soon())
            await wait("  the body")
    except* ValueError:
        log("  out of the block: ExceptionGroup")


asyncio.run(main())
