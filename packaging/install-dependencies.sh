#!/bin/sh
# Installs everything Attaché needs to build, run and test on Debian 12, from Debian's own packages.
# Runs as root, or through sudo for a normal user. Does nothing when all of it is already installed.
set -eu

PACKAGES="
cmake ninja-build g++ pkg-config file dpkg-dev
qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
qt6-svg-dev qt6-pdf-dev qt6-webengine-dev qt6-httpserver-dev qt6-websockets-dev
qtkeychain-qt6-dev libssl-dev libqt6sql6-sqlite qt6-image-formats-plugins qt6-qpa-plugins qt6-wayland
libgl-dev fonts-dejavu-core hicolor-icon-theme adwaita-icon-theme
xvfb xauth trayer dbus dbus-x11 gnome-keyring libsecret-tools curl time mount
desktop-file-utils appstream qt6-translations-l10n libglib2.0-bin
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null; then
    as_root="sudo"
else
    echo "$0: run this as root (or install sudo) to install:$missing" >&2
    exit 1
fi
echo "Installing:$missing"
$as_root apt-get update
# shellcheck disable=SC2086
# Through env, which sudo's reset of the environment does not undo.
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
