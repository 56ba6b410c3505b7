"""The old way to set up every new loop, a policy: deprecated in 3.14, to go in 3.16."""
import asyncio


class EagerPolicy(asyncio.DefaultEventLoopPolicy):  # deprecated since 3.14
    """Gives every new loop eager tasks: what a loop_factory does today."""

    def new_event_loop(self):
        loop = super().new_event_loop()
        loop.set_task_factory(asyncio.eager_task_factory)
        return loop


async def job():
    print("  job: started")
    await asyncio.sleep(0)
    return "done"


async def main():
    task = asyncio.create_task(job())
    print("  main: task created")
    print("  main: job is", await task)


asyncio.set_event_loop_policy(EagerPolicy())  # deprecated since 3.14
with asyncio.Runner() as runner:  # no loop_factory: the policy makes the loop
    runner.run(main())
    runner.run(main())
