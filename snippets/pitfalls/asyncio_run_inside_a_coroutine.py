"""asyncio.run() starts a new event loop, so it fails where one is running."""
import asyncio


async def fetch_settings():
    await asyncio.sleep(0.1)  # read them from a server
    return {"theme": "dark"}


def load_settings():  # an ordinary function...
    return asyncio.run(fetch_settings())


async def main():
    settings = load_settings()  # ...called while the loop is running
    print("settings:", settings)


asyncio.run(main())
