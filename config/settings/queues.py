"""Celery (broker, worker, beat schedule), backups, report heartbeats and the cache.

``base.py`` star-imports this module where the block used to stand, so every name below stays a
base setting (and a production/local/test one); ``CELERY_TIMEZONE`` stays in ``base.py`` (it is
``TIME_ZONE``). Read after ``base.py`` has read the ``.env`` file.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from kombu import Queue

from config.release import code_release

env = environ.Env()

REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# No broker configured: run tasks in-process (embedded default).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Search re-indexing waits in its own queue: after a bulk change (a meeting's agenda, a seeded year)
# hundreds of index updates are queued, and a report, an e-mail or a vote's notice must not wait
# behind them. A worker started without -Q consumes both queues, taking from each in turn.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("search"))
CELERY_TASK_ROUTES = {"search.tasks.*": {"queue": "search"}}
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs (beat): a lost worker host never leaves a report "building" forever.
CELERY_BEAT_SCHEDULE = {
    # every 30 s: a report whose worker died (no heartbeat for REPORT_HEARTBEAT_STALE) is built again
    "reports-sweep-stuck": {"task": "reports.tasks.sweep_stuck_reports", "schedule": 30.0},
    # circulated votes (เวียนมติ) close at their deadline
    "fundproposals-close-due-ballots": {"task": "fundproposals.tasks.close_due_ballots", "schedule": 60.0},
    # messages kept while the broker was down go out once it is back
    "core-dispatch-pending": {"task": "core.tasks.dispatch_pending", "schedule": 30.0},
    # /healthz reads the worker's last heartbeat
    "core-worker-heartbeat": {"task": "core.tasks.worker_heartbeat", "schedule": 30.0},
    # database + media backup every night (recovery point: 24 hours); nothing when BACKUP_DIR is unset
    "core-nightly-backup": {"task": "core.tasks.nightly_backup", "schedule": crontab(hour=2, minute=30)},
}
BACKUP_DIR = env("BACKUP_DIR", default="")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# A lost broker answers quickly (a request never hangs on it); see core/celery_support.py.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# Report jobs beat while they build; the sweeper rebuilds one whose heartbeat stopped this long ago.
REPORT_HEARTBEAT_SECONDS = env.int("REPORT_HEARTBEAT_SECONDS", default=10)
REPORT_HEARTBEAT_STALE = env.int("REPORT_HEARTBEAT_STALE", default=60)

# Redis down costs speed, never a page: core.cache.SafeRedisCache reads nothing and drops writes
# (short timeouts so a lost host does not hold a request).
# Every key carries the code's release (config/release.py): a deploy never serves markup kept by the
# previous code. CACHE_RELEASE overrides it (e.g. an image's build id).
CACHE_RELEASE = env("CACHE_RELEASE", default="") or code_release(Path(__file__).resolve().parent.parent.parent)
CACHES = (
    {
        "default": {
            "BACKEND": "core.cache.SafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"r{CACHE_RELEASE}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": f"r{CACHE_RELEASE}"}}
)

# Only the settings: ``env`` and the imports stay here.
__all__ = [name for name in dir() if name.isupper()]
