#!/usr/bin/env bash
# Install rsync (Debian) for `make deploy-rsync`, unless it is already there.
set -euo pipefail
if command -v rsync >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "rsync manque : installez-le avec le gestionnaire de paquets de votre système." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "Installation de rsync…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq rsync >/dev/null
