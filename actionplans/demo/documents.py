"""Writing a demo plan (activities and progress) or situation report as fixture rows; running again adds nothing."""

from __future__ import annotations

from decimal import Decimal

from actionplans.choices import Nationality
from actionplans.models import ActionPlan, Activity, Progress, SituationReport, VictimsByNationality


def _plan(sc, fiscal_year: int, rows, *, actor, progress: bool = True) -> tuple[ActionPlan, bool]:
    plan = ActionPlan.objects.filter(subcommittee=sc, fiscal_year=fiscal_year).order_by("revision").first()
    if plan:
        return plan, False
    plan = ActionPlan.objects.create(
        subcommittee=sc,
        fiscal_year=fiscal_year,
        title=f"แผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด{sc.province} ประจำปีงบประมาณ {fiscal_year}",
        created_by=actor,
    )
    for i, row in enumerate(rows, start=1):
        pillar, strategy, name, target, unit, quarters, budget, source, agency = row[:9]
        act = Activity(
            plan=plan,
            order=i,
            pillar=pillar,
            strategy=strategy,
            name=name,
            target_quantity=target,
            target_unit=unit,
            budget=Decimal(budget),
            budget_source=source,
            responsible_agency=agency,
            **{f"q{q}": q in quarters for q in (1, 2, 3, 4)},
        )
        act.full_clean()
        act.save()
        achieved = row[9] if len(row) > 9 else {}
        if progress:
            for q, qty in achieved.items():
                share = (Decimal(budget) * qty / target).quantize(Decimal("0.01"))
                Progress.objects.create(
                    activity=act,
                    quarter=q,
                    done=f"ดำเนินการ{name} ไตรมาส {q} ได้ {qty} {unit}",
                    quantity_achieved=qty,
                    budget_spent=share,
                    recorded_by=actor,
                )
    return plan, True


def _report(sc, year: int, data: dict, *, actor) -> tuple[SituationReport, bool]:
    report = SituationReport.objects.filter(subcommittee=sc, year=year).order_by("revision").first()
    if report:
        return report, False
    report = SituationReport(subcommittee=sc, year=year, created_by=actor, **data["figures"])
    for f in SituationReport.NARRATIVE:
        setattr(report, f, data.get(f, ""))
    report.full_clean()
    report.save()
    for code in Nationality.values:
        VictimsByNationality.objects.create(report=report, nationality=code, victims=data["nationalities"].get(code, 0))
    return report, True


def _generic_report(total: int, province_name: str) -> dict:
    male = total // 3
    child = total // 4
    thai = total // 2
    return {
        "figures": {
            "cases_sexual": max(total // 4, 1),
            "cases_forced_labour": max(total // 5, 1),
            "cases_prosecuted": max(total // 4, 1),
            "victims_total": total,
            "victims_male": male,
            "victims_female": total - male,
            "victims_child": child,
            "victims_adult": total - child,
            "victims_assisted": total,
        },
        "nationalities": {"thai": thai, "myanmar": total - thai},
        "situation": f"สถานการณ์การค้ามนุษย์ในจังหวัด{province_name} โดยภาพรวมอยู่ในระดับที่เฝ้าระวัง",
    }
