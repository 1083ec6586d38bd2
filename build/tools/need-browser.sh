#!/usr/bin/env bash
# need-browser.sh: the end-to-end tests drive Debian's Chromium and need CJK fonts for the
# screenshots. Installs both when it can (root with apt-get); otherwise stops at once with the
# one command to run.
set -euo pipefail
chromium="${CHROMIUM:-/usr/bin/chromium}"
have_fonts() { command -v fc-list >/dev/null && fc-list :lang=zh family | grep -q .; }
if [ -x "$chromium" ] && have_fonts; then exit 0; fi
cmd="apt-get update && apt-get install -y chromium fonts-noto-cjk"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "need-browser: installing Chromium and CJK fonts: $cmd"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "need-browser: the end-to-end tests need Chromium and CJK fonts. Run:" >&2
echo "  sudo sh -c '$cmd'" >&2
echo "(or set CHROMIUM to another Chromium and install a CJK font)" >&2
exit 1
