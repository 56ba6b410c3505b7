"""Debug mode names the task that blocked the event loop, and for how long."""
import asyncio
import time


async def load_config():
    time.sleep(0.2)  # BUG: a blocking call inside a coroutine
    await asyncio.sleep(0.1)
    return {"retries": 3}


async def main():
    task = asyncio.create_task(load_config(), name="load-config")
    print("config:", await task)


asyncio.run(main(), debug=True)
