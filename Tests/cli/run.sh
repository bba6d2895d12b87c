#!/usr/bin/env bash
# The command-line contract of DESIGN.md, against the real binary: exit 0 when --expect holds,
# 1 when it does not (or a replay diverges), 2 on bad input with exactly one line on stderr;
# --record then replay reproduces the run; a corrupted record is refused before it runs.
set -u
BIN=${STALLSCOPE_BIN:-$PWD/.build/debug/stallscope}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stallscope-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# expect NAME STATUS ARGS...: runs the binary, checks the exit status; for status 2 also that
# stderr is exactly one line starting with "stallscope: ".
expect() {
    local name=$1 status=$2
    shift 2
    "$BIN" "$@" > "$WORK/out" 2> "$WORK/err" < /dev/null
    local code=$?
    local ok=1
    [ "$code" = "$status" ] || ok=0
    if [ "$status" = 2 ]; then
        [ "$(wc -l < "$WORK/err")" = 1 ] && grep -q '^stallscope: ' "$WORK/err" || ok=0
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1)); echo "ok    $name"
    else
        failed=$((failed + 1)); echo "FAIL  $name (exit $code, expected $status)"; sed 's/^/  | /' "$WORK/err"
    fi
}

expect "unknown scenario" 2 run nope
expect "unknown policy step" 2 run steady --policy cold=nope
expect "unknown subsystem" 2 run steady --policy disk=fixed
expect "malformed duration" 2 run steady --duration 5x
expect "unknown --set key" 2 run cold-stuck-reader --set cold.nope=1
expect "bad --set value" 2 run cold-stuck-reader --set cold.readPermits=many
expect "--set duration past Int64" 2 run steady --set cold.readDeadline=1e12h
expect "--set a zero that would trap" 2 run steady --set cold.readPermits=0
expect "--set a count past its range" 2 run steady --set relay.hopCount=9223372036854775807
expect "--duration past Int64" 2 run steady --duration 99999999999h
expect "unknown option" 2 run steady --bogus
expect "bad --expect" 2 run steady --expect maybe
expect "unreadable replay file" 2 replay "$WORK/missing.jsonl"
expect "dashboard without a terminal" 2 dashboard
expect "--expect holds" 0 run cold-stuck-reader --policy cold=semaphore --duration 60s --expect stall
expect "--expect does not hold" 1 run cold-stuck-reader --policy cold=semaphore --duration 60s --expect healthy
expect "record" 0 run cold-stuck-reader --policy cold=semaphore --duration 60s --format json --record "$WORK/run.jsonl"
cp "$WORK/out" "$WORK/recorded.json"
expect "replay of the record" 0 replay "$WORK/run.jsonl" --format json
if diff <(sed 's/"wallSeconds":[0-9.e-]*,//' "$WORK/recorded.json") <(sed 's/"wallSeconds":[0-9.e-]*,//' "$WORK/out") > /dev/null; then
    passed=$((passed + 1)); echo "ok    replay prints the recorded report byte for byte (wallSeconds aside)"
else
    failed=$((failed + 1)); echo "FAIL  replay report differs from the recorded one"
fi
# Untrusted text never reaches the terminal raw: an ESC in an argument is printed escaped.
expect "an escape sequence in a scenario name" 2 run "$(printf 'steady\033[31m')"
if grep -q $'\033' "$WORK/err"; then
    failed=$((failed + 1)); echo "FAIL  a raw ESC reached stderr"
else
    passed=$((passed + 1)); echo "ok    ... printed escaped"
fi
expect "--speed beyond the range" 2 dashboard --speed 1e308
# A value that starts with '-' is a bad value, said as such (not "Missing value").
expect "a negative seed" 2 run steady --seed -5
grep -q "invalid for '--seed" "$WORK/err" && { passed=$((passed + 1)); echo "ok    ... named as an invalid seed"; } \
    || { failed=$((failed + 1)); echo "FAIL  negative seed: $(cat "$WORK/err")"; }
expect "a negative duration" 2 run steady --duration -1s
grep -q "malformed duration '-1s'" "$WORK/err" && { passed=$((passed + 1)); echo "ok    ... named as a malformed duration"; } \
    || { failed=$((failed + 1)); echo "FAIL  negative duration: $(cat "$WORK/err")"; }
expect "replay of a directory" 2 replay /
grep -q "cannot read /: Is a directory" "$WORK/err" && { passed=$((passed + 1)); echo "ok    ... in the system's words"; } \
    || { failed=$((failed + 1)); echo "FAIL  replay of a directory: $(cat "$WORK/err")"; }
