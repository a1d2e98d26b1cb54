"""What every permission predicate returns: a yes or a no with its reason."""

from dataclasses import dataclass

from django.http import Http404


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Verdict(True)


def deny(reason: str) -> Verdict:
    return Verdict(False, reason)


def require(verdict: Verdict) -> None:
    """Refuse in a view: a forbidden object looks exactly like a missing one (404)."""
    if not verdict:
        raise Http404(verdict.reason)
