"""Writes to fund proposals. Each: keyword-only, explicit actor, one transaction, full_clean, audit.

State changes go through ``core.workflow.fire`` with ``PROPOSAL_WORKFLOW``.
One module per subject: ``form`` (กปค.01), ``submission`` (submit, check,
reviews), ``ballots`` (tabling, opening, closing), ``agenda_items`` (deciding an
agenda item without a proposal; untabling a withdrawn item), ``resolutions`` (a closed ballot's
resolution text and the item's resolution it becomes), ``decision`` (how a vote is
entered, in every mode), ``after`` (the fund's decision, contract, results).
Everything is re-exported here so ``fundproposals.services.X`` keeps working.
"""

from fundproposals.services.after import *  # noqa: F403
from fundproposals.services.agenda_items import *  # noqa: F403
from fundproposals.services.ballots import *  # noqa: F403
from fundproposals.services.ballots import _quorum  # noqa: F401
from fundproposals.services.circulation import *  # noqa: F403
from fundproposals.services.common import *  # noqa: F403
from fundproposals.services.common import _fire  # noqa: F401
from fundproposals.services.decision import *  # noqa: F403
from fundproposals.services.form import *  # noqa: F403
from fundproposals.services.submission import *  # noqa: F403
