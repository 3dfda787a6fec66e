#!/usr/bin/env bash
# Installs the Debian packages Qt needs (offscreen for tests, xcb for a real
# screen), Xvfb for screenshots, CJK fonts, poppler for receipt checks and
# mbpoll (a third-party Modbus master the meter-profile tests compare with) and
# chromium (the tenant portal's browser tests drive it with Playwright; no browser download)
# and PostgreSQL (the tests start a throw-away cluster of their own with initdb and pg_ctl).
# Skips apt when everything is present; needs root (or sudo) otherwise.
set -euo pipefail
pkgs=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libglib2.0-0
      xvfb xauth fonts-noto-cjk poppler-utils mbpoll chromium
      postgresql)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
