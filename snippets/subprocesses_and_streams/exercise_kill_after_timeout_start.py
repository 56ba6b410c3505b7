"""Exercise: run two children with a time limit each, and kill the one that overruns it."""
import asyncio
import sys


async def run_with_limit(code, limit):
    # Start `code` in a child Python: asyncio.create_subprocess_exec(sys.executable, "-c", code).
    # Wait for it at most `limit` seconds. If it has not finished by then, kill it.
    # Return its return code.
    return None


async def main():
    # Run these two children at the same time, each with limit=0.5:
    #   "print('quick child: done')"
    #   "import time; time.sleep(60)"
    # Then print "quick child's return code: ..." and "slow child's return code: ...".
    print("no child started yet")


asyncio.run(main())
