"""What every request needs before Django's ``AuthenticationMiddleware`` runs.

Thai is the product's language unless the user chose English with the switch. Browsers of
officials often advertise English first; the product should not follow them. The language
cookie set by the switch still wins.

The signed-in user and their access are read through the cache with the request's other
per-user keys, in one cache call (``core.who``; issue #12). It lives here, between the session
and the authentication middleware, rather than as a middleware of its own, only to keep the
MIDDLEWARE setting unchanged while the settings module is being split.
"""

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as _AuthenticationMiddleware
from django.utils.functional import LazyObject
from django_otp.middleware import OTPMiddleware as _OTPMiddleware

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


class AuthenticationMiddleware(_AuthenticationMiddleware):
    """Django's, with ``request.user`` the user itself rather than a lazy proxy of it (issue #12).

    The user is settled before this runs (``ThaiByDefaultMiddleware`` above, through the cache),
    and the middleware below reads ``request.user`` on every request anyway (login required, the
    second factor), so deferring it saves nothing; behind Django's proxy and django-otp's second
    one, every ``request.user.<attribute>`` of the request cost two proxy hops (~300 a page).
    ``request.auser`` stays Django's.
    """

    def process_request(self, request):
        super().process_request(request)
        user = getattr(request, "_cached_user", None)
        request.user = user if user is not None else auth.get_user(request)


class OTPMiddleware(_OTPMiddleware):
    """django-otp's, verifying a known user at once (the same work, queries included, that its lazy
    proxy does on the first read of ``request.user``, which ``accounts.twofactor`` makes on every
    request) so that ``request.user`` stays the user itself."""

    def _install_lazy_accessors(self, request):
        user = request.__dict__.get("user")
        super()._install_lazy_accessors(request)
        if user is not None and not isinstance(user, LazyObject):
            request.user = self._verify_user_sync(request, user)
