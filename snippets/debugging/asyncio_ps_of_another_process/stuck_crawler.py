"""A crawler that hangs: each fetch waits for a server that never answers."""
import asyncio


async def read_reply(url):
    reply = asyncio.get_running_loop().create_future()
    return await reply  # nobody ever sets it: a server that never answers


async def fetch(url):
    return await read_reply(url)


async def crawl(urls):
    async with asyncio.TaskGroup() as group:
        for url in urls:
            group.create_task(fetch(url), name=f"fetch {url}")


async def main():
    crawler = asyncio.create_task(crawl(["/a", "/b"]), name="crawler")
    await asyncio.sleep(0)  # crawl() runs and creates the two fetch tasks
    await asyncio.sleep(0)  # they run, and wait for their replies
    print("every task is waiting", flush=True)
    await crawler


asyncio.run(main())
