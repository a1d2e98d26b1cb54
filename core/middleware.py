"""What every request needs before Django's ``AuthenticationMiddleware`` runs.

Thai is the product's language unless the user chose English with the switch. Browsers of
officials often advertise English first; the product should not follow them. The language
cookie set by the switch still wins.

The signed-in user and their access are read through the cache with the request's other
per-user keys, in one cache call (``core.who``; issue #12). It lives here, between the session
and the authentication middleware, rather than as a middleware of its own, only to keep the
MIDDLEWARE setting unchanged while the settings module is being split.
"""

from core import who


class ThaiByDefaultMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        token = who.open_request(request)
        try:
            return self.get_response(request)
        finally:
            who.close_request(token)
