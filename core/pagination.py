"""One way to page a list that grows with the country (at most ``PAGE_SIZE`` rows a page)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int | None = None, *, count: int | None = None) -> Page:
    """The page ``?page=`` asks for (the last one when past the end, the first when not a number).

    Templates show it with ``partials/pagination.html``, whose links keep the list's filters.
    ``count``: the number of rows when already known (``core.cache.counted_version``), saving
    the paginator's ``COUNT(*)``.
    """
    size = per_page or settings.PAGE_SIZE
    paginator = Paginator(object_list, size)
    if count is not None:
        paginator.count = count  # a cached_property: the instance's value wins
    return paginator.get_page(request.GET.get("page"))


class UncountedPage:
    """A page of a list too long to count on every request (the audit trail): it knows whether
    there is a next page by reading one row more, never how many pages there are."""

    paginator = None

    def __init__(self, object_list, number: int, per_page: int, *, has_next: bool | None = None):
        self.number = number
        if has_next is not None:  # known already (a cached page's rows): no query
            self.object_list, self._has_next = [], has_next
            return
        rows = list(object_list[(number - 1) * per_page : number * per_page + 1])
        self.object_list = rows[:per_page]
        self._has_next = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(request) -> int:
    """The page ``?page=`` asks for (1 when it is not a positive number)."""
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def paginate_uncounted(request, object_list, per_page: int | None = None) -> UncountedPage:
    """Like ``paginate`` without the COUNT(*) (one query per page, whatever the table's size)."""
    return UncountedPage(object_list, page_number(request), per_page or settings.PAGE_SIZE)
