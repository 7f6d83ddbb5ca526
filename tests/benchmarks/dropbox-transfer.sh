#!/usr/bin/env bash
# Dropbox transfer benchmark (not a test): uploads and downloads one file through attache-cli and through
# curl to the same local attache-dropbox-emulator, and prints each one's throughput, the ratio
# attache-cli/curl, attache-cli's peak RSS, and the CPU seconds of each client and of the emulator. Target: a
# ratio of at least 0.9 and a peak RSS under 100 MiB.
#   tests/benchmarks/dropbox-transfer.sh BUILD_DIR [SIZE_MIB] [ROUNDS]
# BUILD_DIR holds both app/attache-cli and tests/emulators/attache-dropbox-emulator, so it needs the tests
# (BUILD_TESTING=ON); measure an optimised build, e.g.
#   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON
#   cmake --build build/bench --target attache-cli attache-dropbox-emulator
# SIZE_MIB defaults to 1024. Files over 150 MiB go up in a concurrent upload session, 32 MiB chunks with
# 3 in flight, as attache-cli sends them. Each of the ROUNDS (default 3) times the four transfers in turn,
# curl and attache-cli alternating; the figures are the medians. Run as root, every transfer starts with
# an empty page cache, which makes the figures repeatable. The temporary directory (in $TMPDIR, else /tmp) needs
# about 5 × SIZE_MIB of space. ROUNDS of 4 or more balance the order.
# Runs in a private D-Bus session with a throwaway keyring and HOME (tests/with-keyring.sh), never the user's.
set -euo pipefail

self=$(readlink -f "$0")
here=$(dirname "$self")
if [ "${ATTACHE_TEST_KEYRING:-}" != gnome-keyring ]; then
    exec "$here/../with-keyring.sh" "$self" "$@"
fi

usage() {
    echo "usage: $0 BUILD_DIR [SIZE_MIB]" >&2
    exit 2
}
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    usage
fi
build=$(readlink -f "$1")
size_mib=${2:-1024}
rounds=${3:-3}
[[ $size_mib =~ ^[1-9][0-9]*$ ]] || usage
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage
cli="$build/app/attache-cli"
emulator="$build/tests/emulators/attache-dropbox-emulator"
for program in "$cli" "$emulator"; do
    [ -x "$program" ] || { echo "$0: no $program (build it, with BUILD_TESTING=ON)" >&2; exit 2; }
done
for tool in curl /usr/bin/time sha256sum basenc split cmp; do
    command -v "$tool" >/dev/null || { echo "$0: needs $tool (packaging/install-dependencies.sh)" >&2; exit 2; }
done

readonly MiB=$((1024 * 1024))
readonly chunk_bytes=$((32 * MiB))         # attache-cli's upload-session chunk (DropboxUpload::DefaultChunkSize)
readonly parallel_chunks=3                 # attache-cli's appends in flight (DropboxUpload::DefaultParallelChunks)
readonly single_limit=$((150 * MiB))       # Dropbox's limit on one request (DropboxUpload::SingleRequestLimit)
readonly app_key=attache-benchmark
size=$((size_mib * MiB))

work=$(mktemp -d "${TMPDIR:-/tmp}/attache-dropbox-transfer.XXXXXX")
emulator_pid=""
connect_pid=""
cleanup() {
    for pid in "$connect_pid" "$emulator_pid"; do
        if [ -n "$pid" ]; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "$0: $*" >&2
    exit 1
}

