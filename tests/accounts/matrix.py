"""People pages (issue #10) in the permission matrix."""

from committees.choices import GrantRole, Role
from committees.models import ProposerRequest, RoleGrant
from tests.harness import Page

EVERYONE = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER})
SECRETARIAT = frozenset({Role.SECRETARIAT})


def _requests(world):
    for prov, users in ((world.own, world.users), (world.other, world.other_users)):
        ProposerRequest.objects.get_or_create(user=users[Role.VIEWER], province=prov, organisation="องค์กรทดสอบ")


def _request_url(province):
    return lambda w: f"/people/requests/{ProposerRequest.objects.get(province=getattr(w, province)).pk}/"


def _grant(world) -> int:
    return RoleGrant.objects.get(user=world.users[Role.SECRETARIAT], role=GrantRole.SECRETARIAT).pk


PAGES = [
    Page(
        "committees:member-account",
        lambda w: f"/members/{w.seats['own']['others'][0].pk}/account/",
        SECRETARIAT,
        other=lambda w: f"/members/{w.seats['other']['others'][0].pk}/account/",
    ),
    Page("committees:roles", lambda w: "/people/roles/", frozenset({Role.NATIONAL})),
    Page(
        "committees:role-revoke",
        lambda w: f"/people/roles/{_grant(w)}/revoke/",
        frozenset({Role.NATIONAL}),
    ),
    Page(
        "committees:proposers",
        lambda w: f"/provinces/{w.own.code}/proposers/",
        SECRETARIAT,
        other=lambda w: f"/provinces/{w.other.code}/proposers/",
        marker=lambda w: w.other.name_th,
    ),
    Page(
        "committees:request-decide",
        _request_url("own"),
        SECRETARIAT,
        other=_request_url("other"),
        setup=_requests,
    ),
    Page("committees:request-to-propose", lambda w: "/people/request/", EVERYONE),
    Page("accounts:profile", lambda w: "/accounts/profile/", EVERYONE),
    Page("accounts:password-change", lambda w: "/accounts/password/change/", EVERYONE),
    Page("accounts:two-factor", lambda w: "/accounts/two-factor/", EVERYONE),
    Page("accounts:two-factor-setup", lambda w: "/accounts/two-factor/setup/", EVERYONE),
    Page("accounts:two-factor-verify", lambda w: "/accounts/two-factor/verify/", EVERYONE),
    Page("notifications:list", lambda w: "/notifications/", EVERYONE),
    Page("notifications:settings", lambda w: "/notifications/settings/", EVERYONE),
    Page("notifications:failures", lambda w: "/notifications/failures/", frozenset({Role.NATIONAL})),
    # POST-only: a GET is refused alike for everyone signed in
    Page("notifications:open", lambda w: "/notifications/1/open/", frozenset(), denied_status=405),
    Page("notifications:read-all", lambda w: "/notifications/read-all/", frozenset(), denied_status=405),
]
