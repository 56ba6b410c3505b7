"""A forgotten await in an `if`: a coroutine object is always true."""
import asyncio


async def is_admin(user):
    await asyncio.sleep(0.1)  # look the user up in a database
    return user == "ada"


async def main():
    for user in ["ada", "guest"]:
        if is_admin(user):  # BUG: should be `if await is_admin(user):`
            print(f"{user}: access granted")
        else:
            print(f"{user}: access denied")


asyncio.run(main())
