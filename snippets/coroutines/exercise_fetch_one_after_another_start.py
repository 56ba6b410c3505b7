"""Exercise: write fetch() and main(), then run them from ordinary code (see the page)."""
import asyncio
import time

# Write fetch(item): a coroutine function that waits 0.2 s (standing in for a
# network request) and returns f"{item}: ok".

# Write main(): it fetches "a", "b" and "c" one after another and returns the
# list of results.

# 1. Call fetch("a") without running it, and print the type name of what you
#    get. Leave no "never awaited" warning behind.
print("fetch('a') gives a", "...")

# 2. Run main() with a single asyncio.run(), print the list it returns, and
#    print how long that took.
start = time.perf_counter()
print(f"took {time.perf_counter() - start:.2f} s")
