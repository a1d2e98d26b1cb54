import pytest

from committees.choices import Role
from search import thai
from search.models import SearchEntry
from search.selectors import query_words
from search.services import rebuild, reindex
from tests.search.helpers import fill_search
from tests.world import ROLES


def test_segmentation_finds_the_words_inside_a_compound():
    terms = thai.index_terms("ตรวจเรือประมงพาณิชย์").split()
    assert {"เรือประมง", "เรือ", "ประมง", "พาณิชย์"} <= set(terms)
    assert query_words("เรือ ประมง") == ["เรือ", "ประมง"]


@pytest.mark.parametrize("q", ["เรือ ประมง", "ประมง", "เรือประมงพาณิชย์", "พาณิช", "ประมงพาณิชย์"])
def test_two_words_or_a_part_find_the_compound(world, client_for, q):
    fill_search(world)
    rebuild()
    html = client_for(world.users[Role.SECRETARIAT]).get("/search/", {"q": q}).content.decode()
    assert "ลูกเรือประมงพาณิชย์ที่สมุทรปราการ" in html or "เรือประมงพาณิชย์ที่สมุทรปราการ" in html
    assert "<mark>" in html


def test_every_role_sees_only_its_scope(world, client_for, ranking_path):
    fill_search(world)
    rebuild()
    problems = []
    for side, users, own, other in (
        ("own", world.users, world.own, world.other),
        ("other", world.other_users, world.other, world.own),
    ):
        for role in ROLES:
            html = client_for(users[role]).get("/search/", {"q": "เรือ ประมง"}).content.decode()
            if role == Role.NATIONAL:
                if f"ที่{other.name_th}" not in html or f"ที่{own.name_th}" not in html:
                    problems.append(f"national misses a province ({side})")
                continue
            if f"ที่{other.name_th}" in html:
                problems.append(f"{side} {role}: shows {other.name_th}")
            if f"ที่{own.name_th}" not in html:
                problems.append(f"{side} {role}: finds nothing of its own province")
            if role == Role.PROPOSER and "มติ" in html.split('data-testid="search-results"')[1]:
                problems.append(f"{side} proposer sees meeting resolutions")
    assert problems == []


@pytest.mark.parametrize("q", ["ก" * 10_000, "!!! ... ???", "   ", "(*&^%$#@)"])
def test_long_or_punctuation_only_query_gets_a_thai_message(world, client_for, q):
    resp = client_for(world.users[Role.MEMBER]).get("/search/", {"q": q})
    assert resp.status_code == 200
    html = resp.content.decode()
    if q.strip():
        assert 'data-testid="search-error"' in html
        assert "คำค้นยาวเกินไป" in html or "กรุณาพิมพ์คำที่ต้องการค้นหา" in html


def test_indexing_on_save_goes_through_the_worker_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        data = fill_search(world)
    res = data[world.own.code]["resolution"]
    entry = SearchEntry.objects.get(kind="resolution", object_id=res.pk)
    assert "ประมง" in entry.terms.split()
    assert SearchEntry.objects.filter(kind="proposal").count() == 2


def test_cancelled_meeting_leaves_the_index(world):
    from meetings.choices import MeetingState
    from meetings.models import Meeting

    data = fill_search(world)
    rebuild()
    m = data[world.own.code]["meeting"]
    Meeting.objects.filter(pk=m.pk).update(state=MeetingState.CANCELLED)
    reindex(kind="resolution", pk=data[world.own.code]["resolution"].pk)
    assert not SearchEntry.objects.filter(kind="resolution", object_id=data[world.own.code]["resolution"].pk).exists()


def test_rebuild_command(world):
    from io import StringIO

    from django.core.management import call_command

    fill_search(world)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "proposal: 2" in out.getvalue() and "resolution: 2" in out.getvalue()


def test_paper_pdf_text_is_searchable(world, client_for, tmp_path, settings):
    """A PDF paper's text layer goes into the index (a PDF written here with an embedded Thai font)."""
    from django.core.files.base import ContentFile

    from meetings.models import AgendaPaper
    from reports.pdf import html_to_pdf

    settings.MEDIA_ROOT = tmp_path
    data = fill_search(world)
    item = data[world.own.code]["resolution"].agenda_item
    pdf = html_to_pdf('<p style="font-family: Sarabun">รายงานผลการตรวจแรงงานประมงทะเลจังหวัด</p>').pdf
    paper = AgendaPaper(
        agenda_item=item, display_name="รายงาน.pdf", content_type="application/pdf", size=len(pdf), sha256="0" * 64
    )
    paper.file.save("paper.pdf", ContentFile(pdf), save=False)
    paper.save()
    reindex(kind="paper", pk=paper.pk)
    html = client_for(world.users[Role.VIEWER]).get("/search/", {"q": "ประมง ทะเล"}).content.decode()
    assert "รายงาน.pdf" in html


def test_search_page_cost_does_not_grow_with_hits(world, client_for):
    from tests.harness import assert_constant_queries

    def grow(n):
        while SearchEntry.objects.count() < n:
            i = SearchEntry.objects.count()
            SearchEntry.objects.create(
                kind="agenda_item", object_id=10_000 + i, province=world.own, title=f"เรือประมง {i}", url="/",
                body="ตรวจเรือประมง", terms="ตรวจ เรือประมง เรือ ประมง",
            )  # fmt: skip

    counts = assert_constant_queries(client_for(world.users[Role.VIEWER]), "/search/?q=เรือ+ประมง", grow)
    assert counts[0] <= 10
