"""Issue #14: the English catalogue is complete and its compiled copy is current."""

from __future__ import annotations

from django.utils import translation

from tests.i18n.thai_text import THAI, catalogue_entries


def test_every_thai_message_has_english():
    missing = [msgid for msgid, msgstr in catalogue_entries() if THAI.search(msgid) and not msgstr]
    assert not missing, "translate these in locale/en/LC_MESSAGES/django.po, then run make messages:\n" + "\n".join(
        missing
    )


def test_the_compiled_catalogue_matches_the_po_file():
    stale = []
    with translation.override("en"):
        for msgid, msgstr in catalogue_entries():
            if msgstr and "\x00" not in msgid and translation.gettext(msgid) != msgstr:
                stale.append(msgid)
    assert not stale, "run make messages (compilemessages) to rebuild django.mo; stale:\n" + "\n".join(stale[:20])
