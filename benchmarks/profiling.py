"""The CPU profile both page benchmarks print (``page_costs.py --cprofile``, ``floor_costs.py --cprofile``)."""

from __future__ import annotations

import cProfile
import os
import pstats
import time


def print_cpu_profile(client, url: str, runs: int) -> None:
    """``runs`` GETs of ``url`` under cProfile, timed in CPU, not wall (the machine is shared); sorted by
    ``SORT`` (default tottime), the top ``TOP`` (default 40) lines."""
    prof = cProfile.Profile(time.process_time)
    prof.enable()
    for _ in range(runs):
        client.get(url)
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats(os.environ.get("SORT", "tottime")).print_stats(int(os.environ.get("TOP", "40")))
