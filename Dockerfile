# The production image: web (gunicorn), worker and beat all run from it (docker-compose.yml).
# System packages come from the same script CI runs (scripts/system-setup.sh runtime), so CI tests its steps.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/var/staticfiles \
    MEDIA_ROOT=/app/var/media \
    BACKUP_DIR=/app/var/backups

WORKDIR /app

# WeasyPrint's libraries, the Thai fonts, pg_dump 15, curl for the health check
COPY scripts/system-setup.sh scripts/system-setup.sh
RUN scripts/system-setup.sh runtime && rm -rf /var/lib/apt/lists/*

COPY requirements/ requirements/
RUN pip install -r requirements/base.txt

COPY . .
# Static files are collected at build time (hashed names, compressed, served by WhiteNoise).
RUN DJANGO_SECRET_KEY=build-only-not-used-at-runtime DJANGO_ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput -v0

RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home ctip \
 && mkdir -p /app/var/media /app/var/backups \
 && chown -R ctip:ctip /app/var/media /app/var/backups
USER ctip

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:8000/healthz?skip=worker" >/dev/null || exit 1
# 3 processes x 4 threads (gthread): a request waiting on PostgreSQL or Redis leaves its process's
# CPU to another thread (thread safety: docs/architecture.md, "Threads"; tests/prod/test_threads.py)
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", "--timeout", "60"]
