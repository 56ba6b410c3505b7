"""Python 3.6: asynchronous generators and comprehensions (PEP 525, PEP 530).

Written for 3.6, which has no asyncio.run(): the loop is driven by hand.
"""
import asyncio


async def ticks(count):
    for number in range(count):
        await asyncio.sleep(0.1)
        yield number  # `yield` inside `async def`: an asynchronous generator


async def main():
    squares = [n * n async for n in ticks(4)]  # an asynchronous comprehension
    print("squares:", squares)


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
