"""shield() keeps the work going, but nobody owns it: its error is lost, and shutdown cancels it."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def save(order, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        log(f"{order}: save cancelled, the order is lost")
        raise
    if order == "order-3":
        raise OSError(f"{order}: disk full")
    log(f"{order}: saved")
    return f"receipt for {order}"


async def handle_request(order, seconds):
    try:
        receipt = await asyncio.shield(save(order, seconds))
        log(f"{order}: answered with {receipt!r}")
    except asyncio.CancelledError:
        log(f"{order}: request cancelled at once, the save goes on")
        raise


async def main():
    async with asyncio.TaskGroup() as requests:
        requests.create_task(handle_request("order-1", 1))
        for order, seconds in (("order-2", 4), ("order-3", 2)):
            request = requests.create_task(handle_request(order, seconds))
            asyncio.get_running_loop().call_later(1.5, request.cancel)  # its client hangs up
    log("main: no more requests")
    await asyncio.sleep(1)
    log("main: returns, and asyncio.run() cancels what is left")


asyncio.run(main())
