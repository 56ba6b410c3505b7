"""A task that swallows a cancellation must call uncancel(), or a later timeout raises CancelledError."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def job(call_uncancel):
    this_task = asyncio.current_task()
    try:
        async with asyncio.timeout(4):  # a deadline for the whole job
            try:
                await asyncio.sleep(3)  # download fresh prices; "stop" means: use the cached ones
                prices = "fresh prices"
            except asyncio.CancelledError:  # BUG without uncancel(): swallowed, but still counted
                prices = "cached prices"
                log(f"job: download stopped, using {prices}; cancelling() = {this_task.cancelling()}")
                if call_uncancel:
                    this_task.uncancel()  # the fix: this cancellation is dealt with
            await asyncio.sleep(5)  # upload a report: too slow, the deadline passes
            log("job: report uploaded")
    except TimeoutError:
        log(f"job: TimeoutError, the deadline passed; cancelling() = {this_task.cancelling()}")
    except asyncio.CancelledError:
        log(f"job: CancelledError came out of the timeout block; cancelling() = {this_task.cancelling()}")
        raise


async def main():
    for call_uncancel in (False, True):
        log(f"-- uncancel() {'called' if call_uncancel else 'forgotten'}")
        task = asyncio.create_task(job(call_uncancel))
        await asyncio.sleep(1)
        log("main: stop the download")
        task.cancel()
        try:
            await task
            log("main: the job ended normally")
        except asyncio.CancelledError:
            log("main: the job was cancelled")


asyncio.run(main())
