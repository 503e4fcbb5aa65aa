#!/usr/bin/env bash
# Installs the Debian packages that the app, the tests and the training need, when missing.
# Idempotent: does nothing when every package is already present.
set -euo pipefail

packages=(
  chromium            # Playwright e2e and WebGPU tests (never Playwright's own browsers)
  dcmtk               # dcmdump, dcmdjpeg, dcmdjpls, dcmdrle, dcmj2pnm: independent references
  libgdcm-tools       # gdcmconv --raw: independent decoder for JPEG 2000 and friends
  libopenjp2-tools    # opj_decompress (OpenJPEG 2.5): independent decoder for HTJ2K
  dicom3tools         # dciodvfy
  pixelmed-apps       # DicomSRValidator: checks structured reports against DICOM's templates
  postgresql          # the shared-deployment database, started privately for tests
  orthanc             # a real PACS for DICOMweb tests
  orthanc-dicomweb
  python3-torch       # models/train
  python3-torchvision
  python3-onnx
  python3-numpy
  fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
