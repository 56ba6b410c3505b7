"""A failing test, on purpose: assert_awaited finds a forgotten await."""
import unittest
from unittest.mock import AsyncMock


async def close_order(order, save):
    order["status"] = "closed"
    save(order)  # BUG: should be `await save(order)`


class CloseOrderTest(unittest.IsolatedAsyncioTestCase):
    async def test_saves_the_closed_order(self):
        save = AsyncMock()
        order = {"id": 7, "status": "open"}
        await close_order(order, save)
        save.assert_called_once_with(order)  # passes: save() was called...
        save.assert_awaited_once_with(order)  # ...but fails: it was never awaited


unittest.main(argv=["tests"], exit=False)
print("unittest.main() returned; the program ends normally")
