#!/usr/bin/env bash
# Generates both Prisma clients (SQLite and PostgreSQL) into lib/store/generated/ (git-ignored).
# Runs offline: prisma.config.ts selects the JS engine, so nothing is downloaded. The same
# config serves the PostgreSQL schema through --schema (a config with @prisma/adapter-pg 6.x
# makes `prisma generate` fetch engine binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/db-schema.sh
for schema in prisma/schema.prisma prisma/postgresql/schema.prisma; do
  npx prisma generate --config prisma.config.ts --schema "$schema" 2>&1 | grep -E '^(Error|✔)' || true
done
