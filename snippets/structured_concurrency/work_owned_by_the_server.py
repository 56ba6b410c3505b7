"""Instead of shield() alone: the work belongs to a TaskGroup that outlives every request."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def write_to_disk(order, seconds):
    await asyncio.sleep(seconds)
    if order == "order-3":
        raise OSError("disk full")


async def save(order, seconds):
    try:
        await write_to_disk(order, seconds)
    except OSError as error:  # a job of the server's group handles its own errors (see below)
        log(f"{order}: save failed ({error}), reported to the admin")
        return None
    log(f"{order}: saved")
    return f"receipt for {order}"


async def handle_request(order, seconds, background):
    saving = background.create_task(save(order, seconds))  # owned by the server, not by this request
    try:
        receipt = await asyncio.shield(saving)  # wait for it, without passing our cancellation on
        log(f"{order}: answered with {receipt!r}")
    except asyncio.CancelledError:
        log(f"{order}: request cancelled at once, the save goes on")
        raise


async def main():
    async with asyncio.TaskGroup() as background:  # lives as long as the server
        async with asyncio.TaskGroup() as requests:
            requests.create_task(handle_request("order-1", 1, background))
            for order, seconds in (("order-2", 4), ("order-3", 2)):
                request = requests.create_task(handle_request(order, seconds, background))
                asyncio.get_running_loop().call_later(1.5, request.cancel)  # its client hangs up
        log("server: no more requests, waiting for the background work")
    log("server: stopped, nothing left behind")


asyncio.run(main())
