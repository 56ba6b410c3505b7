"""Exercise solution: start the slow steps as tasks, then await them."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def make(food, seconds):
    log(f"start {food}")
    await asyncio.sleep(seconds)
    log(f"{food} ready")
    return food


async def main():
    coffee = asyncio.create_task(make("coffee", 0.3))
    toast = asyncio.create_task(make("toast", 0.2))
    log("both started")
    breakfast = [await coffee, await toast]
    log(f"breakfast: {breakfast}")


asyncio.run(main())
