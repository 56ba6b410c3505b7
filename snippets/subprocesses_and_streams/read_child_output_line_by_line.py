"""Start a child process and read its output line by line, as it comes."""
import asyncio
import sys

CHILD = """
import time
for step in range(1, 4):
    print(f"step {step}", flush=True)
    time.sleep(0.25)
"""


async def main():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, stdout=asyncio.subprocess.PIPE
    )
    print(f"child started, return code so far: {proc.returncode}")
    async for line in proc.stdout:  # one line at a time, until the child closes it
        print(f"got {line.decode().rstrip()!r} while the child runs: {proc.returncode is None}")
    await proc.wait()
    print(f"child finished, return code: {proc.returncode}")


asyncio.run(main())
