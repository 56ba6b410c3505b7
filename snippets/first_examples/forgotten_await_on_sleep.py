"""Example 1 with the `await` forgotten: nothing waits."""
import asyncio
import time


async def async_function():
    asyncio.sleep(1)  # BUG: should be `await asyncio.sleep(1)`
    print("Async function completed")


start = time.perf_counter()
asyncio.run(async_function())
print(f"took {time.perf_counter() - start:.0f} s")  # whole seconds: 0 or 1
