#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it (after `npm ci`):
# system packages, static checks, unit and integration tests, production build, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/install-system.sh

step "static checks"
npx prettier --check . --log-level warn
npx eslint . --max-warnings 0
npx knip --no-progress
npx tsc --noEmit

step "unit and integration tests"
npx vitest run

step "production build"
npx next build --webpack

step "end-to-end tests (Debian Chromium)"
npx playwright test
