#!/usr/bin/env bash
# Set-up for development and tests: the Debian packages the tests use, then the npm packages
# (whose "prepare" script builds the app). Offline machines (no GitHub) set
# ELECTRON_SKIP_BINARY_DOWNLOAD=1 so that npm does not try to download the Electron binary.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: end-to-end tests; xmlsec1 + a JDK: independent signature verifiers; libxml2-utils:
# native xmllint for agreement tests and benchmarks; softhsm2 + opensc: a real PKCS#11 token;
# libnss3-tools: real NSS databases; p7zip-full: archive checks; openssl: test certificates;
# time: GNU time, the peak memory of whole processes in `npm run bench`; icoutils: icotool writes
# the branding icons the COSA checks read; mono-mcs + mono-runtime + libmono-system-security4.0-cil:
# .NET's SignedXml (on Mono; the .NET SDK is not packaged for Debian) as a third signer and verifier;
# gcc + libc6-dev + pkg-config + libxml2-dev: `npm ci` builds the CLI's native XSD engine against the
# system's libxml2 (scripts/build-native.mjs; without them the CLI falls back to libxml2-wasm).
packages=(chromium xmlsec1 libxml2-utils softhsm2 opensc libnss3-tools p7zip-full openssl time icoutils mono-mcs mono-runtime libmono-system-security4.0-cil gcc libc6-dev pkg-config libxml2-dev)
command -v java >/dev/null 2>&1 || packages+=(default-jdk-headless)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  echo "Not a Debian-like system: install these with your package manager: ${packages[*]}" >&2
fi

npm ci --no-audit --no-fund
