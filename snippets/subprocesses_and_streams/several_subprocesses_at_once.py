"""Three child processes run at the same time: the total is the longest, not the sum."""
import asyncio
import sys
import time

CHILD = """
import sys, time
time.sleep(0.4)  # stands in for a slow command
print(f"{sys.argv[1]}: {len(sys.argv[1])} letters")
"""


async def run(word):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, word, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await proc.communicate()
    return stdout.decode().strip()


async def main():
    words = ["apple", "banana", "cherry"]

    start = time.perf_counter()
    for word in words:
        print(await run(word))
    took = time.perf_counter() - start
    print(f"one after another: took 1.2 s or more? {took >= 1.2}")

    start = time.perf_counter()
    print(await asyncio.gather(*(run(word) for word in words)))
    took = time.perf_counter() - start
    print(f"all at once: took less than 0.8 s? {took < 0.8}")


asyncio.run(main())
