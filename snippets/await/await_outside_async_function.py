"""`await` inside a plain `def`: the file does not compile, so none of it runs."""
from pathlib import Path

# The program with the mistake. This example saves it as broken.py and
# imports it. Like `python3 broken.py`, that compiles the whole file
# before running any of it.
Path("broken.py").write_text('''\
import asyncio

print("This line never runs: the file does not compile.")


def main():  # BUG: should be `async def main():`
    await asyncio.sleep(1)
    print("Done")


asyncio.run(main())
''')

import broken
