#!/bin/sh
# Runs a command on a private D-Bus session with a fresh, unlocked GNOME Keyring, so that tests use
# the real Secret Service and never the user's keyring (ATTACHE_TEST_KEYRING=gnome-keyring). HOME and
# the XDG directories point into a throwaway directory, where the login keyring is created and
# becomes the default collection.
# With --without-keyring first, the private session has no Secret Service at all, not even an
# activatable one (ATTACHE_TEST_KEYRING=none): what a desktop without a keychain looks like.
set -eu
mode=keyring
if [ "${1:-}" = "--without-keyring" ]; then
    mode=none
    shift
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -m 700 "$root/.runtime"
export HOME="$root"
export XDG_DATA_HOME="$root/.local/share" XDG_CONFIG_HOME="$root/.config" XDG_CACHE_HOME="$root/.cache"
export XDG_RUNTIME_DIR="$root/.runtime"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY

if [ "$mode" = none ]; then
    # A session bus without service directories: nothing can be activated on it.
    cat >"$root/bus.conf" <<'CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    ATTACHE_TEST_KEYRING=none dbus-run-session --config-file="$root/bus.conf" -- "$@"
else
    # The daemon takes the login keyring's password on stdin, creates the keyring and unlocks it;
    # it leaves when the session bus does.
    ATTACHE_TEST_KEYRING=gnome-keyring dbus-run-session -- sh -c '
        printf %s attache-test-keyring | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
        exec "$@"
    ' sh "$@"
fi
