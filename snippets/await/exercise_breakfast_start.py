"""Exercise: breakfast takes 0.50 s; change only main so that it is ready at 0.30 s."""
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
    # Change only main: breakfast should be ready at 0.30 s, still printing
    # breakfast: ['coffee', 'toast'].
    coffee = await make("coffee", 0.3)
    toast = await make("toast", 0.2)
    log(f"breakfast: {[coffee, toast]}")


asyncio.run(main())