cp "$WORK/run.jsonl" "$WORK/run.kept"
expect "record onto an existing file: refused" 2 run steady --duration 1s --record "$WORK/run.jsonl"
if cmp -s "$WORK/run.jsonl" "$WORK/run.kept"; then
    passed=$((passed + 1)); echo "ok    the existing record is untouched"
else
    failed=$((failed + 1)); echo "FAIL  the existing record was changed"
fi
# Not a terminal: refused before anything is written (no record file, no state directory).
expect "dashboard without a terminal" 2 dashboard --record "$WORK/never.jsonl" --state-dir "$WORK/never-state"
if [ ! -e "$WORK/never.jsonl" ] && [ ! -e "$WORK/never-state" ]; then
    passed=$((passed + 1)); echo "ok    a refused dashboard writes nothing"
else
    failed=$((failed + 1)); echo "FAIL  a refused dashboard wrote $(ls -d "$WORK"/never* 2>/dev/null)"
fi
mkdir -p "$WORK/shared-state" && chmod 777 "$WORK/shared-state"
expect "a state directory others can write to: refused" 2 dashboard --state-dir "$WORK/shared-state"
if grep -q "writable by others" "$WORK/err"; then
    passed=$((passed + 1)); echo "ok    ... and the error says why"
else
    failed=$((failed + 1)); echo "FAIL  shared state directory: $(cat "$WORK/err")"
fi
expect "dashboard --record onto an existing file: refused" 2 dashboard --record "$WORK/run.jsonl"
# --compare takes a policy as --policy does: a bad one is one line and exit 2 before the terminal;
# a compare record goes to FILE.A and FILE.B, and an existing one of them is refused as well.
expect "dashboard --compare with a bad policy" 2 dashboard --compare cold=nope
if grep -q "unknown step 'nope' for cold" "$WORK/err"; then
    passed=$((passed + 1)); echo "ok    ... and the error names the step"
else
    failed=$((failed + 1)); echo "FAIL  --compare cold=nope: $(cat "$WORK/err")"
fi
: > "$WORK/cmp.B.jsonl"
expect "dashboard --compare --record onto an existing FILE.B: refused" 2 dashboard --compare fixed --policy legacy \
    --record "$WORK/cmp.jsonl"
if grep -q "cmp.B.jsonl" "$WORK/err" && [ ! -e "$WORK/cmp.A.jsonl" ]; then
    passed=$((passed + 1)); echo "ok    ... naming FILE.B, and nothing written"
else
    failed=$((failed + 1)); echo "FAIL  --compare --record onto FILE.B: $(cat "$WORK/err")"
fi
sed '2s/.*/{"action": garbage/' "$WORK/run.jsonl" > "$WORK/bad.jsonl"
expect "corrupted replay file" 2 replay "$WORK/bad.jsonl"
sed 's/"count":1/"count":-1/' "$WORK/run.jsonl" > "$WORK/negative.jsonl"
expect "replay with an action out of its bounds" 2 replay "$WORK/negative.jsonl"
sed '1s/"build":"[^"]*"/"build":"0.0.0-other"/' "$WORK/run.jsonl" > "$WORK/other.jsonl"
expect "replay from another build" 2 replay "$WORK/other.jsonl"
sed '1s/"format":[0-9]*/"format":1/' "$WORK/run.jsonl" > "$WORK/old-format.jsonl"
expect "replay of an older record format" 2 replay "$WORK/old-format.jsonl"
# Opened in the dashboard, a bad record is refused with one line before any terminal is needed
# (stdin is /dev/null here: the file is read and checked first).
expect "replay --dashboard of a corrupted file" 2 replay "$WORK/bad.jsonl" --dashboard
grep -q 'bad.jsonl:2: not a stallscope record line' "$WORK/err" && { passed=$((passed + 1)); echo "ok    ... naming the line"; } \
    || { failed=$((failed + 1)); echo "FAIL  replay --dashboard of a corrupted file names the line: $(cat "$WORK/err")"; }
expect "replay --dashboard of a missing file" 2 replay "$WORK/missing.jsonl" --dashboard
grep -q 'missing.jsonl' "$WORK/err" && { passed=$((passed + 1)); echo "ok    ... naming the file"; } \
    || { failed=$((failed + 1)); echo "FAIL  replay --dashboard of a missing file names it: $(cat "$WORK/err")"; }
