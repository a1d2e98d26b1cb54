"""Traffic logs, fault reports and recordings count as part of the minutes: nothing changes or deletes them.

A check-in may only be updated (present or not); it is never deleted. PostgreSQL
triggers, and the same on the embedded SQLite default.
"""

from django.db import migrations

TABLES = ["emeetings_trafficevent", "emeetings_faultreport", "emeetings_recording"]

PG_FORWARD = """
CREATE OR REPLACE FUNCTION emeetings_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'e-meeting records are kept as part of the minutes (%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {t}_kept BEFORE UPDATE OR DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION emeetings_kept();\n"
    for t in TABLES
) + (
    "CREATE TRIGGER emeetings_checkin_kept BEFORE DELETE ON emeetings_checkin "
    "FOR EACH ROW EXECUTE FUNCTION emeetings_kept();\n"
)
PG_BACKWARD = "".join(f"DROP TRIGGER IF EXISTS {t}_kept ON {t};\n" for t in TABLES) + (
    "DROP TRIGGER IF EXISTS emeetings_checkin_kept ON emeetings_checkin;\nDROP FUNCTION IF EXISTS emeetings_kept();\n"
)
SQLITE_FORWARD = [
    f"""CREATE TRIGGER IF NOT EXISTS {t}_kept_{op.lower()} BEFORE {op} ON {t}
       FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'e-meeting records are kept as part of the minutes'); END"""
    for t in TABLES
    for op in ("UPDATE", "DELETE")
] + [
    """CREATE TRIGGER IF NOT EXISTS emeetings_checkin_kept_delete BEFORE DELETE ON emeetings_checkin
       FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'e-meeting records are kept as part of the minutes'); END"""
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS {t}_kept_{op}" for t in TABLES for op in ("update", "delete")] + [
    "DROP TRIGGER IF EXISTS emeetings_checkin_kept_delete"
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("emeetings", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
