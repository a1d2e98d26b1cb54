from django.shortcuts import render

from search.selectors import MAX_QUERY, SearchError, search


def search_page(request):
    """One box in the navigation: resolutions, minutes, agenda items, proposals and papers in the user's scope."""
    q = request.GET.get("q", "")
    words, hits, error = [], [], None
    if q.strip():
        try:
            words, hits = search(request.user, q)
        except SearchError as exc:
            error = str(exc)
    return render(
        request,
        "search/results.html",
        {"q": q[:MAX_QUERY], "words": words, "hits": hits, "error": error, "max_query": MAX_QUERY},
        status=200,
    )
