"""Finding Thai in what a page shows: visible text and the attributes people read.

The data people typed stays as typed (names, titles, provinces' Thai names); every
text value stored in the database is removed from the page's text before looking,
so what is left is the product's own wording, which must be English on EN pages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models

THAI = re.compile(r"[\u0E00-\u0E7F]")
# A run of Thai with the spaces and punctuation inside it: the offending phrase as a person sees it.
THAI_RUN = re.compile(r"[\u0E00-\u0E7F][\u0E00-\u0E7F0-9 .,:/()\-–]*[\u0E00-\u0E7F.)]|[\u0E00-\u0E7F]")
READ_ATTRS = ("title", "alt", "placeholder", "aria-label", "aria-description")
# mark: a search result's highlighted match, which is the data (or the query) itself
SKIP_TAGS = {"script", "style", "template", "mark"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
        for name, value in attrs:
            if value and (name in READ_ATTRS or (tag == "input" and name == "value" and ("type", "submit") in attrs)):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def _strings(value):
    """Every string inside a stored value (JSON values, such as an audit record's before and after, included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def data_values() -> list[str]:
    """Every Thai text value stored in the database (typed or seeded data), longest first."""
    values: set[str] = set()
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField)) and not f.choices
        ]
        if not names:
            continue
        for row in model._default_manager.values_list(*names):
            for value in _strings(row):
                if THAI.search(value):
                    values.add(" ".join(value.split()))
                    values.update(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return sorted(values, key=len, reverse=True)


def catalogue_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of the English catalogue's singular messages, as written in django.po."""
    from django.conf import settings

    entries, msgid, msgstr, key = [], None, None, None
    text = (settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    for line in [*text.splitlines(), ""]:
        if line.startswith("msgid "):
            msgid, msgstr, key = json.loads(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, key = json.loads(line[7:]), "str"
        elif line.startswith("msgid_plural") or line.startswith("msgstr["):
            key = None  # plural messages: checked by msgfmt
        elif line.startswith('"') and key == "id":
            msgid += json.loads(line)
        elif line.startswith('"') and key == "str":
            msgstr += json.loads(line)
        elif not line.strip():
            if msgid and msgstr is not None:
                entries.append((msgid, msgstr))
            msgid, msgstr, key = None, None, None
    return entries


def catalogue_msgids() -> set[str]:
    """Every Thai msgid of the English catalogue: the product's own wording."""
    return {" ".join(msgid.split()) for msgid, _ in catalogue_entries()}


def thai_outside_data(html: str, data: list[str], wording: set[str] = frozenset()) -> list[str]:
    """The Thai phrases of ``html``'s readable text that are not data.

    A whole stored value is data; so is a piece of one (a search snippet, a highlighted
    word, a shortened title), unless that piece is itself wording of the catalogue.
    """
    found = []
    joined = "\n".join(data)
    for part in visible_texts(html):
        text = " ".join(part.split())
        if not THAI.search(text):
            continue
        for value in data:
            if value in text:
                text = text.replace(value, " | ")  # a cut, so what is left around it is not joined up
        for m in THAI_RUN.finditer(text):
            phrase = m.group(0).strip()
            if phrase not in wording and len(phrase) > 1 and phrase in joined:
                continue
            found.append(phrase)
    return found
