"""loop_factory= (3.12+): make and set up the event loop yourself, where a policy used to."""
import asyncio


def make_loop():
    """asyncio.run() or the Runner calls this to get the loop it runs on."""
    print("make_loop: a new loop, with eager tasks")
    loop = asyncio.new_event_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    return loop


async def job():
    print("  job: started")
    await asyncio.sleep(1)
    return "done"


async def main():
    task = asyncio.create_task(job())
    print("  main: task created")
    print("  main: job is", await task)


print("asyncio.run(main(), loop_factory=make_loop):")
asyncio.run(main(), loop_factory=make_loop)

print("asyncio.Runner(loop_factory=make_loop), run() twice:")
with asyncio.Runner(loop_factory=make_loop) as runner:
    runner.run(main())
    runner.run(main())
