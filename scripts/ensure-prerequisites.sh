#!/usr/bin/env bash
# Installs what the stack and the tests need on a fresh Debian machine, once:
# Debian's rabbitmq-server (run as a private node by the AppHost, never as a system service), curl and jq, chromium,
# and the repository's local .NET tools. Docker is not needed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK ($(sed -n 's/.*"version": "\(.*\)".*/\1/p' global.json | head -1)) is required: https://dot.net" >&2
  exit 1
fi

# Debian packages: rabbitmq-server (unless Docker runs the broker); curl and jq for scripts/token.sh and the
# README walkthrough; fonts-droid-fallback and fonts-dejavu-core, the CJK and Latin TrueType fonts embedded in printed
# PDFs (IpPlatform.Printing); poppler-utils, whose pdftoppm the printing tests use to render a page; chromium, the browser the
# portal's end-to-end test drives with Playwright (which cannot download browsers of its own here).
packages=()
if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && ! docker info >/dev/null 2>&1; then packages+=(rabbitmq-server); fi
command -v curl >/dev/null 2>&1 || packages+=(curl)
command -v jq >/dev/null 2>&1 || packages+=(jq)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || packages+=(fonts-droid-fallback)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
[ -x /usr/bin/chromium ] || packages+=(chromium)

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${packages[*]}..."
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the rabbitmq package's own system service from starting: the platform runs its own node.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
