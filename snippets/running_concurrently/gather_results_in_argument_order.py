"""gather() returns the results in the order of its arguments, not of completion."""
import asyncio
import time


async def download(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{time.perf_counter() - start:.2f} s  {name} finished")
    return f"{name}: {seconds * 100} kB"


async def main():
    results = await asyncio.gather(
        download("slow.txt", 3),
        download("fast.txt", 1),
        download("medium.txt", 2),
    )
    print(f"{time.perf_counter() - start:.2f} s  gather returned:")
    for result in results:
        print("   ", result)


start = time.perf_counter()
asyncio.run(main())
