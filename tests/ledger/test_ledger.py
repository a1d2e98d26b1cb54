"""The hash-chained ledger: appends from the services, the database's refusals, and the verifier finding each change."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from committees.choices import Role
from fundproposals import services as fund_services
from ledger import canonical, verify
from ledger.models import GENESIS, Entry, Head
from meetings import services as meeting_services
from meetings.choices import ResolutionOutcome
from tests.ledger.helpers import history

pytestmark = pytest.mark.django_db


def _entry(kind, obj):
    return Entry.objects.filter(kind=kind, object_id=obj.pk).order_by("-seq").first()


def _sql(statement, params=()):
    with connection.cursor() as cur:
        cur.execute(statement, params)


def test_every_kind_of_decision_is_appended_in_order_and_the_chain_verifies(world):
    h = history(world)
    kinds = list(Entry.objects.values_list("kind", flat=True))
    # two votes, the ballot's close and its resolution, the typed resolution, adopted minutes, fund, risk group
    assert kinds == ["vote", "vote", "ballot", "resolution", "resolution", "minutes", "fund_decision", "risk_group"]
    entries = list(Entry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, 9))
    assert entries[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
        assert after.hash == canonical.chain_hash(after.prev_hash, after.body)
    head = Head.objects.get()
    assert (head.seq, head.hash) == (8, entries[-1].hash)
    assert entries[0].province_id == world.own.pk and entries[0].actor_id == world.users[Role.CHAIR].pk
    minutes_entry = _entry("minutes", h["version"])
    assert minutes_entry.object_id == h["version"].pk
    report = verify.verify_chain()
    assert report.ok, report.problems
    assert report.entries == 8 and report.records == 8


def test_a_vote_changed_with_sql_is_reported_by_its_entry(world):
    h = history(world)
    vote = h["votes"][1]
    entry = _entry("vote", vote)
    _sql("UPDATE fundproposals_vote SET choice = 'reject' WHERE id = %s", [vote.pk])
    report = verify.verify_chain()
    assert [(p.seq, p.kind, p.object_id) for p in report.problems] == [(entry.seq, "vote", vote.pk)]
    assert report.first.seq == entry.seq
    assert "ไม่ตรงกับที่ลงบันทึกไว้" in report.first.message
    one = verify.verify_record("vote", vote.pk)
    assert not one.ok and one.first.seq == entry.seq
    assert verify.verify_record("vote", h["votes"][0].pk).ok


def test_a_resolution_changed_with_sql_is_reported_by_its_entry(world):
    h = history(world)
    res = h["resolution"]
    entry = _entry("resolution", res)
    _sql("UPDATE meetings_resolution SET text = 'ที่ประชุมมีมติไม่เห็นชอบ' WHERE id = %s", [res.pk])
    report = verify.verify_chain()
    assert [(p.seq, p.kind, p.object_id) for p in report.problems] == [(entry.seq, "resolution", res.pk)]
    assert not verify.verify_entry(entry).ok


def test_adopted_minutes_changed_with_sql_behind_the_freeze_trigger_are_reported(world):
    h = history(world)
    version = h["version"]
    entry = _entry("minutes", version)
    # the database refuses the change; an administrator disables the guard and does it anyway
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("UPDATE meetings_minutesversion SET text = 'แก้ไข' WHERE id = %s", [version.pk])
    _sql("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending, so the table can be altered
    _sql("ALTER TABLE meetings_minutesversion DISABLE TRIGGER meetings_minutesversion_immutable")
    _sql("UPDATE meetings_minutesversion SET text = text || ' แก้ไขภายหลัง' WHERE id = %s", [version.pk])
    _sql("ALTER TABLE meetings_minutesversion ENABLE TRIGGER meetings_minutesversion_immutable")
    report = verify.verify_chain()
    assert [(p.seq, p.kind) for p in report.problems] == [(entry.seq, "minutes")]


def test_the_database_refuses_to_change_or_delete_an_entry(world):
    history(world)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Entry.objects.filter(seq=2).update(body="{}")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("DELETE FROM ledger_entry WHERE seq = 2")
    assert Entry.objects.count() == 8


def test_an_entry_deleted_with_the_trigger_disabled_leaves_a_gap_the_verifier_names(world):
    history(world)
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    _sql("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only")
    _sql("DELETE FROM ledger_entry WHERE seq = 4")
    _sql("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only")
    report = verify.verify_chain()
    assert report.first.seq == 4
    assert "รายการที่ 4 หายไป" in report.first.message


def test_a_deleted_tail_and_a_rewritten_entry_are_found(world):
    history(world)
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    _sql("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only")
    _sql("DELETE FROM ledger_entry WHERE seq >= 7")
    _sql("UPDATE ledger_entry SET body = replace(body, 'approve', 'reject') WHERE seq = 1")
    _sql("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only")
    report = verify.verify_chain()
    seqs = sorted(p.seq for p in report.problems)
    assert report.first.seq == 1 and "ค่าแฮชไม่ตรง" in report.first.message
    assert 7 in seqs  # the tail: the head remembers entry 8


def test_a_refused_write_appends_nothing(world):
    h = history(world)
    before = Entry.objects.count()
    with pytest.raises(Exception, match="รับรองแล้ว"):
        meeting_services.record_resolution(
            actor=world.users[Role.SECRETARIAT],
            agenda_item=h["resolution"].agenda_item,
            outcome=ResolutionOutcome.APPROVED,
            text="เปลี่ยน",
        )
    with pytest.raises(ValidationError, match="ปิด"):
        fund_services.cast_vote(actor=world.users[Role.MEMBER], ballot_id=h["ballot"].pk, choice="reject")
    assert Entry.objects.count() == before
    assert verify.verify_chain().ok


def test_the_command_reports_ok_and_then_the_first_failing_entry(world, capsys):
    h = history(world)
    call_command("verify_ledger")
    assert "ถูกต้อง" in capsys.readouterr().out
    call_command("verify_ledger", record=f"vote:{h['votes'][0].pk}")
    assert "ถูกต้อง" in capsys.readouterr().out
    vote = h["votes"][0]
    entry = _entry("vote", vote)
    _sql("UPDATE fundproposals_vote SET choice = 'reject' WHERE id = %s", [vote.pk])
    with pytest.raises(SystemExit) as exc:
        call_command("verify_ledger")
    assert exc.value.code == 1
    out = capsys.readouterr().out
    assert f"รายการแรกที่ผิดคือรายการที่ {entry.seq}" in out and "การลงคะแนน" in out
    with pytest.raises(SystemExit):
        call_command("verify_ledger", hash=entry.hash)


def test_the_page_verifies_the_chain_and_one_entry_by_hash(world, client_for):
    h = history(world)
    member = client_for(world.users[Role.MEMBER])
    resp = member.get("/ledger/verify/?all=1")
    assert resp.status_code == 200 and "ถูกต้อง" in resp.content.decode()
    entry = _entry("minutes", h["version"])
    html = member.get(f"/ledger/verify/?entry={entry.hash}").content.decode()
    assert f"รายการที่ {entry.seq}" in html and "รายงานการประชุมฉบับที่รับรอง" in html and "ถูกต้อง" in html
    _sql("UPDATE meetings_resolution SET text = 'อื่น' WHERE id = %s", [h["resolution"].pk])
    bad = _entry("resolution", h["resolution"])
    html = member.get("/ledger/verify/?all=1").content.decode()
    assert "ไม่ถูกต้อง" in html and f"<strong>{bad.seq}</strong>" in html and "มติที่ประชุม รหัส" in html
    # another province's user may check the chain, but not open an entry of this province
    other = client_for(world.other_users[Role.MEMBER])
    html = other.get(f"/ledger/verify/?entry={entry.seq}").content.decode()
    assert "ไม่พบรายการนี้" in html and entry.hash not in html
    html = other.get("/ledger/verify/?all=1").content.decode()
    assert "ไม่ถูกต้อง" in html and "มติที่ประชุม รหัส" not in html
