"""Python 3.8: `python -m asyncio` opens a REPL where `await` works at the top level.

The REPL reads its lines from a pipe here, as if they were typed.
"""
import subprocess
import sys

TYPED = "import asyncio\nawait asyncio.sleep(0.1)\nprint('top-level await works')\n"

session = subprocess.run(
    [sys.executable, "-m", "asyncio"],
    input=TYPED, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
)
if session.returncode != 0:  # no asyncio REPL in this Python: say why
    sys.exit(session.stderr.strip().splitlines()[-1])
# What the REPL printed, without its ">>> " prompts (they go to stdout too).
print(session.stdout.replace(">>> ", "").strip())
