"""The Content-Security-Policy header, built once per process instead of once per response (issue #12).

django-csp 4 builds the header from ``CONTENT_SECURITY_POLICY`` on every response (a dataclass
copy and the string built again): about 5 % of a page's floor. The header depends only on the
settings unless a response asks for something else: a view decorated with django-csp's
``csp_update``/``csp_replace``/``csp_override`` (attributes on the response) or a template that
read ``request.csp_nonce``. Those responses go through django-csp's own path unchanged; every
other response gets the same header text, built by django-csp's own ``build_policy`` the first
time. A settings change (tests' ``override_settings``) empties the memo.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
_memo: dict[str, tuple] = {}


def _policies() -> tuple:
    """(header, its excluded prefixes, report-only header, its excluded prefixes), built once."""
    built = _memo.get("policies")
    if built is None:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        policy_ro = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
        built = (
            build_policy(),
            tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()),
            build_policy(report_only=True),
            tuple(policy_ro.get("EXCLUDE_URL_PREFIXES", None) or ()),
        )
        _memo["policies"] = built  # one assignment: threads at worst build it twice, the same
    return built


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _memo.clear()


class CSPMiddleware(_CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _PER_RESPONSE
        ):
            return super().process_response(request, response)  # this response's own policy
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # django-csp leaves Django's debug pages alone
        policy, excluded, policy_ro, excluded_ro = _policies()
        path = request.path_info
        if (
            policy
            and HEADER not in response
            and getattr(response, "_csp_exempt", False) is False
            and not path.startswith(excluded)
        ):
            response[HEADER] = policy
        if (
            policy_ro
            and HEADER_REPORT_ONLY not in response
            and getattr(response, "_csp_exempt_ro", False) is False
            and not path.startswith(excluded_ro)
        ):
            response[HEADER_REPORT_ONLY] = policy_ro
        # as django-csp: a nonce asked for after the header is written is an error, not a silent gap
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
