#!/usr/bin/env bash
# Serves the production build for Playwright on a private port, on the data dir that
# playwright.config.ts chose for the run (SECONDLOOK_DATA_DIR), polling a private, empty Orthanc
# for DX studies every 2 s and sending flagged results and signed reviews back into them (the PACS
# spec stores one there). Its pid goes in the data dir, so the teardown stops it before Orthanc.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?port}
: "${SECONDLOOK_DATA_DIR:?playwright.config.ts sets the e2e data dir}"
: "${E2E_ORTHANC_PORT:?playwright.config.ts sets the e2e Orthanc port}"
read -r pacs_url pacs_password < <(bash scripts/orthanc-test.sh start "$E2E_ORTHANC_PORT")
export SECONDLOOK_PACS_URL=$pacs_url SECONDLOOK_PACS_USER=secondlook
export SECONDLOOK_PACS_PASSWORD=$pacs_password SECONDLOOK_PACS_MODALITIES=DX
export SECONDLOOK_PACS_LOOKBACK_DAYS=all SECONDLOOK_PACS_POLL_SECONDS=2
export SECONDLOOK_PACS_SEND=flagged SECONDLOOK_PACS_SEND_REVIEWS=signed
echo $$ >"$SECONDLOOK_DATA_DIR/e2e-server.pid"
exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$port"
