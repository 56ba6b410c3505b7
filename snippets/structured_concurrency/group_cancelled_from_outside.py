"""Cancel the task that owns a TaskGroup: the body and every task of the group are cancelled."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def fetch(name, seconds, cleanup):
    try:
        await asyncio.sleep(seconds)
        log(f"{name}: done")
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup)  # closing a connection takes time, and the group waits for it
        log(f"{name}: cancelled, connection closed")
        raise


async def handle_request():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("users", 1, cleanup=0.2))
            tg.create_task(fetch("orders", 3, cleanup=0.5))
            tg.create_task(fetch("prices", 4, cleanup=0.2))
            try:
                await asyncio.sleep(2)  # the body has work of its own
                log("body: finished its own work")
            except asyncio.CancelledError:
                log("body: cancelled")
                raise
    except asyncio.CancelledError:
        log("handle_request: CancelledError came out of the block")
        raise
    log("handle_request: answered")  # never reached


async def main():
    request = asyncio.create_task(handle_request())
    await asyncio.sleep(1.5)
    log("main: the client went away, cancelling the request")
    request.cancel()
    try:
        await request
    except asyncio.CancelledError:
        log(f"main: request.cancelled() is {request.cancelled()}")


asyncio.run(main())
