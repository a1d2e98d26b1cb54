#!/usr/bin/env bash
# The whole check: linters, migrations and deploy checks, then the test suite
# against real PostgreSQL and Redis. `make test` runs this; so does .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

export DATABASE_URL="${TEST_DATABASE_URL:-postgres://ctip:ctip@127.0.0.1:5432/ctip}"
export REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/14}"

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== djlint"
.venv/bin/djlint templates --lint
echo "== migrations are complete"
DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py makemigrations --check --dry-run
echo "== deploy checks (production settings)"
DJANGO_SETTINGS_MODULE=config.settings.production \
  DJANGO_SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
  DJANGO_ALLOWED_HOSTS=ctip.example.go.th \
  $PY manage.py check --deploy --fail-level WARNING
echo "== collectstatic (production settings)"
static_root="$(mktemp -d)"
DJANGO_SETTINGS_MODULE=config.settings.production \
  DJANGO_SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
  DJANGO_ALLOWED_HOSTS=ctip.example.go.th STATIC_ROOT="$static_root" \
  $PY manage.py collectstatic --noinput -v0
rm -rf "$static_root"
echo "== docker-compose.yml is valid (the image itself is built where a container registry is reachable)"
POSTGRES_PASSWORD=ci DJANGO_SECRET_KEY=ci DJANGO_ALLOWED_HOSTS=ctip.example.go.th SITE_URL=https://ctip.example.go.th \
  docker-compose -f docker-compose.yml config -q
echo "== bandit (fails on a high-severity finding)"
.venv/bin/bandit -q -r accounts committees core config meetings actionplans fundproposals reports \
  inbox notifications dashboards exports apitokens search emeetings ledger \
  -x '*/migrations/*' --severity-level high
echo "== pytest"
# both cores (PYTEST_WORKERS=0 for one process)
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