now_ns() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { print ns / 1e9 }'; }
max() { echo $(($1 > $2 ? $1 : $2)); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# 1. The emulator, which prints its base URL as its first line.
mkdir "$work/emulator"
"$emulator" --auto-approve --app-key "$app_key" --data "$work/emulator" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 100); do
    [ -s "$work/emulator.out" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || die "the emulator did not start: $(cat "$work/emulator.err")"
    sleep 0.1
done
base=$(head -n 1 "$work/emulator.out")
[[ $base == http://* ]] || die "the emulator printed no base URL"
base=${base%/}
export ATTACHE_DROPBOX_BASE_URL="$base" ATTACHE_DROPBOX_APP_KEY="$app_key"

# The code the authorize page shows when there is no redirect URI.
authorization_code() {
    curl -sS --fail "$1" | sed -n 's:.*<code id="code">\([^<]*\)</code>.*:\1:p'
}

# 2. attache-cli connects: its authorize URL (it holds the PKCE verifier) is opened with curl and the code pasted.
coproc CONNECT { exec "$cli" connect dropbox 2>"$work/connect.err"; }
# shellcheck disable=SC2153 # set by coproc
connect_pid=$CONNECT_PID
# Copies, which outlive the coprocess's own descriptors.
exec {connect_out}<&"${CONNECT[0]}" {connect_in}>&"${CONNECT[1]}"
IFS= read -r -t 30 authorize_url <&"$connect_out" || die "attache-cli connect printed no URL: $(cat "$work/connect.err")"
code=$(authorization_code "$authorize_url")
[ -n "$code" ] || die "no code on the authorization page for attache-cli"
printf '%s\n' "$code" >&"$connect_in"
exec {connect_in}>&-
connected=$(cat <&"$connect_out")
exec {connect_out}<&-
wait "$connect_pid" || die "attache-cli connect failed: $(cat "$work/connect.err")"
connect_pid=""
[[ $connected == Connected* ]] || die "attache-cli connect said: $connected"

# 3. curl's own access token, through the same PKCE flow (S256).
verifier=$(head -c 48 /dev/urandom | basenc --base64url)
challenge=$(printf '%b' "$(printf %s "$verifier" | sha256sum | cut -c 1-64 | sed 's/../\\x&/g')" | basenc --base64url | tr -d '=\n')
code=$(authorization_code "$base/oauth2/authorize?client_id=$app_key&response_type=code&code_challenge=$challenge&code_challenge_method=S256&token_access_type=offline")
[ -n "$code" ] || die "no code on the authorization page for curl"
token=$(curl -sS --fail -d grant_type=authorization_code --data-urlencode "code=$code" -d "client_id=$app_key" \
    -d "code_verifier=$verifier" "$base/oauth2/token" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "curl got no access token"
auth="Authorization: Bearer $token"

# Dropbox's content_hash: SHA-256 of the SHA-256s of each 4 MiB block.
dropbox_hash() {
    printf '%b' "$(split -b $((4 * MiB)) --filter=sha256sum "$1" | cut -c 1-64 | tr -d '\n' | sed 's/../\\x&/g')" \
        | sha256sum | cut -c 1-64
}

# 4. The file, and for curl its chunks and their content_hash, made before any timing. curl sends the
# content_hash of each request as attache-cli does, so that the emulator does the same work for both.
mkdir "$work/chunks" "$work/down"
source_file="$work/payload.bin"
head -c "$size" /dev/urandom >"$source_file"
chunk_hashes=()
if [ "$size" -gt "$single_limit" ]; then
    split -b "$chunk_bytes" -a 4 -d "$source_file" "$work/chunks/part."
    for chunk in "$work"/chunks/part.*; do
        chunk_hashes+=("$(dropbox_hash "$chunk")")
    done
else
    chunk_hashes+=("$(dropbox_hash "$source_file")")
fi
sync

# CPU time in milliseconds: of this script's finished children (the transfer's clients), and of the emulator.
readonly clock_ticks=$(getconf CLK_TCK)
children_cpu_ms() {
    # Not in a subshell, which would see none of them. times' second line: "XmY.YYYs XmY.YYYs", user then
    # system time of the waited-for children.
    times >"$work/times"
    cpu_ms=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); ms += (t[1] * 60 + t[2]) * 1000 } }
        END { printf "%d", ms }' "$work/times")
}
emulator_cpu_ms() {
    awk -v hz="$clock_ticks" '{ sub(/.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$emulator_pid/stat"
}

cpu_ms=0 elapsed_ns=0 client_cpu_ms=0 server_cpu_ms=0
timed() {
    local start end client_start server_start
    sync
    # Every transfer starts with the same empty page cache where the benchmark may empty it (as root):
    # otherwise whoever follows a big write or delete is faster or slower by up to a factor of three.
    if [ -w /proc/sys/vm/drop_caches ]; then
        echo 3 >/proc/sys/vm/drop_caches
    fi
    # The emulator's files are read into memory again: a server reads from its own disks, not from the one
    # the client writes to, and here both share one.
    find "$work/emulator" -type f -exec cat {} + >/dev/null
    children_cpu_ms
    client_start=$cpu_ms
    server_start=$(emulator_cpu_ms)
    start=$(now_ns)
    "$@"
    end=$(now_ns)
    elapsed_ns=$((end - start))
    children_cpu_ms
    client_cpu_ms=$((cpu_ms - client_start))
    server_cpu_ms=$(($(emulator_cpu_ms) - server_start))
}

# An upload as attache-cli makes it: one request up to 150 MiB, else a concurrent upload session: an empty
# start, the 32 MiB chunks as appends with 3 in flight (the last one closing the session), an empty finish.
curl_upload() {
    local commit="{\"path\":\"$1\",\"mode\":\"add\",\"autorename\":true}"
    local common=(-sS -X POST -H "$auth" -H "Content-Type: application/octet-stream" -H "Expect:")
    local empty_hash=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
    if [ "$size" -le "$single_limit" ]; then
        local arg="{\"path\":\"$1\",\"mode\":\"add\",\"autorename\":true,\"content_hash\":\"${chunk_hashes[0]}\"}"
        curl "${common[@]}" --fail-with-body -H "Dropbox-API-Arg: $arg" -T "$source_file" \
            -o "$work/curl-upload.json" "$base/2/files/upload"
        return
    fi
    local chunks=("$work"/chunks/part.*) session offset=0 args=() i last codes close
    session=$(curl "${common[@]}" --fail-with-body --data-binary '' \
        -H "Dropbox-API-Arg: {\"close\":false,\"session_type\":\"concurrent\",\"content_hash\":\"$empty_hash\"}" \
        "$base/2/files/upload_session/start" | sed -n 's/.*"session_id" *: *"\([^"]*\)".*/\1/p')
    [ -n "$session" ] || die "curl could not start an upload session"
    last=$((${#chunks[@]} - 1))
    for ((i = 0; i <= last; i++)); do
        close=false
        [ "$i" -eq "$last" ] && close=true
        [ "$i" -gt 0 ] && args+=(--next)
        args+=("${common[@]}" -w '%{http_code}\n' -T "${chunks[i]}" -o /dev/null
            -H "Dropbox-API-Arg: {\"cursor\":{\"session_id\":\"$session\",\"offset\":$offset},\"close\":$close,\"content_hash\":\"${chunk_hashes[i]}\"}"
            "$base/2/files/upload_session/append_v2")
        offset=$((offset + $(stat -c %s "${chunks[i]}")))
    done
    codes=$(curl -sS --no-progress-meter --parallel --parallel-max "$parallel_chunks" "${args[@]}" | sort -u) || true
    [ "$codes" = 200 ] || die "curl's appends failed (HTTP $codes)"
    curl "${common[@]}" --fail-with-body --data-binary '' -o "$work/curl-upload.json" \
        -H "Dropbox-API-Arg: {\"cursor\":{\"session_id\":\"$session\",\"offset\":$offset},\"commit\":$commit,\"content_hash\":\"$empty_hash\"}" \
        "$base/2/files/upload_session/finish"
}

curl_download() {
    curl -sS --fail -X POST -H "$auth" -H "Content-Type: application/octet-stream" \
        -H "Dropbox-API-Arg: {\"path\":\"$1\"}" -o "$2" "$base/2/files/download"
}

# attache-cli under GNU time, which writes its peak RSS (KiB) to $work/rss.
attache() {
    /usr/bin/time -f %M -o "$work/rss" "$cli" --store dropbox: "$@" >"$work/cli.out" 2>"$work/cli.err" \
        || die "attache-cli $1 failed: $(cat "$work/cli.err")"
}

curl_delete() {
    curl -sS --fail -o /dev/null -X POST -H "$auth" -H "Content-Type: application/json" \
        -d "{\"path\":\"$1\"}" "$base/2/files/delete_v2"
}

# 5. The rounds: each times the four transfers, every download checked against the file sent, then deletes
# both files again so the emulator's disk does not fill up. curl goes first in odd rounds and attache-cli in
# even ones, because whoever follows a delete gets the page cache it freed.
curl_up=() curl_down=() attache_up=() attache_down=() up_rss=0 down_rss=0
# The CPU seconds of each transfer, its client's and the emulator's, as "client server" pairs.
curl_up_cpu=() curl_down_cpu=() attache_up_cpu=() attache_down_cpu=()
record() {
    local -n times_of=$1 cpu_of=${1}_cpu
    times_of+=("$elapsed_ns")
    cpu_of+=("$client_cpu_ms $server_cpu_ms")
}
upload_with_curl() {
    timed curl_upload /Benchmark/curl.bin
    grep -q "\"size\": *${size}[,}]" "$work/curl-upload.json" || die "curl's upload did not commit $size bytes"
    record curl_up
}
upload_with_attache() {
    timed attache put invoices/1 "$source_file"
    record attache_up
    up_rss=$(max "$up_rss" "$(tail -n 1 "$work/rss")")
    attachment=$(tail -n 1 "$work/cli.out")
    [[ $attachment == invoices/1/* ]] || die "attache-cli put printed '$attachment', not the attachment"
}
download_with_curl() {
    timed curl_download /Benchmark/curl.bin "$work/down/curl.bin"
    record curl_down
    cmp -s "$source_file" "$work/down/curl.bin" || die "curl's download differs from the file sent"
    rm -f "$work/down/curl.bin"
}
download_with_attache() {
    timed attache get "$attachment" "$work/down/attache.bin"
    record attache_down
    down_rss=$(max "$down_rss" "$(tail -n 1 "$work/rss")")
    cmp -s "$source_file" "$work/down/attache.bin" || die "attache-cli's download differs from the file sent"
    rm -f "$work/down/attache.bin"
}
for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
        upload_with_curl
        upload_with_attache
        download_with_curl
        download_with_attache
    else
        upload_with_attache
        upload_with_curl
        download_with_attache
        download_with_curl
    fi
    i=$((round - 1))
    printf 'round %d: upload curl %.2f s, attache-cli %.2f s; download curl %.2f s, attache-cli %.2f s\n' "$round" \
        "$(seconds "${curl_up[i]}")" "$(seconds "${attache_up[i]}")" \
        "$(seconds "${curl_down[i]}")" "$(seconds "${attache_down[i]}")"
    curl_delete /Benchmark/curl.bin || die "could not delete curl's upload"
    attache rm "$attachment"
done

build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
echo "Dropbox transfers of $size_mib MiB to attache-dropbox-emulator at $base"
echo "attache-cli: $cli (${build_type:-unknown build type}); $(curl --version | head -n 1 | cut -d ' ' -f 1-2)"
echo "medians of $rounds rounds"
awk -v size="$size_mib" \
    -v cu="$(median "${curl_up[@]}")" -v cd="$(median "${curl_down[@]}")" \
    -v au="$(median "${attache_up[@]}")" -v ad="$(median "${attache_down[@]}")" \
    -v ur="$up_rss" -v dr="$down_rss" 'BEGIN {
    printf "%-9s %9s %9s %12s %12s %7s %15s\n", "", "curl s", "MiB/s", "attache s", "MiB/s", "ratio", "peak RSS MiB"
    row("upload", cu, au, ur)
    row("download", cd, ad, dr)
    printf "target: ratio >= 0.90 and peak RSS < 100 MiB: %s\n", missed ? "NOT MET" : "met"
}
function row(name, c, a, rss,    cs, as, ratio) {
    cs = c / 1e9; as = a / 1e9; ratio = cs / as
    if (ratio < 0.9 || rss / 1024 >= 100) missed = 1
    printf "%-9s %9.2f %9.1f %12.2f %12.1f %7.2f %15.1f\n", name, cs, size / cs, as, size / as, ratio, rss / 1024
}'
# Where the time goes: CPU seconds of the client and of the emulator. Their sum over the cores is the
# shortest time in which the two can finish; hashing every byte (Dropbox's content_hash, which attache-cli
# checks and curl does not) is part of attache-cli's.
cores=$(nproc)
cpu_column() { # ARRAY FIELD: the median of one field of the "client server" pairs, in ms
    local -n pairs=$1
    median $(printf '%s\n' "${pairs[@]}" | cut -d ' ' -f "$2")
}
awk -v cores="$cores" \
    -v cuc="$(cpu_column curl_up_cpu 1)" -v cue="$(cpu_column curl_up_cpu 2)" \
    -v auc="$(cpu_column attache_up_cpu 1)" -v aue="$(cpu_column attache_up_cpu 2)" \
    -v cdc="$(cpu_column curl_down_cpu 1)" -v cde="$(cpu_column curl_down_cpu 2)" \
    -v adc="$(cpu_column attache_down_cpu 1)" -v ade="$(cpu_column attache_down_cpu 2)" 'BEGIN {
    printf "CPU s (medians) on %d cores: the client, the emulator, and the least time for both\n", cores
    printf "%-9s %9s %9s %9s %12s %12s %9s\n", "", "curl", "emulator", "least s", "attache-cli", "emulator", "least s"
    row("upload", cuc, cue, auc, aue)
    row("download", cdc, cde, adc, ade)
}
function row(name, cc, ce, ac, ae) {
    printf "%-9s %9.2f %9.2f %9.2f %12.2f %12.2f %9.2f\n", name, cc / 1000, ce / 1000, (cc + ce) / 1000 / cores,
        ac / 1000, ae / 1000, (ac + ae) / 1000 / cores
}'
