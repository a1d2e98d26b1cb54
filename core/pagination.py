"""One way to page a list that grows with the country (at most ``PAGE_SIZE`` rows a page)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int | None = None) -> Page:
    """The page ``?page=`` asks for (the last one when past the end, the first when not a number).

    Templates show it with ``partials/pagination.html``, whose links keep the list's filters.
    """
    size = per_page or settings.PAGE_SIZE
    return Paginator(object_list, size).get_page(request.GET.get("page"))
