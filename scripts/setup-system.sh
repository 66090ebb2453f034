#!/usr/bin/env bash
# Installs the Debian packages PlanScope's tests and reports need, only those missing:
#   fonts-wqy-microhei  a CJK font, so PDF reports embed Chinese glyphs
#   chromium            the browser the end-to-end tests drive (never a browser download)
#   postgresql          server binaries; the tests start their own throwaway cluster
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
# PostgreSQL server binaries (initdb, pg_ctl, pg_trgm): tests/pg.py starts a throwaway cluster with them.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing Debian packages: ${need[*]} — install them as root (apt-get install ${need[*]})" >&2
  exit 1
fi
echo "setup-system: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
