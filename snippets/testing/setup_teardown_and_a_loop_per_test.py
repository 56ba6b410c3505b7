"""asyncSetUp and asyncTearDown, and a new event loop for every test."""
import asyncio
import unittest

loops = []


async def watch_forever():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("    (leftover task cancelled as the test's loop closes)")
        raise


class LifecycleTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self):
        print("setUp")

    async def asyncSetUp(self):
        loops.append(asyncio.get_running_loop())
        print(f"  asyncSetUp: event loop number {len(loops)}")

    async def test_one(self):
        print("    test_one starts a task and does not wait for it")
        self.watcher = asyncio.create_task(watch_forever())

    async def test_two(self):
        print("    test_two")

    async def asyncTearDown(self):
        print("  asyncTearDown")

    def tearDown(self):
        print("tearDown")


unittest.main(argv=["tests"], exit=False, verbosity=0)
print("same loop for both tests?", loops[0] is loops[1])
print("first loop closed?", loops[0].is_closed())
