"""A ballot may decide any agenda item (its proposal optional); each ballot names its province."""

import django.db.models.deletion
from django.db import migrations, models


def fill_province(apps, schema_editor):
    Ballot = apps.get_model("fundproposals", "Ballot")
    Proposal = apps.get_model("fundproposals", "Proposal")
    Ballot.objects.filter(province__isnull=True).update(
        province_id=models.Subquery(
            Proposal.objects.filter(pk=models.OuterRef("proposal_id")).values("province_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0001_initial"),
        ("meetings", "0001_initial"),
        ("fundproposals", "0004_merge_20261129_0149"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballot",
            name="province",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="committees.province",
                verbose_name="จังหวัด",
            ),
        ),
        migrations.RunPython(fill_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ballot",
            name="province",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="committees.province",
                verbose_name="จังหวัด",
            ),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ballots",
                to="fundproposals.proposal",
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "open")), fields=("agenda_item",), name="one_open_ballot_per_item"
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("proposal__isnull", False),
                    models.Q(("agenda_item__isnull", False), ("mode", "meeting")),
                    _connector="OR",
                ),
                name="ballot_has_a_subject",
            ),
        ),
    ]