sed 's/"finalStateDigest":"[^"]*"/"finalStateDigest":"0"/' "$WORK/run.jsonl" > "$WORK/tampered.jsonl"
expect "replay that reaches another final state" 1 replay "$WORK/tampered.jsonl"

# `scenarios --policies` (what the benchmark iterates): every scenario, each incident's ladder
# ending in fixed, every line a `run NAME --policy POLICY` pair.
expect "scenarios --policies" 0 scenarios --policies
cp "$WORK/out" "$WORK/policies.txt"
"$BIN" scenarios > "$WORK/scenarios.txt"
if ! grep -qvE '^[a-z-]+ (fixed|[a-z]+=[a-z-]+)$' "$WORK/policies.txt" \
    && [ "$(cut -d' ' -f1 "$WORK/scenarios.txt" | sort)" = "$(cut -d' ' -f1 "$WORK/policies.txt" | sort -u)" ] \
    && [ "$(awk '$1 != last && NR > 1 { print prev } { last = $1; prev = $2 } END { print prev }' "$WORK/policies.txt" | grep -cv 'fixed$')" = 0 ]; then
    passed=$((passed + 1)); echo "ok    scenarios --policies lists every scenario and its ladder, fixed last"
else
    failed=$((failed + 1)); echo "FAIL  scenarios --policies"; sed 's/^/  | /' "$WORK/policies.txt"
fi

# `scenarios --keys`: one line per --set key; every default it prints sets back to the same run.
expect "scenarios --keys" 0 scenarios --keys
cp "$WORK/out" "$WORK/keys.txt"
sets=()
while read -r key value _; do sets+=(--set "$key=$value"); done < "$WORK/keys.txt"
"$BIN" run steady --duration 5s --format json | sed 's/"wallSeconds":[0-9.e-]*,//' > "$WORK/plain.json"
"$BIN" run steady --duration 5s --format json "${sets[@]}" | sed 's/"wallSeconds":[0-9.e-]*,//' > "$WORK/defaults.json"
if ! grep -qvE '^(cold|relay|listener|accept|trust)\.[A-Za-z]+ ' "$WORK/keys.txt" && grep -q '^cold\.readDeadline ' "$WORK/keys.txt" \
    && [ "${#sets[@]}" -gt 100 ] && cmp -s "$WORK/plain.json" "$WORK/defaults.json"; then
    passed=$((passed + 1)); echo "ok    scenarios --keys lists every key with a default that sets back to the same run"
else
    failed=$((failed + 1)); echo "FAIL  scenarios --keys"; sed 's/^/  | /' "$WORK/keys.txt" | head -5
fi

# `--scale N`: every load parameter (`scenarios --load`) times N, as generated --set overrides
# that the command line's own --set overrides; N outside 1...100 is bad input.
expect "--scale 0" 2 run steady --scale 0
expect "--scale past 100" 2 run steady --scale 101
expect "--scale not a number" 2 run steady --scale ten
expect "dashboard --scale past 100" 2 dashboard --scale 1000
expect "scenarios --load" 0 scenarios --load
cp "$WORK/out" "$WORK/load.txt"
defaults=()
while read -r key value; do defaults+=(--set "$key=$value"); done < "$WORK/load.txt"
expect "run --scale 10" 0 run steady --duration 5s --scale 10 --format json --record "$WORK/scaled.jsonl"
sed 's/"wallSeconds":[0-9.e-]*,//' "$WORK/out" > "$WORK/scaled.json"
"$BIN" run steady --duration 5s --scale 10 --format json "${defaults[@]}" | sed 's/"wallSeconds":[0-9.e-]*,//' > "$WORK/unscaled.json"
if grep -q '^listener\.peerCount 200$' "$WORK/load.txt" && grep -q '^relay\.streamCount 1$' "$WORK/load.txt" \
    && head -1 "$WORK/scaled.jsonl" | grep -q '"key":"listener.peerCount","value":"2000"' \
    && ! cmp -s "$WORK/plain.json" "$WORK/scaled.json" && cmp -s "$WORK/plain.json" "$WORK/unscaled.json"; then
    passed=$((passed + 1)); echo "ok    --scale 10 multiplies the load parameters, and --set still wins"
else
    failed=$((failed + 1)); echo "FAIL  --scale"; sed 's/^/  | /' "$WORK/load.txt"; head -c 600 "$WORK/scaled.jsonl" | sed 's/^/  | /'
