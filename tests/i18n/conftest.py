import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _back_to_thai():
    """A request in English leaves English active in the thread; later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
