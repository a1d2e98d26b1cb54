"""A RUM index on the ranking vector, where the server has the extension (PostgreSQL only).

RUM (the ``rum`` extension, Debian package ``postgresql-15-rum``) keeps each word's positions in the
index, so the best matches come out of the index in rank order (``ORDER BY vector <=> query``)
without reading every match's vector from the table: a word that is in a third of all entries no
longer means reading a third of the table (``search.selectors``).

``rum`` is not a trusted extension: only a superuser creates it. ``scripts/system-setup.sh`` creates it
in ``template1`` and the product's database (so every test database has it); in the production compose
file the database's owner is its superuser, so this migration creates it itself. Where it can be neither
found nor created, nothing is done and search keeps ranking with GIN and ``ts_rank`` (the selector looks
for this index once per process). The index can be added later by re-running this migration
(``migrate search 0003`` then ``migrate search``) once a superuser has created the extension.
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "search_vector_rum"


def _rum_extension(connection) -> bool:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum'), "
            "EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')"
        )
        installed, available = cur.fetchone()
    if installed or not available:
        return installed
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refusal leaves the migration intact
            with connection.cursor() as cur:
                cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:  # not a superuser: the setup script's step was skipped
        return False
    return True


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or not _rum_extension(connection):
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry USING rum (vector rum_tsvector_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_vector_storage")]

    operations = [migrations.RunPython(create, drop)]
