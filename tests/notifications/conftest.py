import pytest
from django.core.cache import cache

from tests.notifications.fake_line import SECRET, TOKEN, FakeLine


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def fake_line(settings):
    """The fake LINE API on 127.0.0.1, with the product pointed at it."""
    server = FakeLine().start()
    settings.LINE_API_BASE = server.url
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_CHANNEL_ACCESS_TOKEN = TOKEN
    yield server
    server.stop()