fi
expect "replay of a scaled run" 0 replay "$WORK/scaled.jsonl" --format json

# explore: bad input is one line and exit 2 before anything runs; a finding is exit 1 with its
# shrunk record written, which replay reproduces; nothing found is exit 0.
expect "explore: --runs and --time" 2 explore --runs 5 --time 5s
expect "explore: zero runs" 2 explore --runs 0
expect "explore: zero jobs" 2 explore --jobs 0 --runs 1
expect "explore: unknown policy" 2 explore --policy cold=nope --runs 1
expect "explore: unknown scenario" 2 explore --scenario nope --runs 1
touch "$WORK/a-file"
expect "explore: --out is a file" 2 explore --runs 1 --out "$WORK/a-file"
expect "explore: a base scenario that stalls is a finding (exit 1)" 1 explore --policy cold=semaphore \
    --scenario cold-stuck-reader --set cold.readPermits=64 --runs 3 --jobs 2 --duration 30s --out "$WORK/found"
found=$(ls "$WORK/found"/*writer-drain-blocked*.jsonl 2>/dev/null | head -1)
if [ -n "$found" ] && grep -q "FOUND cold/writer-drain-blocked" "$WORK/out"; then
    passed=$((passed + 1)); echo "ok    ... reported, with its record"
    expect "explore: the finding's record replays to the stall" 0 replay "$found"
    grep -q "STALL" "$WORK/out" && { passed=$((passed + 1)); echo "ok    ... STALL"; } ||
        { failed=$((failed + 1)); echo "FAIL  the record did not replay to the stall"; }
else
    failed=$((failed + 1)); echo "FAIL  no writer-drain-blocked finding or record"; sed 's/^/  | /' "$WORK/out"
fi

# What the explorer found in fixed and README's Explore writes up, committed as records: each
# still replays to what it showed (a real weakness of the accept loop; cold's known weakness).
expect "explore: fixed's accept weakness replays" 0 replay Findings/fixed-accept-lock-during-flood.jsonl
grep -q "identity exchanges timed out" "$WORK/out" && { passed=$((passed + 1)); echo "ok    ... identity exchanges timed out"; } ||
    { failed=$((failed + 1)); echo "FAIL  the accept record did not replay to its timeouts"; }
expect "explore: fixed's cold weakness replays" 0 replay Findings/fixed-cold-write-dropped-at-stop.jsonl
grep -q "invariant broken: cold: 1 accepted fire-and-forget write dropped" "$WORK/err" &&
    { passed=$((passed + 1)); echo "ok    ... invariant broken after the stop"; } ||
    { failed=$((failed + 1)); echo "FAIL  the cold record did not replay to its broken invariant"; }

# ps and attach against BackpressureAgents in a runtime directory of this run's own: agent-demo
# (a semaphore "workers" and a channel "jobs" whose permits and fill move) stands in for a
# service. Every wait is on the socket appearing, with a deadline.
export XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$XDG_RUNTIME_DIR"
AGENT_DEMO=${AGENT_DEMO_BIN:-$(dirname "$BIN")/agent-demo}
demos=()
trap 'for p in "${demos[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
check() { # check NAME COMMAND...: passes when COMMAND succeeds
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); echo "ok    $name"; else
        failed=$((failed + 1)); echo "FAIL  $name"; sed 's/^/  | /' "$WORK/out" "$WORK/err" | head -20; fi
}
# start_demo NAME: starts agent-demo as NAME, sets $demo to its pid once its socket exists (10 s at most).
start_demo() {
    "$AGENT_DEMO" --service "$1" > /dev/null 2>&1 &
    demo=$!
    demos+=("$demo")
    local tries=0
    until [ -S "$XDG_RUNTIME_DIR/stallscope/$1.$demo.sock" ] || [ $tries -ge 200 ]; do sleep 0.05; tries=$((tries + 1)); done
}
expect "ps with no agent" 0 ps
check "... says none is running, in one line" grep -qx "no agents running (looked in $XDG_RUNTIME_DIR/stallscope)" "$WORK/out"
expect "ps --format json with no agent" 0 ps --format json
check "... an empty list" grep -q '"agents":\[\]' "$WORK/out"
expect "attach with no agent" 2 attach --once
expect "attach a name nobody runs" 2 attach nope --once
expect "attach a pid nobody runs" 2 attach 999999999 --once
expect "attach a socket that does not exist" 2 attach "$WORK/run/nothing.1.sock" --once
expect "attach --format bogus" 2 attach --once --format yaml
expect "attach --hold-threshold 0s" 2 attach --hold-threshold 0s --once
expect "attach --wait-threshold malformed" 2 attach --wait-threshold soon --once
expect "attach --full-threshold negative" 2 attach --full-threshold -1s --once
if [ -x "$AGENT_DEMO" ]; then
    start_demo cli-demo
    first=$demo
    check "the agent's socket is 0600 in a 0700 directory" \
        test "$(stat -c %a "$XDG_RUNTIME_DIR/stallscope/cli-demo.$first.sock") $(stat -c %a "$XDG_RUNTIME_DIR/stallscope")" = "600 700"
    expect "ps with one agent" 0 ps
    check "... names it, its pid and socket" grep -qE "^cli-demo +$first +[0-9.a-z]+ +$XDG_RUNTIME_DIR/stallscope/cli-demo.$first.sock$" "$WORK/out"
    expect "attach --once --format json, no target: the one agent" 0 attach --once --format json
    check "... the service, pid and the agent's snapshot" grep -qE \
        "^\{\"findings\":\[\],\"pid\":$first,\"service\":\"cli-demo\",\"snapshot\":\{\"dropped\":0,\"resources\":\[\{\"kind\":\"semaphore\",\"name\":\"workers\".*\"kind\":\"channel\",\"name\":\"jobs\".*\"type\":\"snapshot\".*\},\"socket\":\"$XDG_RUNTIME_DIR/stallscope/cli-demo.$first.sock\"\}$" "$WORK/out"
    expect "attach PID --once (text)" 0 attach "$first" --once
    check "... a table of the permits and the channel" grep -qE '^semaphore +workers +held [0-4]/4' "$WORK/out"
    expect "attach NAME --once" 0 attach cli-demo --once --format json
    expect "attach SOCKET --once" 0 attach "$XDG_RUNTIME_DIR/stallscope/cli-demo.$first.sock" --once --format json
    expect "attach (the dashboard) without a terminal" 2 attach cli-demo
    start_demo cli-demo
    second=$demo
    expect "attach a name two agents share" 2 attach cli-demo --once
    expect "attach with no target and two agents" 2 attach --once
    check "... lists both to choose from" test "$(grep -c 'cli-demo ' "$WORK/out")" = 2
    kill -9 "$second"; wait "$second" 2>/dev/null
    expect "ps with a dead agent's socket" 0 ps
    check "... removes it and says so" grep -qx "removed stale socket $XDG_RUNTIME_DIR/stallscope/cli-demo.$second.sock (pid $second is gone)" "$WORK/out"
    check "... gone from the directory" test ! -e "$XDG_RUNTIME_DIR/stallscope/cli-demo.$second.sock"
    kill -TERM "$first"; wait "$first" 2>/dev/null
    check "an agent stopped by SIGTERM removes its socket" test ! -e "$XDG_RUNTIME_DIR/stallscope/cli-demo.$first.sock"
else
    echo "skip  attach against a running agent: no $AGENT_DEMO (swift build --build-tests builds it)"
fi
# What ps finds in the directory that no agent of this user's made: left alone, said in a line.
sockets="$XDG_RUNTIME_DIR/stallscope"
mkdir -p "$sockets" && chmod 700 "$sockets"
touch "$sockets/notes.999999999.sock"
expect "ps with a file that is not a socket" 0 ps
check "... says so and leaves it" grep -qx "not answering: $sockets/notes.999999999.sock (pid 999999999): not a socket (left alone)" "$WORK/out"
check "... the file is still there" test -f "$sockets/notes.999999999.sock"
rm -f "$sockets/notes.999999999.sock"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$sockets/theirs.999999998.sock"
    chown nobody "$sockets/theirs.999999998.sock"
    expect "ps with another user's socket" 0 ps
    check "... says whose and leaves it" grep -q "theirs.999999998.sock (pid 999999998): owned by uid $(id -u nobody), not this user (left alone)" "$WORK/out"
    check "... the socket is still there" test -S "$sockets/theirs.999999998.sock"
    rm -f "$sockets/theirs.999999998.sock"
    chown nobody "$sockets"
    expect "ps in a socket directory of another user's" 2 ps
    expect "attach in a socket directory of another user's" 2 attach --once
    chown "$(id -u)" "$sockets"
else
    echo "skip  another user's socket and directory: not root, or no user nobody"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
