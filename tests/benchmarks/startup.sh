#!/bin/sh
# Start-up benchmark (not a test): the time from launch to the window shown with its records
# listed, on the offscreen platform, over a local store of a given size.
#   tests/benchmarks/startup.sh BUILD_DIR [ENTITIES] [FILES_PER_ENTITY] [RUNS]
set -eu
build=${1:?build directory}
entities=${2:-200}
files=${3:-5}
runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

i=0
while [ "$i" -lt "$entities" ]; do
    dir="$work/store/Invoices/$((1000 + i))"
    mkdir -p "$dir"
    j=0
    while [ "$j" -lt "$files" ]; do
        printf 'receipt %s %s\n' "$i" "$j" > "$dir/receipt-$j.txt"
        j=$((j + 1))
    done
    i=$((i + 1))
done
mkdir -p "$work/config/Attache"
printf '[store]\nuri=local:%s/store\n' "$work" > "$work/config/Attache/attache.conf"

echo "store: $entities invoices with $files documents each; $runs runs"
run=0
while [ "$run" -lt "$runs" ]; do
    XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" QT_QPA_PLATFORM=offscreen \
        ATTACHE_BENCHMARK_STARTUP=1 "$build/app/attache"
    run=$((run + 1))
done
