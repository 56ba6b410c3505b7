"""Start a child process and read its output line by line, as it comes."""
import asyncio
import sys
import time

CHILD = """
import time
for step in range(1, 4):
    print(f"step {step}", flush=True)
    time.sleep(0.3)
"""


async def main():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    print(f"child started, return code so far: {proc.returncode}")
    first = None
    async for line in proc.stdout:  # one line at a time, until the child closes it
        now = time.perf_counter()
        first = first or now
        print(f"+{now - first:.1f} s  {line.decode().rstrip()}")
    await proc.wait()
    print(f"child finished, return code: {proc.returncode}")


asyncio.run(main())
