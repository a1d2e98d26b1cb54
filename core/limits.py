"""Size limits on free text: every text field in a model and a form has one.

A 4.6 MB rationale made a 1,008-page PDF that held a worker for a minute; a
limit stops it at the form with a Thai message (``locale/th`` gives Django's
length messages in Thai) and at ``full_clean()`` for any other writer.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property

# Long narrative fields (rationale, minutes discussion, results): about four printed pages.
TEXT_MAX = 10_000


class LongTextField(models.TextField):
    """A ``TextField`` with a length limit that forms show and ``full_clean()`` enforces."""

    def __init__(self, *args, max_length: int = TEXT_MAX, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, MaxLengthValidator(self.max_length)]
