"""asyncio.Runner (3.11+): several run() calls on one loop, sharing state."""
import asyncio


async def heartbeat(state):
    while True:
        await asyncio.sleep(1)
        state["beats"] += 1


async def start(state):
    state["loop"] = asyncio.get_running_loop()
    state["beats"] = 0
    state["heartbeat"] = asyncio.create_task(heartbeat(state))


async def work(state, seconds):
    await asyncio.sleep(seconds)
    same = asyncio.get_running_loop() is state["loop"]
    print(f"worked {seconds} s; same loop: {same}; beats so far: {state['beats']}")


state = {}
with asyncio.Runner() as runner:
    runner.run(start(state))
    runner.run(work(state, 2.5))
    runner.run(work(state, 1))
    print("heartbeat still running:", not state["heartbeat"].done())

print("after the with block:")
print("heartbeat cancelled:", state["heartbeat"].cancelled())
print("loop closed:", state["loop"].is_closed())
