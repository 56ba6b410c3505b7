"""Calling your own coroutine function without `await`: its body never runs."""
import asyncio


async def save_report():
    await asyncio.sleep(1)
    print("Report saved")


async def main():
    save_report()  # BUG: should be `await save_report()`
    print("All done")


asyncio.run(main())
