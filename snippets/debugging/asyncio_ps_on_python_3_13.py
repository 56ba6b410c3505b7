"""Before Python 3.14, `python -m asyncio ps PID` is no error: it opens the REPL."""
import subprocess
import sys

command = [sys.executable, "-m", "asyncio", "ps", "12345"]
# stdin is empty, so the REPL that opens reads end-of-file and exits at once
result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
lines = result.stderr.splitlines()
print("exit status:", result.returncode)
print("first line: ", " ".join(lines[0].split()[:2]), "...")
print("last line:  ", lines[-1])
