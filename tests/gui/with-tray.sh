#!/bin/sh
# Runs a test on a private X server with a system tray (trayer), for what only a desktop with a
# tray does: closing the window to the tray. The test waits for the tray itself.
set -eu
exec xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
    trayer --edge top --align right --widthtype pixel --width 96 --height 24 >/dev/null 2>&1 &
    tray=$!
    QT_QPA_PLATFORM=xcb "$@"
    status=$?
    kill "$tray" 2>/dev/null || true
    exit "$status"
' sh "$@"
