"""Exercise solution: coroutine objects, return values and one asyncio.run()."""
import asyncio
import time


async def fetch(item):
    await asyncio.sleep(0.2)  # stands in for a network request
    return f"{item}: ok"


async def main():
    results = []
    for item in ["a", "b", "c"]:
        results.append(await fetch(item))
    return results


unstarted = fetch("a")
print("fetch('a') gives a", type(unstarted).__name__)
unstarted.close()  # we never meant to run it: close it, and no warning

start = time.perf_counter()
print(asyncio.run(main()))
print(f"took {time.perf_counter() - start:.2f} s")
