#!/usr/bin/env bash
# How src/planscope/web/static/{htmx,echarts}.min.js were obtained: the packages' own minified builds, taken from
# the npm registry with `npm pack` (no install, no scripts run) and copied as they are. The dashboard never loads
# anything from a CDN, so it works offline. Re-run to upgrade (change the versions below) and commit the files.
set -euo pipefail
HTMX_VERSION="${HTMX_VERSION:-2.0.4}"
ECHARTS_VERSION="${ECHARTS_VERSION:-5.6.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
static="$here/src/planscope/web/static"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "htmx.org@$HTMX_VERSION" "echarts@$ECHARTS_VERSION" >/dev/null
mkdir htmx echarts
tar -xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
tar -xzf "echarts-$ECHARTS_VERSION.tgz" -C echarts
cp htmx/package/dist/htmx.min.js "$static/htmx.min.js"
cp echarts/package/dist/echarts.min.js "$static/echarts.min.js"
# Licences travel with the files they cover.
cp htmx/package/LICENSE "$static/htmx.LICENSE.txt"
cp echarts/package/LICENSE "$static/echarts.LICENSE.txt"
printf 'htmx.org %s\necharts %s\n' "$HTMX_VERSION" "$ECHARTS_VERSION" > "$static/VENDORED.txt"
echo "vendored htmx $HTMX_VERSION and echarts $ECHARTS_VERSION into $static"
