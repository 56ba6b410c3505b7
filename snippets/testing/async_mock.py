"""AsyncMock stands in for an async dependency and records how it was awaited."""
import unittest
from unittest.mock import AsyncMock, Mock


class PriceClient:
    async def fetch_price(self, item):
        raise NotImplementedError("the real one talks to a server")


async def price_with_tax(client, item):
    price = await client.fetch_price(item)
    return round(price * 1.2, 2)


class PriceWithTaxTest(unittest.IsolatedAsyncioTestCase):
    async def test_adds_tax(self):
        client = Mock(spec=PriceClient)  # its async methods become AsyncMocks
        client.fetch_price.return_value = 10
        self.assertEqual(await price_with_tax(client, "apple"), 12.0)
        client.fetch_price.assert_awaited_once_with("apple")

    async def test_passes_errors_on(self):
        client = Mock(fetch_price=AsyncMock(side_effect=ConnectionError("down")))
        with self.assertRaises(ConnectionError):
            await price_with_tax(client, "apple")
        client.fetch_price.assert_awaited_once()

    async def test_plain_mock_cannot_be_awaited(self):
        client = Mock()  # a mistake: client.fetch_price() returns a Mock
        # Python's words changed in 3.14 ("can't be used in 'await' expression",
        # then "can't be awaited"): match only the part that both contain.
        with self.assertRaisesRegex(TypeError, "await"):
            await price_with_tax(client, "apple")


unittest.main(argv=["tests"], exit=False, verbosity=2)
