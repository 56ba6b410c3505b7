"""The fix: before closing the loop, cancel the tasks still pending and wait for them, as asyncio.run() does."""
import asyncio


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.4)
            print("heartbeat")
    finally:
        print("heartbeat: finally")


async def main():
    asyncio.ensure_future(heartbeat())
    await asyncio.sleep(1)
    print("main: done")


def cancel_leftovers(loop):
    leftovers = asyncio.all_tasks(loop)
    print(f"{len(leftovers)} task(s) still pending: cancelling them")
    for task in leftovers:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main())
finally:
    cancel_leftovers(loop)
    loop.close()
print("loop closed, the program ends")
