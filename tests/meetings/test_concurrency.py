"""Two people save the same minutes version at the same moment: the row lock lets exactly one through."""

import threading

import pytest
from django.db import connection

from meetings import services
from meetings.models import Minutes, MinutesVersion

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_saves_from_one_version(transactional_db):
    from tests.meetings.helpers import held
    from tests.world import build_world

    world = build_world()
    sec = world.users["secretariat"]
    meeting = held(world)
    services.save_minutes(actor=sec, meeting=meeting, content={"opening": "ฉบับแรก"}, base_version=0)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(text):
        try:
            barrier.wait()
            services.save_minutes(actor=sec, meeting=meeting, content={"opening": text}, base_version=1)
            outcomes.append("saved")
        except services.MinutesConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("ของคนแรก", "ของคนที่สอง")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    assert Minutes.objects.get(meeting=meeting).version == 2
    assert MinutesVersion.objects.filter(minutes__meeting=meeting).count() == 2
