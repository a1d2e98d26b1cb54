"""The same search on the embedded default: SQLite's FTS5 over the same segmented words."""

from tests.core.test_embedded_default import _manage

SCRIPT = """
from committees.models import Province
from search.models import SearchEntry
from search.selectors import search, SearchError
from django.contrib.auth import get_user_model
from committees.models import RoleGrant
p = Province.objects.get(code='11')
SearchEntry.objects.create(kind='proposal', object_id=1, province=p, title='โครงการคุ้มครองลูกเรือประมงพาณิชย์',
    url='/x', body='คุ้มครองลูกเรือประมงพาณิชย์', terms=__import__('search.thai').thai.index_terms('โครงการคุ้มครองลูกเรือประมงพาณิชย์'))
SearchEntry.objects.create(kind='proposal', object_id=2, province=Province.objects.get(code='95'), title='อื่น',
    url='/y', body='เรือประมง', terms='เรือประมง เรือ ประมง')
user = get_user_model().objects.create(username='sqlite-viewer')
RoleGrant.objects.create(user=user, role='viewer', province=p)
for q in ['เรือ ประมง', 'ประมง', 'พาณิช']:
    words, hits = search(user, q)
    print(q, [h.entry.object_id for h in hits], '<mark>' in str(hits[0].snippet))
try:
    search(user, '!!!')
except SearchError as e:
    print('error', e)
"""


def test_fts5_search_on_sqlite(tmp_path):
    db = tmp_path / "embedded.sqlite3"
    _manage(db, "migrate", "--noinput", "-v0")
    out = _manage(db, "shell", "-c", SCRIPT)
    assert "เรือ ประมง [1] True" in out
    assert "ประมง [1] True" in out
    assert "พาณิช [1] True" in out
    assert "error กรุณาพิมพ์" in out
