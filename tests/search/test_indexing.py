"""Indexing after a write: explicit ``index_later`` (minutes), coalesced to one pending re-index per source."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from redis.exceptions import ConnectionError as RedisConnectionError

from committees.choices import Role
from search import indexing
from search.models import SearchEntry
from tests.meetings.helpers import held


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, *args):
        self.calls.append(args)


def _autosave(client, meeting, version, text):
    item = meeting.agenda_items.get(parent__isnull=True, order=1)
    return client.post(
        f"/meetings/{meeting.pk}/minutes/edit/",
        {"version": version, f"i{item.pk}_discussion": text},
        HTTP_HX_REQUEST="true",
    )


def test_autosaves_queue_one_reindex_until_it_runs(world, client_for, monkeypatch, django_capture_on_commit_callbacks):
    delay = Recorder()
    monkeypatch.setattr("search.tasks.index_source.delay", delay)
    meeting = held(world)
    sec = client_for(world.users[Role.SECRETARIAT])
    for version in range(3):
        with django_capture_on_commit_callbacks() as callbacks:
            assert _autosave(sec, meeting, version, f"บันทึกครั้งที่ {version}").status_code == 200
        with CaptureQueriesContext(connection) as queries:
            for callback in callbacks:
                callback()
        assert len(queries) == 0  # scheduling the re-index costs no SQL
    minutes_calls = [c for c in delay.calls if c[0] == "minutes"]
    assert len(minutes_calls) == 1  # three saves, one pending re-index
    indexing.clear_pending(*minutes_calls[0])  # the task starts: a later save queues again
    with django_capture_on_commit_callbacks(execute=True):
        _autosave(sec, meeting, 3, "บันทึกหลังจากงานเริ่ม")
    assert len([c for c in delay.calls if c[0] == "minutes"]) == 2


def test_saved_minutes_become_searchable(world, client_for, django_capture_on_commit_callbacks):
    meeting = held(world)
    sec = client_for(world.users[Role.SECRETARIAT])
    with django_capture_on_commit_callbacks(execute=True):
        _autosave(sec, meeting, 0, "ที่ประชุมหารือเรื่องเรือประมงพาณิชย์")
    with django_capture_on_commit_callbacks(execute=True):
        _autosave(sec, meeting, 1, "ที่ประชุมหารือเรื่องแรงงานประมงทะเลลึก")
    entry = SearchEntry.objects.get(kind="minutes")
    assert "ทะเลลึก" in entry.body and "พาณิชย์" not in entry.body  # the latest text, not a stale one
    html = client_for(world.users[Role.VIEWER]).get("/search/", {"q": "ทะเล ลึก"}).content.decode()
    assert f"/meetings/{meeting.pk}/minutes/" in html


def test_other_sources_still_index_on_save_through_the_same_coalescing(world, monkeypatch):
    from tests.fundproposals.helpers import complete_proposal

    delay = Recorder()
    monkeypatch.setattr("search.tasks.index_source.delay", delay)
    p = complete_proposal(world)
    indexing.schedule("proposal", p.pk)  # a second request for the same proposal while one is pending
    assert [c for c in delay.calls if c[0] == "proposal"] == [("proposal", p.pk)]


def test_redis_down_queues_every_time_through_the_kept_task_path(monkeypatch):
    delay = Recorder()
    monkeypatch.setattr("search.tasks.index_source.delay", delay)

    def down(kind, pk):
        raise RedisConnectionError("down")

    monkeypatch.setattr(indexing, "_mark_pending", down)
    indexing.schedule("minutes", 7)
    indexing.schedule("minutes", 7)
    assert delay.calls == [("minutes", 7), ("minutes", 7)]  # never lost; SafeTask keeps them as PendingTask


def test_reindexing_waits_in_its_own_queue_so_reports_do_not_queue_behind_it():
    """After a bulk change hundreds of index updates are queued: a report must not wait behind them.
    Every worker consumes both queues (started without -Q), taking from each in turn."""
    from config.celery import app

    def queue_of(task_name):
        return app.amqp.router.route({}, task_name)["queue"].name

    assert queue_of("search.tasks.index_source") == "search"
    assert queue_of("reports.tasks.build_report") == "celery"
    assert queue_of("notifications.tasks.deliver") == "celery"
    assert {q.name for q in app.amqp.queues.consume_from.values()} >= {"celery", "search"}
