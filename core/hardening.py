"""Requests no page should ever see: NUL bytes in the path, the query or a form value.

PostgreSQL refuses NUL in text, so such a value reaching a query is a 500; here
it is a 400 with a Thai message before any view runs.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest

BAD_REQUEST = "คำขอมีอักขระที่ไม่อนุญาต กรุณาตรวจสอบที่อยู่หรือข้อมูลที่ส่ง"


def _has_nul(querydict) -> bool:
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in querydict.lists())


class RejectMalformedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = "\x00" in request.path or _has_nul(request.GET)
        if (
            not bad
            and request.method == "POST"
            # multipart bodies are left to the view: parsing them here would read every upload
            # before a view can stream it to disk (recordings); Django's form fields refuse NUL there
            and request.content_type == "application/x-www-form-urlencoded"
        ):
            bad = _has_nul(request.POST)
        if bad:
            return HttpResponseBadRequest(BAD_REQUEST, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Multipart bodies are checked once the view is known: a view that streams its uploads
        (it opts out of CSRF's own reading of the body, e.g. a meeting recording) parses them itself."""
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and not getattr(view_func, "csrf_exempt", False)
            and _has_nul(request.POST)
        ):
            return HttpResponseBadRequest(BAD_REQUEST, content_type="text/plain; charset=utf-8")
        return None
