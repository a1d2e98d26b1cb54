"""Small translation helpers (issue #14: English throughout)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import lazy
from django.utils.translation import gettext_noop

# Words that reach the pages through settings; their English is in the catalogue.
SETTINGS_WORDS = (gettext_noop("กปค.01"),)


def _call(make: Callable[[], str]) -> str:
    return make()


_lazy_call = lazy(_call, str)


def lazy_text(make: Callable[[], str]):
    """A string built when it is read, in the reader's language: for text made at import time
    (a form field's help or error) that formats a translated message with values."""
    return _lazy_call(make)
