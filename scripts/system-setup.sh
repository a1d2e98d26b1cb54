#!/usr/bin/env bash
# Make a bare Debian 12 machine ready for the product and its tests:
#   1. install the system packages (PostgreSQL and Redis included) with apt;
#   2. start PostgreSQL and Redis when they are not running (no systemd needed);
#   3. create the test role with a password and its database (no trust auth).
# Idempotent: safe to re-run, and works where the services already run.
#
# Environment (all optional):
#   CTIP_DB_USER / CTIP_DB_PASSWORD / CTIP_DB_NAME   role, password, database (ctip/ctip/ctip)
#   CTIP_SKIP_APT=1   do not call apt (an image that installed the packages already)
set -euo pipefail

DB_USER="${CTIP_DB_USER:-ctip}"
DB_PASSWORD="${CTIP_DB_PASSWORD:-ctip}"
DB_NAME="${CTIP_DB_NAME:-ctip}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Packages the runtime needs (the Dockerfile installs the same list) ...
RUNTIME_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0  # WeasyPrint's text layout
  libharfbuzz-subset0               # WeasyPrint's font subsetting
  fonts-thai-tlwg                   # Thai fallback fonts (Sarabun itself comes from PyPI)
  fonts-dejavu-core                 # ☐ ☑ on the กปค.01 PDF (Sarabun has no ballot-box glyphs)
  gettext                           # compilemessages
  poppler-utils                     # pdftotext/pdftoppm (tests and the picture harness)
  postgresql-client-15              # pg_dump/pg_restore for `manage.py backup`/`restore` (same major as the server)
  curl                              # the image's HEALTHCHECK calls /healthz
)
# ... and what the services and the tests need on a development or CI machine.
SERVICE_PACKAGES=(
  postgresql postgresql-contrib     # the production database (pg_trgm for search)
  postgresql-15-rum                 # RUM index: search's best matches straight from the index (search/migrations/0004)
  redis-server                      # Celery broker and cache
  procps                            # pgrep/pkill, used by the fault tests
  python3-venv                      # `python3 -m venv .venv` on Debian's own Python
  chromium chromium-driver          # browser journeys (Playwright drives Debian's Chromium)
  docker-compose                    # `docker-compose config` validates docker-compose.yml in CI
  ca-certificates
)
case "${1:-all}" in
  runtime) PACKAGES=("${RUNTIME_PACKAGES[@]}") ;;
  *) PACKAGES=("${RUNTIME_PACKAGES[@]}" "${SERVICE_PACKAGES[@]}") ;;
esac

if [ "${CTIP_SKIP_APT:-0}" != "1" ]; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "system-setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
[ "${1:-all}" = "runtime" ] && { echo "system-setup: runtime packages ok"; exit 0; }

as_postgres() { $SUDO runuser -u postgres -- "$@"; }

# --- PostgreSQL ----------------------------------------------------------------
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "system-setup: starting PostgreSQL"
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  if [ -z "$version" ]; then
    # The package was installed without its default cluster (e.g. create_main_cluster=false).
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    $SUDO pg_createcluster "$version" main
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "system-setup: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }

# The role logs in with a password over TCP (Debian's pg_hba asks scram-sha-256 on
# 127.0.0.1); the administrative step goes through the postgres OS account's peer login.
if ! PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -U "$DB_USER" -d "$DB_NAME" -Atqc "select 1" >/dev/null 2>&1; then
  echo "system-setup: creating role $DB_USER and database $DB_NAME"
  as_postgres psql -v ON_ERROR_STOP=1 -qX -d postgres \
    -v user="$DB_USER" -v password="$DB_PASSWORD" -v dbname="$DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user')\gexec
-- CREATEDB: pytest-django and the benchmarks create their own databases.
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'user', :'password')\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'dbname', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dbname')\gexec
SQL
  # pg_trgm in template1, so that every test database (and the backup test's restore target) has it.
  as_postgres psql -v ON_ERROR_STOP=1 -qX -d template1 -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
  as_postgres psql -v ON_ERROR_STOP=1 -qX -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
fi
PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -U "$DB_USER" -d "$DB_NAME" -Atqc "select 1" >/dev/null ||
  { echo "system-setup: cannot log in as $DB_USER with its password" >&2; exit 1; }

# Installing postgresql-15-rum can upgrade postgresql-15 under a running server; the old server then
# cannot load the new extension libraries (rum, even plpgsql: "undefined symbol"). Restart it so they match.
major="$(ls /usr/lib/postgresql | sort -V | tail -1)"
running="$(as_postgres psql -qXAt -d postgres -c "SHOW server_version" | cut -d' ' -f1)"
installed="$("/usr/lib/postgresql/$major/bin/postgres" --version | awk '{print $3}')"
if [ "${running%%.*}" = "$major" ] && [ "$running" != "$installed" ]; then
  echo "system-setup: restarting PostgreSQL $running -> $installed"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$major" main restart
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# rum is not a trusted extension: the superuser creates it, in template1 too (every test database has it);
# the search migration then builds its index. Without the package, search ranks with GIN + ts_rank.
if [ -f "/usr/share/postgresql/$major/extension/rum.control" ]; then
  for db in template1 "$DB_NAME"; do
    as_postgres psql -v ON_ERROR_STOP=1 -qX -d "$db" -c "CREATE EXTENSION IF NOT EXISTS rum" >/dev/null
  done
fi

# --- Redis ---------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "system-setup: starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ctip.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "system-setup: Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }
echo "system-setup: ok"
