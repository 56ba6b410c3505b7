"""Before Python 3.14, `python -m asyncio ps PID` is no error: it opens the REPL."""
import subprocess
import sys

NO_SUCH_PROCESS = "99999999"  # larger than any process id Linux gives out
command = [sys.executable, "-m", "asyncio", "ps", NO_SUCH_PROCESS]
# stdin is empty, so a REPL that opens reads end-of-file and exits at once
result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
print("exit status:", result.returncode)
print("opened the asyncio REPL instead:", "asyncio REPL" in result.stderr)
