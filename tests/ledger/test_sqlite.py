"""The ledger on the embedded SQLite default: appends work and the database refuses to change or delete an entry."""

from tests.core.test_embedded_default import _manage

SCRIPT = """
from django.db import transaction, DatabaseError
from committees.models import Province, RiskGroupAssignment
from ledger import services, verify
from ledger.models import Entry
with transaction.atomic():
    row = RiskGroupAssignment.objects.create(province=Province.objects.get(code='11'), fiscal_year=2570, group='B')
    services.append(kind='risk_group', record=row)
    services.append(kind='risk_group', record=row)
for attempt in (lambda: Entry.objects.filter(seq=1).update(body='{}'), lambda: Entry.objects.filter(seq=1).delete()):
    try:
        with transaction.atomic():
            attempt()
        print('ALLOWED')
    except DatabaseError as exc:
        print('REFUSED', exc)
print('CHAIN', verify.verify_chain().ok, Entry.objects.count())
"""


def test_sqlite_refuses_update_and_delete_of_entries(tmp_path):
    db = tmp_path / "ledger.sqlite3"
    _manage(db, "migrate", "--noinput", "-v0")
    out = _manage(db, "shell", "-c", SCRIPT)
    assert out.count("REFUSED the ledger is append-only") == 2 and "ALLOWED" not in out
    assert "CHAIN True 2" in out
