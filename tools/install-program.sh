#!/usr/bin/env bash
# Install a program from Debian's packages unless it is already on PATH:
#   tools/install-program.sh COMMAND [PACKAGE]   (PACKAGE defaults to COMMAND)
# Used for rsync (make deploy-rsync) and newsboat (the feed-reader tests).
set -euo pipefail
command_name=$1
package=${2:-$1}

if command -v "$command_name" >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$command_name manque : installez le paquet $package avec le gestionnaire de paquets de votre système." >&2
    exit 1
fi
# Root installs directly; a developer account goes through sudo.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "Installation de $package…" >&2
# Try the package lists the machine has; on a fresh machine (no lists) or
# stale ones, refresh them once and try again.
install() {
    $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}
if ! install 2>/dev/null; then
    $SUDO apt-get update -qq
    install
fi
command -v "$command_name" >/dev/null
