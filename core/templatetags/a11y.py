"""Page titles that name the province (WCAG 2.4.2): "การประชุม · สมุทรปราการ · ศปคม.จ."."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# Context names that views use for the object a page is about, most specific first.
_OBJECT_KEYS = ("province", "subcommittee", "meeting", "plan", "report", "proposal", "p", "item", "ballot", "job")
# Relations followed from such an object towards its province, only when already loaded.
_PATHS = ("province", "subcommittee", "meeting", "agenda_item", "plan", "proposal")

_names: dict[int, str] = {}


def _province_name(province_id: int) -> str:
    """Province names never change: one query per process, not per page."""
    if province_id not in _names:
        from committees.models import Province

        _names.update(Province.objects.values_list("pk", "name_th"))
    return _names.get(province_id, "")


def _cached(obj, name):
    """``obj.name`` if it is a loaded relation (or the object itself), never a new query."""
    state = getattr(obj, "_state", None)
    if state is None or name not in state.fields_cache:
        return None
    return state.fields_cache[name]


def _province_of(obj, depth: int = 0):
    from committees.models import Province

    if obj is None or depth > 4:
        return None
    if isinstance(obj, Province):
        return obj.name_th
    if getattr(obj, "_state", None) is None:
        return None
    for path in _PATHS:
        found = _province_of(_cached(obj, path), depth + 1)
        if found:
            return found
    province_id = getattr(obj, "province_id", None)
    return _province_name(province_id) if province_id else None


def page_province(context) -> str:
    """The province a page is about: its object's (when loaded), else the user's only province."""
    for key in _OBJECT_KEYS:
        found = _province_of(context.get(key))
        if found:
            return found
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        readable = user.access.readable_province_ids()
        if readable is not None and len(readable) == 1:
            return _province_name(next(iter(readable)))
    return ""


class PageTitleNode(template.Node):
    child_nodelists = ("nodelist",)  # so that {% block title %} inside still inherits

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        title = self.nodelist.render(context).strip()
        province = conditional_escape(page_province(context))
        parts = [title] if title else []
        if province and province not in title:
            parts.append(province)
        return " · ".join([*parts, _("ศปคม.จ.")])


@register.tag
def page_title(parser, token):
    """``{% page_title %}{% block title %}…{% endblock %}{% endpage_title %}``: "page · province · ศปคม.จ."."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)


@register.filter
def accessible_diff(html) -> str:
    """A ``difflib.HtmlDiff`` table whose empty navigation header cells are plain cells.

    The table is built by the server and escapes the texts it compares; the
    templates already print it with ``|safe``. Empty ``th`` cells leave a screen
    reader with nameless column headers (axe: empty-table-header).
    """
    return mark_safe(str(html).replace('<th class="diff_next"><br /></th>', '<td class="diff_next"></td>'))  # noqa: S308
