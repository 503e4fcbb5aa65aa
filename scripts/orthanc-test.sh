#!/usr/bin/env bash
# A private Orthanc PACS (with its DICOMweb plugin) for tests, on a loopback HTTP port, with its
# storage under /tmp and HTTP basic authentication (user `secondlook`, the password printed):
#   scripts/orthanc-test.sh start [PORT]   prints "URL PASSWORD" (the DICOMweb root) to stdout
#   scripts/orthanc-test.sh stop [PORT]
# Remote access is refused and the DICOM (DIMSE) port is off. Installs Orthanc from Debian first
# when it is missing (scripts/install-system.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?usage: scripts/orthanc-test.sh start|stop [PORT]}
port=${2:-${SECONDLOOK_ORTHANC_PORT:-58042}}
dir=${TMPDIR:-/tmp}/secondlook-orthanc-$port
plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so

case "$action" in
  start)
    if ! command -v Orthanc >/dev/null || [ ! -f "$plugin" ]; then
      bash scripts/install-system.sh >&2
    fi
    if [ ! -f "$dir/password" ]; then
      mkdir -p "$dir/storage"
      head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$dir/password"
      cat >"$dir/orthanc.json" <<JSON
{
  "Name": "secondlook-test-pacs",
  "StorageDirectory": "$dir/storage",
  "IndexDirectory": "$dir/storage",
  "HttpPort": $port,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "secondlook": "$(cat "$dir/password")" },
  "DicomServerEnabled": false,
  "HttpCompressionEnabled": false,
  "Plugins": ["$plugin"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }
}
JSON
    fi
    if [ ! -f "$dir/pid" ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      nohup Orthanc "$dir/orthanc.json" >"$dir/orthanc.log" 2>&1 &
      echo $! >"$dir/pid"
    fi
    # The password goes in the environment, not argv: one that starts with '-' (1 in 64 of them)
    # was read by node as an option of its own, and the PACS never counted as up.
    ready="fetch('http://127.0.0.1:$port/system', { headers: { authorization: 'Basic ' + btoa('secondlook:' + process.env.ORTHANC_PASSWORD) } }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
    for _ in $(seq 1 300); do
      if ORTHANC_PASSWORD="$(cat "$dir/password")" node -e "$ready"; then
        echo "http://127.0.0.1:$port/dicom-web $(cat "$dir/password")"
        exit 0
      fi
      sleep 0.1
    done
    echo "orthanc did not answer on port $port; the end of $dir/orthanc.log:" >&2
    tail -n 20 "$dir/orthanc.log" >&2 || true
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$(cat "$dir/pid")" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/orthanc-test.sh start|stop [PORT]" >&2
    exit 2
    ;;
esac
