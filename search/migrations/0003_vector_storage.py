"""Keep the ranking vector uncompressed beside the row, and the long texts out of the way (PostgreSQL only).

Ranking every match reads each match's tsvector. Stored the default way (pglz-compressed, often moved
to the TOAST table with the body and the segmented words), every read decompressed it: about 70% of a
national query's time. Now:

- ``body`` and ``terms`` are EXTERNAL: moved out of the row first when it is long (never needed to rank);
- ``vector`` is MAIN: kept in the row, and only compressed when the row would not fit otherwise,
  then with lz4 (several times faster to read than pglz) where the server has it.

Existing rows are rewritten once so that they are stored the new way.
"""

from django.db import migrations

PG = [
    "ALTER TABLE search_searchentry ALTER COLUMN body SET STORAGE EXTERNAL, "
    "ALTER COLUMN terms SET STORAGE EXTERNAL, ALTER COLUMN vector SET STORAGE MAIN",
    # lz4 is optional in a PostgreSQL build: without it the vector keeps pglz (still MAIN, so rarely compressed)
    "DO $$ BEGIN ALTER TABLE search_searchentry ALTER COLUMN vector SET COMPRESSION lz4; "
    "EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; END $$",
    # recompute the generated vector (and re-place the texts) for the rows already there
    "UPDATE search_searchentry SET terms = terms",
]
PG_BACK = [
    "ALTER TABLE search_searchentry ALTER COLUMN body SET STORAGE EXTENDED, "
    "ALTER COLUMN terms SET STORAGE EXTENDED, ALTER COLUMN vector SET STORAGE EXTENDED, "
    "ALTER COLUMN vector SET COMPRESSION DEFAULT",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(PG), _run(PG_BACK))]
