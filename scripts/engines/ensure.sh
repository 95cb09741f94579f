#!/usr/bin/env bash
# Makes sure the three browser engines of the test suite are installed, from Debian
# packages (never a downloaded browser). Run by `npm test` before vitest.
#
# Missing packages are installed when that needs no password (root, or sudo -n);
# otherwise this stops at once with the one command to run.
set -euo pipefail

# Engine → the file that shows it is there, and the packages that provide it.
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
have "${CHROMIUM_PATH:-/usr/bin/chromium}" || need+=(chromium)
have "${FIREFOX_PATH:-/usr/bin/firefox-esr}" || need+=(firefox-esr)
have "${WEBKIT_DRIVER:-/usr/bin/WebKitWebDriver}" || need+=(webkit2gtk-driver)
have Xvfb || need+=(xvfb)

if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

command="apt-get update && apt-get install -y ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "The browser tests need Debian packages that are not installed: ${need[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo sh -c '$command'" >&2
  exit 1
fi

echo "Installing the browser engines the tests need: ${need[*]}" >&2
"${run[@]}" apt-get update -qq
# Without the packages they only recommend (printing, media codecs, fonts, desktop
# portals): 86 packages and 265 MB instead of 333 and 407 MB on Debian 12, and the three
# engines run the whole suite without them.
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}" >&2
