"""Issue #14: the audit trail reads in words, in the reader's language, never as raw codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from committees.choices import ChairCapacity, Role
from core import audit
from core.audit_words import ACTIONS, action_words
from fundproposals.workflow import PROPOSAL_WORKFLOW

ROOT = Path(settings.BASE_DIR)


def _recorded_actions() -> set[str]:
    """Every action code written by an ``audit.record(action=...)`` call of the product (read from the code)."""
    found = set()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "benchmarks", "var"} or "migrations" in parts or path.name == "demo.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "record"
            ):
                continue
            for kw in node.keywords:
                if kw.arg == "action":
                    found.update(
                        c.value
                        for c in ast.walk(kw.value)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str) and "." in c.value
                    )
    return found


def test_every_recorded_action_has_words():
    actions = _recorded_actions()
    assert len(actions) > 40, "the scan found too few actions to be looking in the right place"
    assert sorted(actions - set(ACTIONS)) == [], "add the words for these actions to core/audit_words.py"


def test_words_in_both_languages():
    with translation.override("th"):
        assert action_words("minutes.adopt") == "รับรองรายงานการประชุม"
    with translation.override("en"):
        assert action_words("minutes.adopt") == "Minutes adopted"
        step = str(PROPOSAL_WORKFLOW.by_name["withdraw"].label)
        assert action_words("transition:withdraw", "proposal") == f"Status changed: {step}"
        assert not re.search(r"[\u0E00-\u0E7F]", step)
        assert action_words("no.such") == "no.such"
    with translation.override("en"):
        for code, words in ACTIONS.items():
            english = str(words)
            assert english and not re.search(r"[\u0E00-\u0E7F]", english), f"{code} has no English words"


@pytest.mark.django_db
def test_audit_page_in_english_shows_words_not_codes(world):
    secretariat = world.users[Role.SECRETARIAT]
    audit.record(actor=secretariat, action="minutes.adopt", target=world.own_sc, province=world.own)
    audit.record(
        actor=secretariat,
        action="member.update",
        target=world.seats["own"]["chair"],
        province=world.own,
        changes={"chair_capacity": ["governor", ChairCapacity.VICE_GOVERNOR.value]},
    )
    audit.record(
        actor=secretariat,
        action="role.grant",
        target=world.own_sc,
        province=world.own,
        changes={"role": [None, "secretariat"]},
    )
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(secretariat)
    page = client.get("/audit/").content.decode()
    assert "Minutes adopted" in page
    assert "Vice governor" in page
    assert "Secretariat (Provincial Social Development and Human Security Office)" in page
    assert ">minutes.adopt<" not in page and "vice_governor<" not in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    page = client.get("/audit/").content.decode()
    assert "รับรองรายงานการประชุม" in page
    assert "รองผู้ว่าราชการจังหวัด" in page
