#!/usr/bin/env bash
# Install the system packages the product and its tests need, and start
# PostgreSQL and Redis when they are not running. Idempotent; safe to re-run.
set -euo pipefail

PACKAGES=(
  chromium chromium-driver          # browser journeys (Playwright drives Debian's Chromium)
  poppler-utils                     # pdftotext/pdftoppm: tests read the PDFs back
  libpango-1.0-0 libpangoft2-1.0-0  # WeasyPrint's text layout
  libharfbuzz-subset0               # WeasyPrint's font subsetting
  fonts-thai-tlwg                   # Thai fallback fonts (Sarabun itself comes from PyPI)
  gettext                           # compilemessages
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "system-setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "system-setup: starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "system-setup: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "system-setup: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "system-setup: Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }
echo "system-setup: ok"
