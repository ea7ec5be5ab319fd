#!/usr/bin/env bash
# Prepares a fresh machine with Node 20 for mm-orch: pnpm 10.34.9, the
# workspace dependencies, and (when run as root) the Debian packages that the
# end-to-end tests drive: Prometheus, Alertmanager and Chromium.
set -euo pipefail

cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION"
fi

pnpm install --frozen-lockfile

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null ||
  missing+=(prometheus-alertmanager)
command -v chromium >/dev/null || missing+=(chromium)

if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" == "0" ]]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "setup: not root, so these Debian packages stay missing and the" \
      "tests that need them skip themselves: ${missing[*]}"
  fi
fi
