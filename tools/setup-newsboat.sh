#!/usr/bin/env bash
# Install Debian's newsboat, the real feed reader the feed tests run.
# Idempotent: does nothing when newsboat is already on PATH.
set -euo pipefail

if command -v newsboat >/dev/null 2>&1; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-newsboat: apt-get not found; install the newsboat package by hand" >&2
    exit 1
fi

# Root can install directly; a developer account goes through sudo.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Try with the package lists the machine has; on a fresh machine (no lists) or
# stale ones (a version no longer served), refresh them once and try again.
install() {
    $SUDO apt-get install -y -qq --no-install-recommends newsboat >/dev/null
}
if ! install 2>/dev/null; then
    $SUDO apt-get update -qq
    install
fi
command -v newsboat >/dev/null
