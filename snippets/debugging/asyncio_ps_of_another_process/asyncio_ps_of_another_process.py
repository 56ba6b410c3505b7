"""Python 3.14+: `python -m asyncio ps` and `pstree` show the tasks of another running program."""
import subprocess
import sys


def asyncio_tool(command, pid):
    """What `python -m asyncio COMMAND PID` prints."""
    result = subprocess.run(
        [sys.executable, "-m", "asyncio", command, str(pid)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"python -m asyncio {command} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


crawler = subprocess.Popen(
    [sys.executable, "stuck_crawler.py"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
)
print("stuck_crawler.py:", crawler.stdout.readline().strip())
try:
    table = asyncio_tool("ps", crawler.pid).splitlines()
    tree = asyncio_tool("pstree", crawler.pid)
finally:
    crawler.kill()
    crawler.wait()

# The thread id, the task ids and the awaiter ids change from run to run:
# keep the columns from "task name" to "awaiter name".
start, end = table[0].index("task name"), table[0].index("awaiter id")
print("\n$ python -m asyncio ps PID")
for line in table:
    print(line[start:end].rstrip())
print("\n$ python -m asyncio pstree PID")
print(tree, end="")
