"""``{% once key ... %}…{% endonce %}``: render a piece of the page chrome once per process.

The base template's head, brand, navigation menu and footer are the same for every reader
with the same menu, in the same language: rendering their static links, ``{% url %}`` and
``{% translate %}`` tags on every request cost about half of a logged-in page's floor (issue
#12). The body is rendered the first time and then served from a small per-process table keyed
by the tag's place in the template, the active language, the script prefix and the values of
the variables the tag names (``{% once nav_key %}``). Nothing per request may go inside: the
parser refuses ``{% csrf_token %}`` and any variable other than the named keys, the loop
variables of a ``{% for %}`` inside, and the ``{% translate %}``/``{% url %}`` arguments.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict

from django import template
from django.conf import settings
from django.template.base import VariableNode
from django.template.defaulttags import CsrfTokenNode, ForNode, IfNode, URLNode
from django.template.loader_tags import BlockNode
from django.templatetags.i18n import TranslateNode
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_ENTRIES = 512  # pieces kept per process (menus x active entry x languages)
_rendered: OrderedDict[tuple, str] = OrderedDict()


def _names(expr) -> set[str]:
    """Root variable names a filter expression reads."""
    found = set()
    var = getattr(expr, "var", None)
    lookups = getattr(var, "lookups", None)
    if lookups:
        found.add(lookups[0])
    for _func, args in getattr(expr, "filters", []):
        for lookup, arg in args:
            if not lookup and getattr(arg, "lookups", None):
                found.add(arg.lookups[0])
    return found


def _check(nodelist, allowed: set[str], where: str) -> None:
    for node in nodelist:
        if isinstance(node, CsrfTokenNode):
            raise template.TemplateSyntaxError(f"{where}: no {{% csrf_token %}} inside {{% once %}}")
        if isinstance(node, BlockNode):  # a child template's block would be cached as the first page's
            raise template.TemplateSyntaxError(f"{where}: no {{% block %}} inside {{% once %}}")
        if isinstance(node, VariableNode):
            stray = _names(node.filter_expression) - allowed
            if stray:
                raise template.TemplateSyntaxError(f"{where}: {sorted(stray)} not among the {{% once %}} keys")
        if isinstance(node, ForNode):
            stray = _names(node.sequence) - allowed
            if stray:
                raise template.TemplateSyntaxError(f"{where}: {sorted(stray)} not among the {{% once %}} keys")
            _check(node.nodelist_loop, allowed | set(node.loopvars) | {"forloop"}, where)
            _check(node.nodelist_empty, allowed, where)
            continue
        if isinstance(node, IfNode):
            for condition, nodelist in node.conditions_nodelists:
                stray = set()
                if condition is not None:
                    stray = {getattr(v, "lookups", [None])[0] for v in _condition_vars(condition)} - allowed - {None}
                if stray:
                    raise template.TemplateSyntaxError(f"{where}: {sorted(stray)} not among the {{% once %}} keys")
                _check(nodelist, allowed, where)
            continue
        if isinstance(node, TranslateNode):
            stray = _names(node.filter_expression) - allowed
            if stray:
                raise template.TemplateSyntaxError(f"{where}: {sorted(stray)} not among the {{% once %}} keys")
            continue
        if isinstance(node, URLNode):
            stray = set().union(*(_names(a) for a in [node.view_name, *node.args, *node.kwargs.values()])) - allowed
            if stray:
                raise template.TemplateSyntaxError(f"{where}: {sorted(stray)} not among the {{% once %}} keys")
            continue
        for attr in getattr(node, "child_nodelists", ()):
            _check(getattr(node, attr, None) or [], allowed, where)


def _condition_vars(condition):
    """The variables an ``{% if %}`` condition reads."""
    value = getattr(condition, "value", None)
    if value is not None:  # a leaf: a filter expression
        return [value.var] if hasattr(value, "var") else []
    found = []
    for side in (getattr(condition, "first", None), getattr(condition, "second", None)):
        if side is not None:
            found.extend(_condition_vars(side))
    return found


class OnceNode(template.Node):
    # Django walks a parent template's whole node tree for its {% block %} tags on every render of
    # a page that extends it (ExtendsNode.render): ~7 % of a page's floor, mostly inside these
    # bodies. They hold no block (the parser refuses one), so the walk need not enter them.
    child_nodelists = ()

    def __init__(self, nodelist, keys, where):
        self.nodelist = nodelist
        self.keys = keys
        self.where = where

    def render(self, context):
        if settings.DEBUG:  # templates change under a developer's hands
            return self.nodelist.render(context)
        key = (
            self.where,
            get_language(),
            get_script_prefix(),
            tuple(k.resolve(context) for k in self.keys),
        )
        html = _rendered.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _rendered[key] = html
            if len(_rendered) > MAX_ENTRIES:
                with contextlib.suppress(KeyError):  # another thread emptied it first
                    _rendered.popitem(last=False)
        return mark_safe(html)  # noqa: S308 - the template's own output, rendered by it


@register.tag
def once(parser, token):
    bits = token.split_contents()[1:]
    keys = [parser.compile_filter(b) for b in bits]
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    # the tag's place: the template's name and the tag's rank among its {% once %} tags
    parser.once_rank = getattr(parser, "once_rank", 0) + 1
    where = f"{parser.origin.name if parser.origin else '?'}#{parser.once_rank}"
    allowed = {k.var.lookups[0] for k in keys if getattr(k.var, "lookups", None)}
    _check(nodelist, allowed, where)
    return OnceNode(nodelist, keys, where)
