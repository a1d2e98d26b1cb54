from django.db.models import QuerySet
from django.http import Http404

from apitokens.models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_for(user, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is the same 404 as a missing one."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404("ไม่พบโทเคน")
    return token
