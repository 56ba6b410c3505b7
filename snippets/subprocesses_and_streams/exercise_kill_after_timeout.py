"""Solution: give each child a time limit, and kill the ones that overrun it."""
import asyncio
import sys


async def run_with_limit(code, limit):
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", code)
    try:
        await asyncio.wait_for(proc.wait(), timeout=limit)
    except TimeoutError:
        proc.kill()  # the timeout only stopped our waiting: the child still runs
        await proc.wait()  # collect its exit status
    return proc.returncode


async def main():
    quick, slow = await asyncio.gather(
        run_with_limit("print('quick child: done')", limit=0.5),
        run_with_limit("import time; time.sleep(60)", limit=0.5),
    )
    print("quick child's return code:", quick)
    print("slow child's return code:", slow)


asyncio.run(main())
