"""Members who checked in before check-ins wrote the attendance: record them present (issue 15).

Only where no attendance row exists for the member, and never for a meeting
whose minutes were adopted (its list of who came is settled).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    CheckIn = apps.get_model("emeetings", "CheckIn")
    Attendance = apps.get_model("meetings", "Attendance")
    for checkin in CheckIn.objects.exclude(meeting__state="adopted").select_related("member").iterator():
        if not Attendance.objects.filter(meeting_id=checkin.meeting_id, member_id=checkin.member_id).exists():
            Attendance.objects.create(
                meeting_id=checkin.meeting_id, member_id=checkin.member_id, status="present", order=checkin.member.order
            )


class Migration(migrations.Migration):
    dependencies = [
        ("emeetings", "0005_text_limits"),
        ("meetings", "0012_text_limits"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
