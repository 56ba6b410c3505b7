"""`await` inside a plain `def`: the file does not compile, so none of it runs."""
import asyncio

print("This line never runs: the file does not compile.")


def main():  # BUG: should be `async def main():`
    await asyncio.sleep(1)
    print("Done")


asyncio.run(main())
