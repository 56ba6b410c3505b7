"""wait_for() since 3.12 is asyncio.timeout() inside: the coroutine runs in your own task."""
import asyncio


async def query(name):
    print(f"  {name}: runs in {asyncio.current_task().get_name()}")
    await asyncio.sleep(0.5)
    return f"{name} rows"


async def main():
    print("main: runs in", asyncio.current_task().get_name())
    print("main: got", await asyncio.wait_for(query("wait_for"), timeout=2))

    async with asyncio.timeout(2):  # what wait_for() does since Python 3.12
        print("main: got", await query("timeout"))

    try:
        await asyncio.wait_for(query("zero"), timeout=0)
    except TimeoutError:
        print("main: timeout=0 gave TimeoutError; zero never ran")


asyncio.run(main())
