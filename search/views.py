from django.shortcuts import render

from search import selectors
from search.selectors import MAX_QUERY, SearchError


def search_page(request):
    """One box in the navigation: resolutions, minutes, agenda items, proposals and papers in the user's scope."""
    q = request.GET.get("q", "")
    found, error = None, None
    if q.strip():
        try:
            found = selectors.search_page(request.user, q, page=selectors.page_number(request.GET.get("page")))
        except SearchError as exc:
            error = str(exc)
    return render(
        request,
        "search/results.html",
        {
            "q": q[:MAX_QUERY],
            "words": found.words if found else [],
            "hits": found.hits if found else [],
            "found": found,
            "error": error,
            "max_query": MAX_QUERY,
        },
        status=200,
    )
