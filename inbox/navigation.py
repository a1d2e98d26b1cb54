"""Navigation flags for the base template: computed here, never re-derived in templates."""

from typing import NamedTuple

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext_lazy

from committees.choices import Role
from core.thaidate import current_fiscal_year

# Apps add their entries here as (label, url name, icon, predicate on Access).
NAV_ITEMS = [
    (gettext_lazy("หน้าหลัก"), "home", "house", lambda a: True),
    (
        gettext_lazy("แดชบอร์ด"),
        "dashboards:overview",
        "bar-chart",
        lambda a: a.is_national or bool(a.readable_province_ids()),
    ),
    (
        gettext_lazy("จังหวัด"),
        "committees:provinces",
        "geo-alt",
        lambda a: a.is_national or bool(a.readable_province_ids()),
    ),
    (
        gettext_lazy("การประชุม"),
        "meetings:list",
        "calendar-event",
        lambda a: a.is_national or bool(a.readable_province_ids()),
    ),
    (
        gettext_lazy("แผนปฏิบัติการ"),
        "actionplans:list",
        "list-check",
        lambda a: a.is_national or bool(a.readable_province_ids()),
    ),
    (gettext_lazy("โครงการกองทุน"), "fundproposals:list", "folder2-open", lambda a: bool(a.all_roles)),
    (
        gettext_lazy("รายงาน"),
        "reports:list",
        "file-earmark-pdf",
        lambda a: a.is_national or bool(a.readable_province_ids()),
    ),
    (
        gettext_lazy("บันทึกการเปลี่ยนแปลง"),
        "committees:audit",
        "clock-history",
        lambda a: a.is_national or bool(a.province_ids(Role.SECRETARIAT)),
    ),
    # people (issue #10)
    (gettext_lazy("สิทธิ์ผู้ใช้"), "committees:roles", "people", lambda a: a.is_national),
    (gettext_lazy("ส่งไม่สำเร็จ"), "notifications:failures", "exclamation-octagon", lambda a: a.is_national),
]


def _url(name: str) -> str | None:
    """``reverse(name)``, once per process and script prefix (None: the app has no such page)."""
    key = (name, get_script_prefix())
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


_URLS: dict[tuple[str, str], str | None] = {}


class NavItem(NamedTuple):
    label: str
    url: str
    icon: str
    active: bool


class NavMenu(tuple):
    """The menu's entries. Hashed (as a ``{% once %}`` key, every page) without their labels: a label
    is a lazy translation that hashing would translate, and it follows from the entry's URL, while
    the key already holds the language. Equality stays the tuple's, labels included."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(tuple((item.url, item.icon, item.active) for item in self))


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from inbox.selectors import inbox_count

    access = user.access
    items = []
    for label, name, icon, shown in NAV_ITEMS:
        if not shown(access):
            continue
        url = _url(name)
        if url is None:
            continue  # the app has no page of that name yet
        items.append(NavItem(label, url, icon, request.path.startswith(url) and url != "/"))
    risk_groups_url = reverse("committees:risk-groups", args=[current_fiscal_year()]) if access.is_national else None
    return {
        # a tuple of tuples: base.html renders the menu once per process per menu ({% once %})
        "nav_items": NavMenu(items),
        "nav_is_national": access.is_national,
        "nav_roles": sorted({str(Role(r).label) for r in access.all_roles}),  # each label translated once
        "nav_risk_groups_url": risk_groups_url,
        "nav_inbox_count": inbox_count(user),
        "nav_unread_count": _unread(user),
    }


def _unread(user) -> int:
    try:
        from notifications.selectors import unread_count
    except ImportError:
        return 0
    return unread_count(user)
