"""Where is a task waiting? get_stack() shows only its outermost coroutine."""
import asyncio


async def fetch(url):
    await asyncio.sleep(60)  # stands in for a server that never answers


async def crawl(urls):
    for url in urls:
        await fetch(url)


async def main():
    crawler = asyncio.create_task(crawl(["/a", "/b"]), name="crawler")
    await asyncio.sleep(1)
    for frame in crawler.get_stack():
        print(f"{crawler.get_name()} is in {frame.f_code.co_name}(), line {frame.f_lineno}")
    crawler.print_stack()
    crawler.cancel()


asyncio.run(main())
