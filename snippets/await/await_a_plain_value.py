"""`await` in front of an ordinary function: the result is not awaitable."""
import asyncio


def answer():  # a plain function, not `async def`
    return 42


async def main():
    value = await answer()  # BUG: this is `await 42`
    print("the answer is", value)


asyncio.run(main())
