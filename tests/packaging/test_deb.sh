#!/bin/sh
# Builds the Debian package with CPack, checks what is inside it, that apt would install it, and that it starts
# from the applications menu in the user's language.
# Usage: test_deb.sh BUILD_DIR
# The cpack to use can be given in $CPACK (ctest sets it to the one matching CMake).
set -eu

fail() {
    echo "test_deb: FAIL: $*" >&2
    exit 1
}

[ $# -eq 1 ] || fail "usage: $0 BUILD_DIR"
build_dir=$(cd "$1" && pwd) || fail "build directory '$1' does not exist"
[ -f "$build_dir/CPackConfig.cmake" ] || fail "$build_dir/CPackConfig.cmake not found; configure the project first"

cpack=${CPACK:-cpack}
for tool in "$cpack" dpkg-deb dpkg-shlibdeps desktop-file-validate apt-get gio timeout; do
    command -v "$tool" >/dev/null 2>&1 \
        || fail "'$tool' not found; run packaging/install-dependencies.sh"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/attache-deb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

echo "test_deb: running cpack -G DEB in $build_dir"
(cd "$build_dir" && "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out") \
    || fail "cpack -G DEB failed"

set -- "$work"/out/attache_*.deb
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    fail "expected exactly one attache_*.deb in $work/out, found: $*"
fi
deb=$1
echo "test_deb: built $(basename "$deb")"

# apt resolves its dependencies from Debian's packages (a simulation: nothing is installed).
apt-get -s install "$deb" >"$work/apt" 2>&1 || { cat "$work/apt" >&2; fail "apt-get cannot install $(basename "$deb")"; }
grep -q '^Inst attache ' "$work/apt" || { cat "$work/apt" >&2; fail "apt-get would not install attache"; }

dpkg-deb -I "$deb" >"$work/info" || fail "dpkg-deb -I failed on $deb"
grep -q '^ Package: attache$' "$work/info" || fail "package name is not 'attache'"
grep -q '^ Section: office$' "$work/info" || fail "package section is not 'office'"

dpkg-deb -c "$deb" >"$work/contents" || fail "dpkg-deb -c failed on $deb"
for path in \
    ./usr/bin/attache \
    ./usr/bin/attache-cli \
    ./usr/share/applications/org.attache.Attache.desktop \
    ./usr/share/metainfo/org.attache.Attache.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/org.attache.Attache.svg
do
    # Each line ends with the path (symbolic links add " -> target").
    if ! grep -q -e " $path\$" -e " $path -> " "$work/contents"; then
        cat "$work/contents" >&2
        fail "$path is missing from $(basename "$deb")"
    fi
done

root=$work/root
mkdir "$root"
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x failed on $deb"

desktop-file-validate "$root/usr/share/applications/org.attache.Attache.desktop" \
    || fail "the packaged .desktop file does not validate"

# Libraries the package ships itself, as if it were installed.
libdirs=$(find "$root/usr/lib" -name '*.so*' -printf '%h\n' 2>/dev/null | sort -u | tr '\n' ':')

# Keep the programs away from the user's own settings and data.
home=$work/home
mkdir -p "$home/config" "$home/data" "$home/cache" "$home/runtime"
chmod 700 "$home/runtime"

run() {
    env HOME="$home" \
        XDG_CONFIG_HOME="$home/config" \
        XDG_DATA_HOME="$home/data" \
        XDG_CACHE_HOME="$home/cache" \
        XDG_RUNTIME_DIR="$home/runtime" \
        LD_LIBRARY_PATH="$libdirs${LD_LIBRARY_PATH:-}" \
        "$@"
}

echo "test_deb: usr/bin/attache-cli --help"
run "$root/usr/bin/attache-cli" --help || fail "usr/bin/attache-cli --help exited with status $?"

echo "test_deb: usr/bin/attache --version"
run QT_QPA_PLATFORM=offscreen "$root/usr/bin/attache" --version \
    || fail "usr/bin/attache --version exited with status $?"

# In Swedish, as the session's LANG asks.
echo "test_deb: LANG=sv_SE.UTF-8 usr/bin/attache --help"
run env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=sv_SE.UTF-8 QT_QPA_PLATFORM=offscreen "$root/usr/bin/attache" --help \
    >"$work/help-sv" || fail "usr/bin/attache --help exited with status $?"
grep -q '^Användning: ' "$work/help-sv" && grep -q '^Bifoga kvitton' "$work/help-sv" \
    || { cat "$work/help-sv" >&2; fail "attache --help is not in Swedish under LANG=sv_SE.UTF-8"; }

# Started as the applications menu starts it: gio launches the packaged .desktop entry, whose Exec finds attache on
# PATH: here a shim that runs the packaged one with a time limit, so that a window that never shows cannot hang the
# test. The window reports once it is shown with its records (the start-up benchmark's report), then quits. gio
# returns at once; the pipe is read until the app, which holds it too, has ended.
echo "test_deb: gio launch org.attache.Attache.desktop"
mkdir "$work/bin"
printf '#!/bin/sh\nexec timeout 90 "%s/usr/bin/attache" "$@"\n' "$root" >"$work/bin/attache"
chmod +x "$work/bin/attache"
run env -u DISPLAY -u WAYLAND_DISPLAY PATH="$work/bin:$PATH" QT_QPA_PLATFORM=offscreen ATTACHE_BENCHMARK_STARTUP=1 \
    gio launch "$root/usr/share/applications/org.attache.Attache.desktop" 2>&1 | timeout 120 cat >"$work/launch" || true
grep -q '^startup_ms [0-9]' "$work/launch" \
    || { cat "$work/launch" >&2; fail "the window launched from the desktop entry did not show"; }

echo "test_deb: OK"
