"""The report worker's memory settings (issue #12): malloc arenas capped in each worker
process, and a child recycled after a bounded number of tasks."""

import ctypes.util

from django.conf import settings

from config.celery import app
from reports.tasks import limit_malloc_arenas


def test_worker_processes_cap_malloc_arenas():
    if not ctypes.util.find_library("c"):
        assert limit_malloc_arenas(2) is False  # no glibc: nothing to cap, nothing breaks
    else:
        assert limit_malloc_arenas(2) is True
    assert settings.REPORTS_MALLOC_ARENAS >= 1


def test_a_worker_child_is_recycled_after_a_bounded_number_of_tasks():
    assert 0 < app.conf.worker_max_tasks_per_child == settings.CELERY_WORKER_MAX_TASKS_PER_CHILD
