#!/usr/bin/env bash
# Installs the Debian 12 packages SocketScope needs that are not there yet.
# Usage: scripts/install-dependencies.sh [--tests|--fuzz]
set -euo pipefail

packages=(cmake ninja-build g++ qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
          libgl-dev fonts-dejavu-core qt6-svg-dev libpcap-dev qt6-translations-l10n)
if [[ "${1:-}" == "--tests" ]]; then
    # nc, socat and gcc: the lab against programs outside SocketScope (tst_labpeerstcp, tst_labpeersudp, tst_labpeersstage).
    # python3: a Python program traced (tst_tracer).
    packages+=(strace tshark iproute2 netcat-openbsd socat gcc python3)
elif [[ "${1:-}" == "--fuzz" ]]; then
    # clang and its libFuzzer runtime: scripts/fuzz.sh.
    packages+=(clang libclang-rt-14-dev)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "Installing: ${missing[*]}"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    as_root=(sudo)
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
