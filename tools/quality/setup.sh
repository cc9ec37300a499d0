#!/usr/bin/env bash
# Installs what the quality gates need, and only what is missing: Debian's
# Chromium and chromedriver, fonts (layout checks measure real text), Java for
# the Nu HTML Checker, then the pinned npm packages. Silent when all is there.
# Run as root on a fresh Debian machine; the Python side (linkchecker) comes
# with requirements-dev.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

is_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for package in chromium chromium-driver fonts-liberation fonts-dejavu-core; do
	is_installed "$package" || missing+=("$package")
done
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)

if ((${#missing[@]})); then
	if [[ $(id -u) -ne 0 ]]; then
		echo "setup.sh: missing Debian packages (${missing[*]}); run me as root" >&2
		exit 1
	fi
	echo "setup.sh: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# Recommends would pull a desktop (upower, printers, notifications).
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci wipes node_modules, so run it only when the lock file changed.
stamp=node_modules/.setup-done
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
	echo "setup.sh: npm ci"
	# Browsers and Java come from Debian, never from a download at install time
	# (vnu-jar's postinstall would fetch a JDK: --ignore-scripts; none is needed).
	CHROMEDRIVER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_DOWNLOAD=1 \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch "$stamp"
fi
