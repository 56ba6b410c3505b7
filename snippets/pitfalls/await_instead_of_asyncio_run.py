"""The fix: asyncio.run() once at the top; await everywhere below it."""
import asyncio


async def fetch_settings():
    await asyncio.sleep(0.1)  # read them from a server
    return {"theme": "dark"}


async def load_settings():  # a coroutine now...
    return await fetch_settings()


async def main():
    settings = await load_settings()  # ...awaited like any other
    print("settings:", settings)


asyncio.run(main())
