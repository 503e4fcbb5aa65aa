#!/usr/bin/env bash
# The README's run command (after `npm ci`): the embedded default (SQLite under ./data), the
# generated demo study set imported and screened, demo accounts, a production build, the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-3000}
export SECONDLOOK_DATA_DIR=${SECONDLOOK_DATA_DIR:-$PWD/data}
secondlook() { node bin/secondlook.mjs "$@"; }

secondlook db bootstrap

# Demo readers, each with a random password kept beside the admin's (mode 600).
for account in reader:radiologist auditor:auditor; do
  name=${account%%:*}
  role=${account##*:}
  secrets="$SECONDLOOK_DATA_DIR/demo-$name-password.txt"
  if [ ! -f "$secrets" ]; then
    (umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$secrets")
    secondlook users add "$name" --role "$role" <"$secrets"
  fi
  echo "demo account: $name ($role), password $(cat "$secrets")"
done

secondlook demo --out "$SECONDLOOK_DATA_DIR/demo-studies"
secondlook import "$SECONDLOOK_DATA_DIR/demo-studies"

npx next build --webpack
echo "secondlook is starting on http://localhost:$port (studies are screened in the background)"
exec node node_modules/next/dist/bin/next start -p "$port"
