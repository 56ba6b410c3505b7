"""create_task(context=...) picks a task's context (3.11); to_thread() carries the context, run_in_executor() does not."""
import asyncio
import contextvars
import time

request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user", default=None)


def load_user():  # a blocking call, run in a thread
    time.sleep(0.5)
    return f"user of {request_id.get()}"


async def authenticate():
    user.set("ada")


async def main():
    request_id.set("req-1")
    print(f"to_thread():        {await asyncio.to_thread(load_user)}")
    loop = asyncio.get_running_loop()
    print(f"run_in_executor():  {await loop.run_in_executor(None, load_user)}")

    context = contextvars.copy_context()  # a copy of main's context, kept in a variable
    await asyncio.create_task(authenticate(), context=context)
    print(f"in main:            user is {user.get()!r}")
    print(f"in the task's context: user is {context[user]!r}, request_id is {context[request_id]!r}")


asyncio.run(main())
