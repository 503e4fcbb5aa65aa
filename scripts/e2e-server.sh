#!/usr/bin/env bash
# Serves the production build for Playwright on a private port with a throwaway data dir.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?port}
export SECONDLOOK_DATA_DIR=${SECONDLOOK_DATA_DIR:-$(mktemp -d /tmp/secondlook-e2e.XXXXXX)}
exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port"
