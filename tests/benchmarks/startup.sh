#!/bin/sh
# Start-up benchmark (not a test): the time from launch to the window shown and filled, on the offscreen
# platform, over a local store of ENTITIES invoices with FILES documents each, in three cases:
#   bare    an empty store and an empty cache: the least the app needs to start;
#   listed  the big store with an empty cache: filled once the store has been listed;
#   cached  the big store with a cache of all its records and documents: filled from the cache, while the
#           store is listed again in the background.
#   tests/benchmarks/startup.sh BUILD_DIR [ENTITIES] [FILES] [RUNS]
set -eu
build=${1:?build directory}
entities=${2:-10000}
files=${3:-10}
runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/empty"
seq 1000 $((999 + entities)) | sed "s|^|$work/store/Invoices/|" | xargs mkdir -p
for dir in "$work"/store/Invoices/*; do
    j=0
    while [ "$j" -lt "$files" ]; do
        printf 'receipt %s\n' "$j" > "$dir/receipt-$j.txt"
        j=$((j + 1))
    done
done

# Prints the median of the runs' start-up times, in milliseconds.
measure() { # STORE_DIR KEEP_CACHE
    run=0
    while [ "$run" -lt "$runs" ]; do
        [ "$2" = keep ] || rm -rf "$work/data"
        mkdir -p "$work/config/Attache"
        printf '[store]\nuri=local:%s\n' "$1" > "$work/config/Attache/attache.conf"
        XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
            QT_QPA_PLATFORM=offscreen ATTACHE_BENCHMARK_STARTUP=1 "$build/app/attache" | sed -n 's/^startup_ms //p'
        run=$((run + 1))
    done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "store: $entities invoices with $files documents each; median of $runs runs"
bare=$(measure "$work/empty" fresh)
listed=$(measure "$work/store" fresh)
rm -rf "$work/data"
"$build/tests/attache-fill-cache" "$work/data/Attache/attache/attache.sqlite" "local:$work/store" "$entities" "$files"
cached=$(measure "$work/store" keep)
echo "bare    ${bare} ms"
echo "listed  ${listed} ms"
echo "cached  ${cached} ms"
awk -v c="$cached" -v b="$bare" -v l="$listed" \
    'BEGIN { printf "cached / bare = %.2f, cached / listed = %.2f\n", c / b, c / l }'
