#!/bin/sh
# Install the tools the tests use, from Debian's packages, if missing:
#   promtool and prometheus (package prometheus), amtool (prometheus-alertmanager),
#   chromium (the dashboard's browser test drives it with Playwright; no browser download),
#   java and mvn (default-jre-headless, maven: Apache Kafka for the integration tests runs from
#   Maven Central's jars, see deploy/kafka/pom.xml and pipeline/stream/kafka_local.py).
# Idempotent: does nothing when every tool is on PATH. Run as root (or with sudo available).
# Used by `make tools` (and so `make test`) and CI.
set -eu

packages=""
need() {  # need TOOL PACKAGE
  if command -v "$1" >/dev/null 2>&1; then
    echo "install-tools: $1 found at $(command -v "$1")"
  else
    echo "install-tools: $1 missing (package $2)"
    case " $packages " in *" $2 "*) ;; *) packages="$packages $2" ;; esac
  fi
}
need promtool prometheus
need prometheus prometheus
need amtool prometheus-alertmanager
need chromium chromium
need java default-jre-headless
need mvn maven

if [ -z "$packages" ]; then
  echo "install-tools: nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: apt-get not found; install$packages by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-tools: must run as root (or have sudo) to apt-get install$packages" >&2
    exit 1
  fi
fi

echo "install-tools: apt-get update"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "install-tools: apt-get install -y$packages"
# shellcheck disable=SC2086  # the package list is meant to split
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages

for tool in promtool prometheus amtool chromium java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-tools: $tool still missing after install" >&2
    exit 1
  fi
done
echo "install-tools: $(promtool --version 2>&1 | head -n 1)"
