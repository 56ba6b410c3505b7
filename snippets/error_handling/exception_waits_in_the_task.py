"""A task's exception is kept in the task, and raised again where you await it."""
import asyncio


async def parse(text):
    await asyncio.sleep(0.5)
    return int(text)


async def fetch_price():
    text = "twelve"  # what the server sent back
    return await parse(text)


async def main():
    task = asyncio.create_task(fetch_price())
    await asyncio.sleep(1)  # other work; the task fails meanwhile, and nothing happens
    print(f"done: {task.done()}, exception: {task.exception()!r}")
    try:
        price = await task  # raises the task's exception here, in main()
    except ValueError as error:
        print(f"caught in main(): {error}")
    else:
        print(f"price: {price}")


asyncio.run(main())
