"""The full-text indexes, which differ by database.

PostgreSQL: a stored ``to_tsvector('simple', terms)`` column with a GIN index (whole words and prefixes) and a
GIN pg_trgm index on ``terms`` (any part of a word). SQLite (the embedded default): an FTS5
table over ``terms`` (ASCII tokenizer: the terms are already space-separated Thai words), kept in
step by triggers.
"""

from django.db import migrations

PG = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # a stored tsvector: ranking reads it instead of re-parsing long texts at query time
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX search_terms_fts ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_terms_trgm ON search_searchentry USING gin (terms gin_trgm_ops)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS search_terms_fts",
    "DROP INDEX IF EXISTS search_terms_trgm",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_searchentry', content_rowid='id', "
    "tokenize='ascii')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG, "sqlite": SQLITE}), _run({"postgresql": PG_DROP, "sqlite": SQLITE_DROP})
        )
    ]
