"""The guard of 0003 on the embedded SQLite default: adopted minutes and saved versions are never updated.

Updates only: SQLite empties tables with DELETE (test flushes, ``flush``), where
PostgreSQL truncates past row triggers; no code path deletes minutes anyway.
"""

from django.db import migrations

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS meetings_minutes_frozen_update BEFORE UPDATE ON meetings_minutes
       FOR EACH ROW WHEN OLD.adopted_on IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'adopted minutes are frozen'); END""",
    """CREATE TRIGGER IF NOT EXISTS meetings_minutesversion_immutable_update BEFORE UPDATE ON meetings_minutesversion
       FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'minutes versions are kept as saved'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS meetings_minutes_frozen_update",
    "DROP TRIGGER IF EXISTS meetings_minutesversion_immutable_update",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_resolution_fund_outcomes")]

    operations = [migrations.RunPython(forward, backward)]
