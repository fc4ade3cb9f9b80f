#!/bin/sh
# Install promtool, prometheus and amtool/alertmanager from Debian/Ubuntu packages if missing.
# Idempotent: does nothing when all three tools are on PATH. Run as root (or with sudo available).
# Used by `make` targets and CI before tests/unit/test_deploy.py.
set -eu

missing=""
for tool in promtool prometheus amtool; do
  if command -v "$tool" >/dev/null 2>&1; then
    echo "install-tools: $tool found at $(command -v "$tool")"
  else
    echo "install-tools: $tool missing"
    missing="yes"
  fi
done

if [ -z "$missing" ]; then
  echo "install-tools: nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: apt-get not found; install prometheus and alertmanager by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-tools: must run as root (or have sudo) to apt-get install" >&2
    exit 1
  fi
fi

# The Debian packages ship promtool with prometheus and amtool with prometheus-alertmanager.
echo "install-tools: apt-get update"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "install-tools: apt-get install -y prometheus prometheus-alertmanager"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  prometheus prometheus-alertmanager

for tool in promtool prometheus amtool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-tools: $tool still missing after install" >&2
    exit 1
  fi
done
echo "install-tools: $(promtool --version 2>&1 | head -n 1)"
echo "install-tools: $(amtool --version 2>&1 | head -n 1)"
