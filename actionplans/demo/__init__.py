"""Demo data: Samut Prakan's FY 2564 plan approved at meeting 1/2564 with four quarters of progress and
its 2563 situation report; Yala's FY 2567 plan as drafted at the 12 September 2566 meeting; approved plans
and reports of a few other provinces so the national status page shows a mix.

Plans, activities and progress are written directly (a fixture, as committees.demo does). The approval is
linked to the resolution on the action plan's agenda item of the meetings demo when it has one; otherwise
the item and resolution are added through meetings.services, or, where the meetings app refuses (the
minutes already adopted), written as fixture rows. Running it again adds nothing.

``data`` holds the plans' and reports' rows, ``meeting_links`` the meetings, items and resolutions a
document is approved under, ``documents`` how a plan or a report is written, ``seed`` the ``load`` that
seed_demo calls (re-exported here).
"""

from actionplans.demo.data import OTHERS_2567, SAMUT_PRAKAN_2564, SP_REPORT_2563, YALA_2567
from actionplans.demo.seed import load

__all__ = ["OTHERS_2567", "SAMUT_PRAKAN_2564", "SP_REPORT_2563", "YALA_2567", "load"]
