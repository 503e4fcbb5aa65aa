#!/usr/bin/env bash
# Makes the next migration for both providers from the change in prisma/schema.prisma:
#   scripts/db-migration.sh <name>
# `prisma migrate dev` needs the network; this diffs the schema as of the last migration
# (prisma/schema.last.prisma, per provider) against the current one, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/db-migration.sh <name>}
bash scripts/db-schema.sh
stamp=$(date -u +%Y%m%d%H%M%S)
# The JS schema engine opens the config's SQLite file even for a pure diff: give it a scratch one.
SECONDLOOK_DATA_DIR=$(mktemp -d)
export SECONDLOOK_DATA_DIR
trap 'rm -rf "$SECONDLOOK_DATA_DIR"' EXIT
for dir in prisma prisma/postgresql; do
  last="$dir/migrations/schema.last.prisma"
  from=(--from-empty)
  [ -f "$last" ] && from=(--from-schema-datamodel "$last")
  out="$dir/migrations/${stamp}_${name}"
  mkdir -p "$out"
  npx prisma migrate diff --config prisma.config.ts "${from[@]}" \
    --to-schema-datamodel "$dir/schema.prisma" --script >"$out/migration.sql" 2>/dev/null
  cp "$dir/schema.prisma" "$last"
  echo "wrote $out/migration.sql"
done
