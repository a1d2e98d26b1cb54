"""Pages of fund proposals. Thin: read through selectors, write through services, flags from permissions.

One module per subject; everything is re-exported so ``fundproposals.views.X`` keeps working.
"""

from fundproposals.views.after import *  # noqa: F403
from fundproposals.views.ballots import *  # noqa: F403
from fundproposals.views.detail import *  # noqa: F403
from fundproposals.views.proposals import *  # noqa: F403
from fundproposals.views.steps import *  # noqa: F403
