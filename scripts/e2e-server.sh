#!/usr/bin/env bash
# Serves the production build for Playwright on a private port, on the data dir that
# playwright.config.ts chose for the run (SECONDLOOK_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?port}
: "${SECONDLOOK_DATA_DIR:?playwright.config.ts sets the e2e data dir}"
exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port"
