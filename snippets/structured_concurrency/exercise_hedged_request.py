"""Exercise solution: a hedged request in a TaskGroup; the first answer stops the group."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


async def fetch(server, seconds):
    await asyncio.sleep(seconds)
    return f"price from {server}"


class Answer(Exception):
    """Raised by the first attempt that gets an answer: it stops the group."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


async def attempt(server, seconds):
    log(f"  {server}: asked")
    try:
        value = await fetch(server, seconds)
    except asyncio.CancelledError:
        log(f"  {server}: cancelled")
        raise
    raise Answer(value)


async def hedged(primary, backup, delay):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(attempt(*primary))
            await asyncio.sleep(delay)  # cancelled, with the group, if the primary answers first
            tg.create_task(attempt(*backup))
    except* Answer as group:
        answer = group.exceptions[0].value  # `return` is not allowed in an except* block
    return answer


async def main():
    log("1. the primary answers within 0.5 s")
    log(f"  -> {await hedged(('primary', 0.3), ('backup', 1), delay=0.5)}")

    log("2. the primary is slow")
    log(f"  -> {await hedged(('primary', 3), ('backup', 1), delay=0.5)}")

    log("3. the caller gives up after 0.4 s")
    try:
        async with asyncio.timeout(0.4):
            await hedged(("primary", 3), ("backup", 1), delay=0.5)
    except TimeoutError:
        left = [task for task in asyncio.all_tasks() if task.get_coro().__name__ == "attempt"]
        log(f"  -> TimeoutError; attempts still running: {len(left)}")


asyncio.run(main())
