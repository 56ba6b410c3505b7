"""asyncio.run() called from code that is already running in an event loop."""
import asyncio


async def read_setting(name):
    await asyncio.sleep(0.1)  # stands in for reading a file or a database
    return {"colour": "blue"}[name]


def get_setting(name):
    """A synchronous helper that hides the asyncio call."""
    return asyncio.run(read_setting(name))


async def main():
    print("main starts")
    colour = get_setting("colour")  # BUG: main is already running in a loop
    print("colour:", colour)


asyncio.run(main())
