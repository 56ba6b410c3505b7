"""Common mistake: the loop is closed while a task is still pending."""
import asyncio


async def heartbeat():
    try:
        while True:
            await asyncio.sleep(0.4)
            print("heartbeat")
    finally:
        print("heartbeat: finally")


async def main():
    asyncio.ensure_future(heartbeat())  # BUG: nothing ever stops this task
    await asyncio.sleep(1)
    print("main: done")


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
print("loop closed, the program ends")
