"""communicate() sends input, collects stdout and stderr, and waits for the exit."""
import asyncio
import sys

CHILD = """
import sys
text = sys.stdin.read()
print(text.upper(), end="")
print(f"read {len(text.splitlines())} lines", file=sys.stderr)
sys.exit(3)
"""


async def main():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await proc.communicate(b"hello\nworld\n")
    print("stdout:", stdout)
    print("stderr:", stderr)
    print("return code:", proc.returncode)


asyncio.run(main())
