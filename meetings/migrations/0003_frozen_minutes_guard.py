"""A database guard behind the service rule: adopted minutes and saved versions never change.

PostgreSQL here; 0005 adds the same guard on SQLite.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION meetings_minutes_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.adopted_on IS NOT NULL THEN
        RAISE EXCEPTION 'adopted minutes are frozen (meeting %)', OLD.meeting_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER meetings_minutes_frozen BEFORE UPDATE OR DELETE ON meetings_minutes
    FOR EACH ROW EXECUTE FUNCTION meetings_minutes_frozen();

CREATE OR REPLACE FUNCTION meetings_minutesversion_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'minutes versions are kept as saved';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER meetings_minutesversion_immutable BEFORE UPDATE OR DELETE ON meetings_minutesversion
    FOR EACH ROW EXECUTE FUNCTION meetings_minutesversion_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS meetings_minutes_frozen ON meetings_minutes;
DROP FUNCTION IF EXISTS meetings_minutes_frozen();
DROP TRIGGER IF EXISTS meetings_minutesversion_immutable ON meetings_minutesversion;
DROP FUNCTION IF EXISTS meetings_minutesversion_immutable();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_papers_minutes")]

    operations = [migrations.RunPython(forward, backward)]
