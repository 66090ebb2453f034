#!/usr/bin/env bash
# Installs the Debian packages PlanScope's tests and reports use, when missing: a CJK font for PDF reports.
# (Chromium and PostgreSQL are added here by the browser and PostgreSQL test set-ups.)
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing Debian packages: ${need[*]} (run as root, or install them)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
