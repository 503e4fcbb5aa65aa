#!/usr/bin/env bash
# The README's run command (after `npm ci`): builds and starts the app on the embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-3000}
export SECONDLOOK_DATA_DIR=${SECONDLOOK_DATA_DIR:-$PWD/data}
mkdir -p "$SECONDLOOK_DATA_DIR"
npx next build --webpack
echo "secondlook is starting on http://localhost:$port"
exec node node_modules/next/dist/bin/next start -p "$port"
