"""Nested TaskGroups: a failure in one cancels its siblings, and comes out as a group inside a group."""
import asyncio
import time

START = time.perf_counter()


def log(message):
    print(f"{time.perf_counter() - START:.2f} s  {message}")


def show(error, depth=1):
    """Print an exception group as a tree."""
    if isinstance(error, BaseExceptionGroup):
        print(f"{'    ' * depth}{type(error).__name__}: {error.message}")
        for inner in error.exceptions:
            show(inner, depth + 1)
    else:
        print(f"{'    ' * depth}{error!r}")


async def deploy_to(server, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        await asyncio.sleep(0.2)  # roll back what was done so far
        if server == "us-1":
            log(f"{server}: cancelled, and the rollback fails")
            raise RuntimeError("us-1: rollback failed")
        log(f"{server}: cancelled, rolled back")
        raise
    if server == "eu-2":
        log(f"{server}: fails")
        raise ConnectionError("eu-2: connection refused")
    log(f"{server}: deployed")


async def deploy_region(region, servers):
    async with asyncio.TaskGroup() as tg:  # the inner group: one task per server
        for server, seconds in servers.items():
            tg.create_task(deploy_to(server, seconds))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:  # the outer group: one task per region
            tg.create_task(deploy_region("eu", {"eu-1": 3, "eu-2": 1}))
            tg.create_task(deploy_region("us", {"us-1": 3, "us-2": 0.5}))
    except* ConnectionError as group:
        log("except* ConnectionError got:")
        show(group)
    except* RuntimeError as group:
        log("except* RuntimeError got:")
        show(group)


asyncio.run(main())
