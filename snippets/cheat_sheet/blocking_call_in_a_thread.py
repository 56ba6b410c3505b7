"""Python 3.9+: asyncio.to_thread() runs a blocking call in a thread; the loop stays free."""
import asyncio
import time


def read_report():
    time.sleep(2)  # stands in for a blocking call, such as a library's HTTP request
    return "report"


async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.5)
        print("tick: the loop is free")


async def main():
    report, _ = await asyncio.gather(asyncio.to_thread(read_report), ticker())
    print("got the", report)


asyncio.run(main())
