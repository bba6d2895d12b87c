#!/usr/bin/env bash
# End-to-end check of the dashboard: the real binary in a real terminal (tmux), driven with
# send-keys and read back with capture-pane.
#
#   launch at 120x40 and wait for the panels; space pauses (virtual time stops) and resumes;
#   '+' doubles the speed; 's' shows a stuck reader in the permits panel; 'n' stalls the NAT
#   consumer and its channel rises to the top of the channels panel; a resize to 60x15
#   shows the too-small message and back restores the panels; 'q' quits with status 0.
#   While paused, one '.' steps (the millisecond clock moves by 1 ms at least).
#   Going back in time: '[' moves the paused header's virtual time back 5 s, ']' forward again
#   (and no further at the live edge); `replay FILE --dashboard` opens the record paused at
#   00:00.000, 'W' jumps to its first warning, and q restores the terminal.
#   At --scale 100 (20,000 peer channels): the summary line, a key answered at once, the '/'
#   filter of the channels panel, and a clean quit.
#   The mouse: a press (typed as the terminal's bytes) focuses a panel; `p` opens the scenario
#   picker, wheel notches move its selection down and back up, a scenario and policy chosen
#   restart the run with them (header, record FILE.2);
#   --no-mouse never turns reporting on; after q a bash pane shows only its prompt.
#   --compare: both policies side by side at 200x50, after 's' the semaphore side stalls and
#   fixed holds, 120x40 stacks the sides and back, q restores, each side's record replays.
#   After q, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and a forced crash the terminal must be
#   restored: alternate screen off, cursor visible, mouse reporting off, and the tty modes (`stty -g`) exactly as
#   before the launch. SIGPIPE is ignored. A terminal that goes away without a SIGHUP ends the
#   process. Without a terminal, or with an unknown TERM, it refuses with one line and exit
#   status 2.
#   attach: `stallscope attach NAME` over agent-demo shows the service and pid in the header and
#   its permits moving; space freezes the view; the service's exit is shown, and when it comes
#   back (a new pid) the dashboard reattaches; q restores the terminal.
#   The example service (Examples/Service, built by Examples/run.sh, which `make test` runs
#   first; skipped with a note when it is not built): under wrk, `stallscope attach
#   example-service` from a bash pane shows its permits and channel panels, and their rows move
#   between two captures; after `POST /admin/hang?count=2` and two requests the permits panel
#   lists the two hung holders ("request #N"), the generic detectors' warning names them (a hold
#   past --hold-threshold 2s), and the events panel the service's log line (its
#   swift-log records reach the dashboard); the service's exit is shown, a restart reattached,
#   and q restores the terminal and gives the prompt back.
#
# The forced crash is a real Swift trap: the hidden environment variable
# STALLSCOPE_CRASH_AFTER_MS=N makes the app loop hit a precondition failure N ms after start;
# the crash report must land in the --state-dir given, created 0700.
#
# Robust on a loaded machine: every wait polls capture-pane against a deadline (no fixed
# sleeps to wait for something), a private tmux server (-L) is used and always killed.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
BIN=${STALLSCOPE_BIN:-$PWD/.build/debug/stallscope}
TIMEOUT=${E2E_TIMEOUT:-30}
SOCKET="stallscope-e2e-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stallscope-e2e.XXXXXX")
passed=0
failed=0

tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
# Processes started in the background here (the example service, wrk), ended on the way out.
background=()
cleanup() {
    tm kill-server >/dev/null 2>&1
    for pid in "${background[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$BIN" ]; then
    echo "e2e: $BIN not found; run 'swift build' first" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then
    echo "e2e: tmux is not installed (scripts/install-deps.sh installs it)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL  $1"
    if [ -n "${current:-}" ] && tm has-session -t "$current" 2>/dev/null; then
        echo "----- screen of $current -----"
        tm capture-pane -p -t "$current" | sed 's/^/  | /'
        echo "------------------------------"
    fi
}
screen() { tm capture-pane -p -t "$current" 2>/dev/null; }

# wait_for PATTERN [SECONDS]: polls the screen until the extended regex matches.
wait_for() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
# wait_gone PATTERN [SECONDS]: polls until the pattern is no longer on the screen.
wait_gone() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        screen | grep -Eq -- "$1" || return 0
        sleep 0.1
    done
    return 1
}
# wait_file FILE [SECONDS]
wait_file() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        [ -s "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
virtual_time() { screen | head -1 | grep -Eo 't=[0-9]{2}:[0-9]{2}\.[0-9]' | head -1; }
# While paused the header shows virtual time to the millisecond.
precise_time() { screen | head -1 | grep -Eo 't=[0-9]{2}:[0-9]{2}\.[0-9]{3}' | head -1; }
# The channels panel's first row (the line under its column titles).
first_channel() { screen | grep -A1 -E '│ name +fill' | sed -n 2p; }
# wait_first_channel PATTERN [SECONDS]: polls until the channels panel's first row matches.
wait_first_channel() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        first_channel | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    return 1
}

# The pane runs this wrapper: it records the tty modes before and after the dashboard, the
# dashboard's pid and exit status, then keeps the pane open for inspection.
cat > "$WORK/wrapper.sh" <<'WRAP'
#!/bin/sh
dir=$1
shift
# Ctrl-C reaches the whole foreground process group: the wrapper must outlive it to record the
# exit status (a handler, not an ignore, so the dashboard does not inherit it).
trap 'true' INT
stty -g > "$dir/stty.before"
sh -c 'echo $$ > "$0/pid"; exec "$@"' "$dir" "$@"
echo $? > "$dir/exit"
stty -g > "$dir/stty.after"
stty -a > "$dir/stty.all"
exec sleep 3600
WRAP
chmod +x "$WORK/wrapper.sh"

# launch NAME [ENV...]: a fresh session at 120x40 running the dashboard.
launch() {
    current=$1
    shift
    mkdir -p "$WORK/$current"
    tm new-session -d -s "$current" -x 120 -y 40 \
        "$WORK/wrapper.sh" "$WORK/$current" env LANG=C.UTF-8 LC_ALL= TERM=tmux-256color \
        XDG_STATE_HOME="$WORK/$current/state" XDG_CONFIG_HOME="$WORK/$current/config" "$@" "$BIN" --seed 7 $DASHBOARD_ARGS
}

# The interactive run uses the semaphore step of cold storage, where nothing bounds a read: a
# stuck reader keeps its permit on screen (under `fixed` the 5 s read deadline frees it). It is
# recorded, and its record must replay headless.
DASHBOARD_ARGS="--policy cold=semaphore --record $WORK/demo.jsonl"

# check_restored NAME EXPECTED_STATUS_REGEX
check_restored() {
    local name=$1 status=$2
    if wait_file "$WORK/$current/exit"; then pass "$name: dashboard exited"; else fail "$name: dashboard exited"; return; fi
    wait_file "$WORK/$current/stty.after" 5
    local code
    code=$(cat "$WORK/$current/exit")
    if echo "$code" | grep -Eqx "$status"; then pass "$name: exit status $code"; else fail "$name: exit status $code, expected $status"; fi
    if [ "$(tm display -p -t "$current" '#{alternate_on}')" = "0" ]; then pass "$name: alternate screen off"; else fail "$name: alternate screen still on"; fi
    if [ "$(tm display -p -t "$current" '#{cursor_flag}')" = "1" ]; then pass "$name: cursor visible"; else fail "$name: cursor hidden"; fi
    # Mouse reporting left on would type an escape sequence into the shell at every click.
    if [ "$(tm display -p -t "$current" '#{mouse_any_flag}')" = "0" ]; then pass "$name: mouse reporting off"; else fail "$name: mouse reporting still on"; fi
    if cmp -s "$WORK/$current/stty.before" "$WORK/$current/stty.after"; then pass "$name: tty modes restored"; else fail "$name: tty modes differ (before $(cat "$WORK/$current/stty.before"), after $(cat "$WORK/$current/stty.after"))"; fi
    if grep -Eq '(^| )icanon' "$WORK/$current/stty.all" && grep -Eq '(^| )echo( |$)' "$WORK/$current/stty.all"; then pass "$name: stty sane (icanon, echo)"; else fail "$name: stty not sane: $(tr '\n' ' ' < "$WORK/$current/stty.all")"; fi
}

# --- 1. the interactive run ------------------------------------------------------------
launch main
if wait_for 'PERMITS' && wait_for 'CHANNELS' && wait_for 'EVENTS'; then pass "panels shown at 120x40"; else fail "panels shown at 120x40"; fi
if [ "$(tm display -p -t main '#{alternate_on}')" = "1" ]; then pass "alternate screen on while running"; else fail "alternate screen on while running"; fi
if wait_for 'RUNNING' && wait_for ' 1\.0x '; then pass "header shows running at 1.0x"; else fail "header shows running at 1.0x"; fi

tm send-keys -t main ' '
if wait_for 'PAUSED'; then pass "space pauses"; else fail "space pauses"; fi
paused_at=$(virtual_time)
# Virtual time must stand still: sample it for a while (this waits for nothing to happen).
still=1
for _ in $(seq 15); do
    sleep 0.1
    [ "$(virtual_time)" = "$paused_at" ] || still=0
done
if [ "$still" = 1 ] && [ -n "$paused_at" ]; then pass "virtual time stops while paused ($paused_at)"; else fail "virtual time stops while paused ($paused_at -> $(virtual_time))"; fi
# One press of '.' must show: a step goes to the next timer's instant and one millisecond
# further at least (PacedDriver.minimumStep), so the millisecond clock moves. Pressed once, not
# again until it moves: a step that moves time too little to see fails here.
stepped_from=$(precise_time)
tm send-keys -t main '.'
deadline=$((SECONDS + TIMEOUT))
while [ "$(precise_time)" = "$stepped_from" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
if [ -n "$stepped_from" ] && [ -n "$(precise_time)" ] && [ "$(precise_time)" != "$stepped_from" ] && wait_for 'PAUSED'; then
    pass "'.' steps while paused ($stepped_from -> $(precise_time))"
else
    fail "'.' steps while paused ($stepped_from -> $(precise_time))"
fi
tm send-keys -t main ' '
if wait_for 'RUNNING' && wait_for "t=" && { deadline=$((SECONDS + TIMEOUT)); while [ "$(virtual_time)" = "$paused_at" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done; [ "$(virtual_time)" != "$paused_at" ]; }; then
    pass "space resumes (virtual time moves again)"
else
    fail "space resumes"
fi

tm send-keys -t main '+'
if wait_for ' 2\.0x '; then pass "+ doubles the speed"; else fail "+ doubles the speed"; fi

tm send-keys -t main 's'
if wait_for 'injected 1 stuck reader'; then pass "s injects a stuck reader (event log)"; else fail "s injects a stuck reader (event log)"; fi
if wait_for '└ read #'; then pass "s: the stuck reader holds a permit in the permits panel"; else fail "s: no read holder in the permits panel"; fi

# Channels are listed most pressing first: the NAT queue, stalled, fills and rises to the top
# over the 200 listener peer channels.
tm send-keys -t main 'n'
if wait_for 'nat traversal consumer stalled' && wait_first_channel 'listener\.nat'; then
    pass "n: the stalled NAT queue fills and rises to the top of the channels panel"
else
    fail "n: the stalled NAT queue is not the first channel ($(first_channel))"
fi

tm send-keys -t main 'g'
if wait_for 'policy cold=permit-attached'; then pass "g moves cold storage to its next policy step"; else fail "g moves cold storage to its next policy step"; fi

tm send-keys -t main '?'
if wait_for 'single step while paused'; then pass "? shows the help"; else fail "? shows the help"; fi
tm send-keys -t main Escape
if wait_gone 'single step while paused' && wait_for 'PERMITS'; then pass "help closes"; else fail "help closes"; fi

tm resize-window -t main -x 60 -y 15
if wait_for 'Terminal too small: 60x15' && wait_for 'at least 80x24'; then pass "60x15 shows the too-small message"; else fail "60x15 shows the too-small message"; fi
tm resize-window -t main -x 120 -y 40
if wait_gone 'too small' && wait_for 'PERMITS'; then pass "back to 120x40 shows the panels"; else fail "back to 120x40 shows the panels"; fi

tm send-keys -t main 'q'
check_restored "q" "0"
if [ -f "$WORK/main/state/stallscope/trust.json" ] && [ "$(stat -c %a "$WORK/main/state/stallscope/trust.json")" = 600 ]; then
    pass "trust store persisted to \$XDG_STATE_HOME/stallscope/trust.json (mode 0600)"
else
    fail "no trust.json (mode 0600) under \$XDG_STATE_HOME/stallscope"
fi
# `g` restarted the run: the first run is in demo.jsonl, the second in demo.2.jsonl.
for record in demo.jsonl demo.2.jsonl; do
    if out=$("$BIN" replay "$WORK/$record" 2>&1) && echo "$out" | grep -Eq "(HEALTHY|STALL)  policy"; then
        pass "replay $record: same verdict and final state"
    else
        fail "replay $record: $out"
    fi
done
if grep -q '"operator"' "$WORK/demo.jsonl" && grep -q '"source":"trust"' "$WORK/demo.jsonl"; then
    pass "the record holds the operator's keys and the real disk's answers"
else
    fail "the record lacks operator actions or disk inputs"
fi

DASHBOARD_ARGS=""

# --- 1a. going back in time, then the record opened in the dashboard ----------------------
# cold-stuck-reader under `semaphore` stalls (a stuck reader at 10 s wedges the writer): run at
# 16x past the warning, pause, then '[' and ']' move the header's clock back and forth.
DASHBOARD_ARGS="--scenario cold-stuck-reader --policy cold=semaphore --speed 16 --record $WORK/rewind.jsonl"
launch rewind
DASHBOARD_ARGS=""
seconds_of() { echo "$1" | awk -F'[=:]' '{ printf "%.3f", $2 * 60 + $3 }'; }
if wait_for 't=00:(2[5-9]|[3-5][0-9])' && wait_for ' 1 warning'; then pass "rewind run: past the stuck reader's warning"; else fail "rewind run: past the stuck reader's warning"; fi
tm send-keys -t rewind ' '
wait_for 'PAUSED'
edge=$(precise_time)
tm send-keys -t rewind '['
if wait_for 'back to t=' && [ -n "$edge" ] && wait_gone "$edge"; then
    back=$(precise_time)
    if [ "$(awk "BEGIN { print $(seconds_of "$edge") - $(seconds_of "$back") }")" = 5 ]; then
        pass "[ moves the header back 5 s ($edge -> $back)"
    else
        fail "[ moves the header back 5 s ($edge -> $back)"
    fi
else
    fail "[ moves the header back ($edge -> $(precise_time))"
fi
tm send-keys -t rewind ']'
if wait_for "forward to t=" && wait_for "$edge"; then pass "] moves it forward again ($(precise_time))"; else fail "] moves it forward again ($edge -> $(precise_time))"; fi
tm send-keys -t rewind ']'
if wait_for 'at the live edge' && [ "$(precise_time)" = "$edge" ]; then pass "] at the live edge says so and stays"; else fail "] at the live edge ($(precise_time))"; fi
tm send-keys -t rewind q
check_restored "rewind" "0"
if out=$("$BIN" replay "$WORK/rewind.jsonl" 2>&1); then pass "replay rewind.jsonl after going back and forth: same final state"; else fail "replay rewind.jsonl: $out"; fi

current=playback
mkdir -p "$WORK/playback"
tm new-session -d -s playback -x 120 -y 40 "$WORK/wrapper.sh" "$WORK/playback" env LANG=C.UTF-8 LC_ALL= \
    TERM=tmux-256color XDG_STATE_HOME="$WORK/playback/state" "$BIN" replay "$WORK/rewind.jsonl" --dashboard
if wait_for 't=00:00\.000' && wait_for 'PAUSED' && wait_for 'no warnings'; then pass "replay --dashboard opens paused at 00:00.000"; else fail "replay --dashboard opens paused at 00:00.000"; fi
tm send-keys -t playback W
if wait_for 'forward to t=' && wait_for ' 1 warning' && wait_for 'STALL +cold +writer drain blocked'; then
    pass "W jumps to the first warning ($(precise_time))"
else
    fail "W jumps to the first warning ($(precise_time))"
fi
tm send-keys -t playback q
check_restored "playback" "0"
if [ ! -e "$WORK/playback/state" ]; then pass "replay --dashboard never touches the state directory"; else fail "replay --dashboard created $WORK/playback/state"; fi
out=$("$BIN" replay "$WORK/no-such.jsonl" --dashboard 2>&1 >/dev/null)
code=$?
if [ "$code" = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ]; then pass "replay --dashboard of a missing file: one line, exit 2"; else fail "replay --dashboard of a missing file: exit $code: $out"; fi

# --- 1b. a node of realistic size: --scale 100 (20,000 listener peers, 20,000-odd channels) ---
# It starts, shows the channels panel's summary line, answers a key within a frame or two (the
# latency is printed; the deadline only guards a loaded machine), filters the channels with '/'
# (keys typed in the prompt are text: 'q' does not quit), and quits with the terminal restored.
DASHBOARD_ARGS="--scale 100"
launch scaled
DASHBOARD_ARGS=""
if wait_for '\+ [0-9]+ more, fullest peer\[' 15; then pass "scale 100: the channels summary line is shown"; else fail "scale 100: the channels summary line is shown"; fi
if wait_for 'RUNNING' 5; then pass "scale 100: running"; else fail "scale 100: running"; fi
started=$(date +%s%N)
tm send-keys -t scaled ' '
if wait_for 'PAUSED' "${E2E_KEY_SECONDS:-3}"; then
    pass "scale 100: space pauses within $(( ($(date +%s%N) - started) / 1000000 )) ms"
else
    fail "scale 100: space did not pause within ${E2E_KEY_SECONDS:-3} s"
fi
tm send-keys -t scaled ' '
wait_for 'RUNNING' 5
# Focus the channels panel (the events panel has it at start; tab: permits, then channels).
tm send-keys -t scaled Tab Tab /
tm send-keys -t scaled -l 'peer[1234]q'
if wait_for 'filter channels: peer\[1234\]q_' 5 && wait_for 'CHANNELS /peer\[1234\]q_'; then
    pass "scale 100: '/' opens the prompt; q is typed into the filter, not a quit"
else
    fail "scale 100: '/' opens the prompt; q is typed into the filter"
fi
tm send-keys -t scaled BSpace Enter
if wait_for 'CHANNELS /peer\[1234\] .* 1 matching' 5 && wait_first_channel 'peer\[1234\]\.in' 5 && wait_gone 'filter channels:' 5; then
    pass "scale 100: the filter narrows 20,000 channels to peer[1234].in and stays after enter"
else
    fail "scale 100: the filter narrows the channels to peer[1234].in ($(first_channel))"
fi
tm send-keys -t scaled Escape
if wait_gone 'CHANNELS /' 5 && wait_for 'more, fullest' 5; then pass "scale 100: esc clears the filter"; else fail "scale 100: esc clears the filter"; fi
tm send-keys -t scaled q
check_restored "scale 100" "0"

# --- 1c. compare: cold=semaphore beside fixed, one key to both --------------------------------
# Side by side at 200x50 (from 160 columns), one above the other at 120x40. After `s` the
# semaphore side stalls (its writer cannot collect all 64 read permits) and fixed holds (the read
# deadline frees the permit). Each side's record replays.
DASHBOARD_ARGS="--policy cold=semaphore --compare fixed --speed 8 --record $WORK/cmp.jsonl"
launch compare
DASHBOARD_ARGS=""
tm resize-window -t compare -x 200 -y 50
if wait_for '^ A +HEALTHY +no warnings +policy cold=semaphore +B +HEALTHY +no warnings +policy fixed'; then
    pass "compare: both policies side by side at 200x50"
else
    fail "compare: both policies side by side at 200x50"
fi
if screen | head -1 | grep -q 'policy cold=semaphore vs fixed'; then pass "compare: the header names both policies"; else fail "compare: the header names both policies"; fi
tm send-keys -t compare 's'
if wait_for '^ A +STALLED +1 warning +policy cold=semaphore +B +HEALTHY +no warnings +policy fixed' 60 \
    && screen | grep -Eq 'STALL cold +writer drain blocked'; then
    pass "compare: after s the semaphore side stalls and fixed holds"
else
    fail "compare: after s the semaphore side stalls and fixed holds"
fi
tm send-keys -t compare 'g'
if wait_for 'g is off while comparing' && screen | head -1 | grep -q 'policy cold=semaphore vs fixed'; then
    pass "compare: g is off and the status line says so"
else
    fail "compare: g is off and the status line says so"
fi
tm resize-window -t compare -x 120 -y 40
if wait_for '^ B +HEALTHY +no warnings +policy fixed' && screen | grep -Eq '^ A +STALLED'; then
    pass "compare: 120x40 stacks the sides, the warnings still diverge"
else
    fail "compare: 120x40 stacks the sides"
fi
tm resize-window -t compare -x 200 -y 50
if wait_for '^ A +STALLED .* B +HEALTHY'; then pass "compare: back to 200x50, side by side"; else fail "compare: back to 200x50, side by side"; fi
tm send-keys -t compare 'q'
check_restored "compare" "0"
for record in cmp.A.jsonl cmp.B.jsonl; do
    if out=$("$BIN" replay "$WORK/$record" 2>&1); then pass "compare: replay $record"; else fail "compare: replay $record: $out"; fi
done
if "$BIN" replay "$WORK/cmp.A.jsonl" 2>&1 | grep -q 'STALL  policy cold=semaphore' \
    && "$BIN" replay "$WORK/cmp.B.jsonl" 2>&1 | grep -q 'HEALTHY  policy fixed'; then
    pass "compare: the records keep each side's verdict"
else
    fail "compare: the records keep each side's verdict"
fi

# --- 1d. the mouse and the scenario picker ----------------------------------------------------
# tmux sends mouse events to a pane only from an attached client (`send-keys -M` replays one a
# binding received), so the press is typed as the bytes a terminal in mode 1000 sends: ESC [ M,
# then 32 + button, 32 + column + 1, 32 + row + 1 (tmux-256color's kmous is ESC [ M). Then `p`
# opens the picker, down to cold-stuck-reader, right to its next policy (legacy), enter restarts
# with them: the header names them and the record goes on in FILE.2 with the new scenario.
# press COLUMN ROW: the primary button pressed at that cell (0-based), in X10 encoding.
press() { tm send-keys -t "$current" -H 1b 5b 4d 20 "$(printf '%x' $((33 + $1)))" "$(printf '%x' $((33 + $2)))"; }
# The focused panel's title is drawn reversed: SGR 7 as a parameter of its own (a color such as
# 38;5;117 ends in 7 too).
focused() { tm capture-pane -p -e -t "$current" | grep -Eq $'\e\\[([0-9;]*;)?7m '"$1 "; }
DASHBOARD_ARGS="--record $WORK/picked.jsonl"
launch mouse
DASHBOARD_ARGS=""
if wait_for 'CHANNELS' && [ "$(tm display -p -t mouse '#{mouse_standard_flag}')" = "1" ]; then
    pass "mouse: reporting on while running"
else
    fail "mouse: reporting on while running"
fi
# The panels move while the subsystems start: press where the title is now, until it is focused.
unfocused=1
focused CHANNELS && unfocused=0
deadline=$((SECONDS + TIMEOUT))
until focused CHANNELS || [ $SECONDS -ge $deadline ]; do
    row=$(screen | grep -n ' CHANNELS ' | head -1 | cut -d: -f1)
    [ -n "$row" ] && press 3 $((row - 1))
    sleep 0.5
done
if [ "$unfocused" = 1 ] && focused CHANNELS; then
    pass "mouse: a press on the CHANNELS title focuses it"
else
    fail "mouse: a press on the CHANNELS title focuses it"
fi
tm send-keys -t mouse 'p'
if wait_for 'what it shows' && wait_for '◀ fixed ▶'; then pass "picker: p opens the catalog"; else fail "picker: p opens the catalog"; fi
# The wheel, typed as the bytes of a notch in mode 1000 (button 64 up, 65 down, plus 32, at a cell
# the picker covers): one notch moves the picker's selection one row, drawn on a background of
# its own (the list's first column is "• " on the current scenario, two spaces elsewhere).
wheel() { tm send-keys -t "$current" -H 1b 5b 4d "$1" 2b 2b; }
selected() { tm capture-pane -p -e -t "$current" | grep -Eq $'\e\\[48;5;[0-9]+m(• |  )'"$1 "; }
# wait_selected NAME: polls until the picker's selected row is NAME's.
wait_selected() {
    local deadline=$((SECONDS + TIMEOUT))
    until selected "$1"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.1; done
}
second=$("$BIN" scenarios | awk 'NR == 2 { print $1 }')
if selected steady && wheel 61 && wait_selected "$second" && wheel 60 && wait_selected steady; then
    pass "picker: a wheel notch moves the selection down, the next one back up"
else
    fail "picker: a wheel notch moves the selection down, the next one back up"
fi
index=$("$BIN" scenarios | awk '{print $1}' | grep -n -x 'cold-stuck-reader' | cut -d: -f1)
for _ in $(seq $((index - 1))); do tm send-keys -t mouse Down; done
tm send-keys -t mouse Right
if wait_for '◀ legacy ▶'; then pass "picker: right cycles the policy"; else fail "picker: right cycles the policy"; fi
tm send-keys -t mouse Enter
if wait_for '^ stallscope +cold-stuck-reader +policy legacy ' && wait_gone 'what it shows'; then
    pass "picker: enter restarts with the scenario, the header shows it"
else
    fail "picker: enter restarts with the scenario, the header shows it"
fi
tm send-keys -t mouse 'q'
check_restored "mouse" "0"
if head -1 "$WORK/picked.2.jsonl" 2>/dev/null | grep -q '"scenario":"cold-stuck-reader"' \
    && head -1 "$WORK/picked.jsonl" | grep -q '"scenario":"steady"'; then
    pass "picker: the chosen scenario is recorded to FILE.2"
else
    fail "picker: the chosen scenario is recorded to FILE.2: $(head -c 300 "$WORK/picked.2.jsonl" 2>&1)"
fi

# --no-mouse: reporting never turned on; the terminal is restored as always.
DASHBOARD_ARGS="--no-mouse"
launch nomouse
DASHBOARD_ARGS=""
if wait_for 'CHANNELS' && [ "$(tm display -p -t nomouse '#{mouse_any_flag}')" = "0" ]; then
    pass "--no-mouse: no mouse reporting while running"
else
    fail "--no-mouse: no mouse reporting while running"
fi
tm send-keys -t nomouse 'q'
check_restored "no-mouse" "0"

# The shell after quit, in a plain bash pane: only its prompt, no escape sequence typed into it.
current=shell
tm new-session -d -s shell -x 120 -y 40 env PS1='prompt$ ' TERM=tmux-256color LANG=C.UTF-8 bash --norc --noediting
# Typed before bash's first prompt, the command is echoed ahead of it and the prompt after q can
# land on that line: wait for the prompt first.
wait_for '^prompt\$ ?$' || fail "shell: bash prompts"
tm send-keys -t shell "cd $WORK && XDG_STATE_HOME=$WORK/shell-state $BIN --seed 7" Enter
if wait_for 'CHANNELS'; then pass "shell: the dashboard starts from bash"; else fail "shell: the dashboard starts from bash"; fi
row=$(screen | grep -n ' EVENTS ' | head -1 | cut -d: -f1)
press 3 $((row + 1))
tm send-keys -t shell 'q'
if wait_for '^prompt\$ ?$' && [ "$(tm display -p -t shell '#{mouse_any_flag}')" = "0" ] \
    && [ "$(screen | grep -v '^$' | tail -1)" = 'prompt$' ] && ! screen | grep -q $'\e\|\[M'; then
    pass "shell: after q only the prompt, mouse reporting off"
else
    fail "shell: after q only the prompt, mouse reporting off"
fi

# --- 2. Ctrl-C --------------------------------------------------------------------------
launch interrupt
if wait_for 'PERMITS'; then pass "ctrl-c run: panels shown"; else fail "ctrl-c run: panels shown"; fi
tm send-keys -t interrupt C-c
check_restored "ctrl-c" "0|130"

# --- 3. SIGTERM -------------------------------------------------------------------------
DASHBOARD_ARGS="--record $WORK/term.jsonl"
launch term
DASHBOARD_ARGS=""
if wait_for 'PERMITS' && wait_file "$WORK/term/pid"; then pass "sigterm run: panels shown"; else fail "sigterm run: panels shown"; fi
kill -TERM "$(cat "$WORK/term/pid")"
check_restored "sigterm" "143"
if out=$("$BIN" replay "$WORK/term.jsonl" 2>&1); then pass "sigterm: the record is finished and replays"; else fail "sigterm: replay: $out"; fi

# --- 4. SIGHUP (the terminal went away) ---------------------------------------------------
launch hangup
if wait_for 'PERMITS' && wait_file "$WORK/hangup/pid"; then pass "sighup run: panels shown"; else fail "sighup run: panels shown"; fi
kill -HUP "$(cat "$WORK/hangup/pid")"
check_restored "sighup" "129"

# --- 4b. the other signals that end a process: each restores the terminal first; SIGPIPE is
# ignored (a write to a closed pipe fails instead of killing the dashboard in raw mode) --------
for signal in QUIT:131 USR1:138; do
    name=${signal%%:*}
    launch "sig$name"
    if wait_for 'PERMITS' && wait_file "$WORK/sig$name/pid"; then pass "sig$name run: panels shown"; else fail "sig$name run: panels shown"; fi
    kill -"$name" "$(cat "$WORK/sig$name/pid")"
    check_restored "sig$name" "${signal##*:}"
done
launch sigpipe
if wait_for 'PERMITS' && wait_file "$WORK/sigpipe/pid"; then pass "sigpipe run: panels shown"; else fail "sigpipe run: panels shown"; fi
kill -PIPE "$(cat "$WORK/sigpipe/pid")"
tm send-keys -t sigpipe ' '
if wait_for 'PAUSED'; then pass "sigpipe: ignored, keys still answer"; else fail "sigpipe: ignored, keys still answer"; fi
tm send-keys -t sigpipe q
check_restored "sigpipe" "0"

# --- 4c. the terminal goes away and no SIGHUP comes (another session, as under setsid or a
# parent that ignores HUP): the dashboard must notice and end, not spin on a dead terminal ----
current=lost
mkdir -p "$WORK/lost"
tm new-session -d -s lost -x 120 -y 40 "$WORK/wrapper.sh" "$WORK/lost" setsid env LANG=C.UTF-8 TERM=tmux-256color \
    XDG_STATE_HOME="$WORK/lost/state" "$BIN" --seed 7
if wait_for 'PERMITS' && wait_file "$WORK/lost/pid"; then pass "lost terminal run: panels shown"; else fail "lost terminal run: panels shown"; fi
lost_pid=$(cat "$WORK/lost/pid")
tm kill-session -t lost
gone=0
for _ in $(seq 100); do
    kill -0 "$lost_pid" 2>/dev/null || { gone=1; break; }
    sleep 0.1
done
if [ "$gone" = 1 ]; then pass "lost terminal: the dashboard ended within 10 s"; else fail "lost terminal: pid $lost_pid still running ($(ps -o pcpu= -p "$lost_pid")% CPU)"; kill -9 "$lost_pid" 2>/dev/null; fi

# --- 4d. the trust state cannot be saved (the state directory sits under a regular file):
# quitting says so on stderr once the terminal is back, and exits 1 -------------------------
touch "$WORK/not-a-directory"
DASHBOARD_ARGS="--state-dir $WORK/not-a-directory/state"
launch unsaved
DASHBOARD_ARGS=""
if wait_for 'PERMITS' && wait_for 'save failed'; then pass "unsaved run: the failing saves show in the events"; else fail "unsaved run: the failing saves show in the events"; fi
tm send-keys -t unsaved q
check_restored "unsaved" "1"
if wait_for 'stallscope: trust store: '; then pass "unsaved: quitting names what was not saved"; else fail "unsaved: quitting names what was not saved"; fi

# --- 5. a forced crash (a Swift trap) ----------------------------------------------------
DASHBOARD_ARGS="--state-dir $WORK/crash/chosen-state"
launch crash STALLSCOPE_CRASH_AFTER_MS=2500
DASHBOARD_ARGS=""
if wait_for 'PERMITS'; then pass "crash run: panels shown"; else fail "crash run: panels shown"; fi
check_restored "crash" "132|133|134"
if grep -q 'stallscope crashed' "$WORK/crash/chosen-state/crash.log" 2>/dev/null; then pass "crash: report in the --state-dir's crash.log"; else fail "crash: report in the --state-dir's crash.log"; fi
if [ "$(stat -c %a "$WORK/crash/chosen-state")" = 700 ]; then pass "crash: the state directory is private (0700)"; else fail "crash: state directory mode $(stat -c %a "$WORK/crash/chosen-state")"; fi

# --- 6. refusing to start ----------------------------------------------------------------
out=$("$BIN" < /dev/null 2>&1 >/dev/null)
code=$?
if [ "$code" = 2 ] && echo "$out" | grep -q 'stallscope run'; then pass "not a terminal: exit 2 suggesting stallscope run"; else fail "not a terminal: exit $code: $out"; fi
current=badterm
mkdir -p "$WORK/badterm"
tm new-session -d -s badterm -x 100 -y 20 "$WORK/wrapper.sh" "$WORK/badterm" env TERM=no-such-terminal "$BIN"
if wait_file "$WORK/badterm/exit" && [ "$(cat "$WORK/badterm/exit")" = 2 ] && wait_for "unknown terminal type 'no-such-terminal'"; then
    pass "unusable TERM: clear error, exit 2"
else
    fail "unusable TERM: clear error, exit 2"
fi


# --- 7. attach: a running service through its agent ------------------------------------
# agent-demo stands in for a service (a semaphore "workers" and a channel "jobs" that move).
AGENT_DEMO=$(dirname "$BIN")/agent-demo
if [ -x "$AGENT_DEMO" ]; then
    RUNTIME="$WORK/attach-runtime"
    mkdir -p "$RUNTIME"
    # start_demo: starts agent-demo, sets $demo once its socket is there.
    start_demo() {
        XDG_RUNTIME_DIR="$RUNTIME" "$AGENT_DEMO" --service e2e-demo > /dev/null 2>&1 &
        demo=$!
        local deadline=$((SECONDS + TIMEOUT))
        until [ -S "$RUNTIME/stallscope/e2e-demo.$demo.sock" ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
    }
    permits_row() { screen | grep -Eo 'workers +\[[^]]*\] +[0-4]/4 held' | head -1; }
    start_demo
    current=attach
    mkdir -p "$WORK/attach"
    tm new-session -d -s attach -x 120 -y 40 "$WORK/wrapper.sh" "$WORK/attach" env LANG=C.UTF-8 LC_ALL= \
        TERM=tmux-256color XDG_RUNTIME_DIR="$RUNTIME" XDG_STATE_HOME="$WORK/attach/state" "$BIN" attach e2e-demo
    if wait_for "e2e-demo pid $demo " && wait_for 'workers +\[' && wait_for 'jobs +\['; then
        pass "attach: the header names the service and pid, its permits and channel shown"
    else
        fail "attach: the header names the service and pid, its permits and channel shown"
    fi
    first_row=$(permits_row)
    moved=0
    deadline=$((SECONDS + TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        [ "$(permits_row)" != "$first_row" ] && { moved=1; break; }
        sleep 0.1
    done
    if [ $moved = 1 ]; then pass "attach: the permits move"; else fail "attach: the permits never moved from '$first_row'"; fi
    tm send-keys -t attach ' '
    if wait_for 'PAUSED'; then pass "attach: space pauses the view"; else fail "attach: space pauses the view"; fi
    frozen=$(permits_row)
    still=1
    # The view must stand still while the service moves on: sample it (this waits for nothing).
    for _ in $(seq 10); do
        sleep 0.1
        [ "$(permits_row)" = "$frozen" ] || still=0
    done
    if [ $still = 1 ] && kill -0 "$demo" 2>/dev/null; then pass "attach: paused, the view is frozen and the service runs on"; else fail "attach: the paused view changed"; fi
    tm send-keys -t attach ' '
    if wait_for 'RUNNING'; then pass "attach: space resumes"; else fail "attach: space resumes"; fi
    old=$demo
    kill "$demo"; wait "$demo" 2>/dev/null
    if wait_for "e2e-demo pid $old \(exited: waiting for it to return\)"; then pass "attach: the service's exit is shown"; else fail "attach: the service's exit is shown"; fi
    start_demo
    if wait_for "e2e-demo pid $demo  policy attached"; then pass "attach: reattached when the service returned (pid $demo)"; else fail "attach: reattached when the service returned"; fi
    tm send-keys -t attach q
    check_restored "attach" 0
    kill "$demo" 2>/dev/null; wait "$demo" 2>/dev/null
else
    fail "attach: no $AGENT_DEMO (swift build --build-tests builds it)"
fi

# --- 8. attach to the example service under load --------------------------------------
SERVICE_BIN=${SERVICE_BIN:-$PWD/Examples/Service/.build/debug/Service}
if [ ! -x "$SERVICE_BIN" ]; then
    echo "skip  service: no $SERVICE_BIN (Examples/run.sh builds it; make test runs that first)"
elif ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "skip  service: wrk or curl is not installed (scripts/install-deps.sh installs them)"
else
    SERVICE_RUNTIME="$WORK/service-runtime"
    mkdir -m 0700 "$SERVICE_RUNTIME"
    # start_service: starts it on a free port; sets $service and $base once it listens.
    start_service() {
        : > "$WORK/service.out"
        XDG_RUNTIME_DIR="$SERVICE_RUNTIME" "$SERVICE_BIN" --port 0 > "$WORK/service.out" 2> "$WORK/service.err" &
        service=$!
        background+=("$service")
        local deadline=$((SECONDS + TIMEOUT))
        until grep -q '^listening on ' "$WORK/service.out" || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
        base="http://$(sed -n 's/^listening on //p' "$WORK/service.out")"
    }
    handlers_row() { screen | grep -Eo 'handlers +\[[^]]*\] +[0-8]/8 held.*' | head -1; }
    jobs_row() { screen | grep -Eo 'jobs +\[[^]]*\] +[0-9]+/16 .*' | head -1; }
    hung_holders() { screen | grep -Ec '└ request #[0-9]+ +1 permit +held'; }
    start_service
    wrk -t 1 -c 12 -d 60s "$base/work" > /dev/null 2>&1 &
    load=$!
    background+=("$load")
    current=service
    mkdir -p "$WORK/service"
    tm new-session -d -s service -x 120 -y 40 env PS1='prompt$ ' TERM=tmux-256color LANG=C.UTF-8 bash --norc --noediting
    # Typed once bash prompts: typed ahead, the command's echo comes before the prompt, and the
    # prompt after q lands on the first one's line.
    wait_for '^prompt\$ ?$' || fail "service: bash prompts"
    # The tty modes and the exit status around the dashboard, for check_restored.
    tm send-keys -t service "d=$WORK/service; stty -g > \$d/stty.before; XDG_RUNTIME_DIR=$SERVICE_RUNTIME XDG_STATE_HOME=\$d/state $BIN attach example-service --hold-threshold 2s; echo \$? > \$d/exit; stty -g > \$d/stty.after; stty -a > \$d/stty.all" Enter
    if wait_for "example-service pid $service " && wait_for 'handlers +\[' && wait_for 'jobs +\['; then
        pass "service: attached under wrk, its permits (handlers, workers) and channel (jobs) shown"
    else
        fail "service: attached under wrk, its permits (handlers, workers) and channel (jobs) shown"
    fi
    first_handlers=$(handlers_row)
    first_jobs=$(jobs_row)
    moved=0
    deadline=$((SECONDS + TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        [ "$(handlers_row)" != "$first_handlers" ] && [ "$(jobs_row)" != "$first_jobs" ] && { moved=1; break; }
        sleep 0.1
    done
    if [ $moved = 1 ] && [ -n "$first_handlers" ] && [ -n "$first_jobs" ]; then
        pass "service: the handlers' and the jobs channel's rows move under load"
    else
        fail "service: the rows did not both move ('$first_handlers' -> '$(handlers_row)', '$first_jobs' -> '$(jobs_row)')"
    fi
    kill "$load"; wait "$load" 2>/dev/null
    # The load's last requests done: the hung ones will be ours alone.
    if wait_for 'handlers +\[[^]]*\] +0/8 held'; then pass "service: the load over, no handler holds a permit"; else fail "service: handlers still held after the load"; fi
    curl -sS --max-time 10 -X POST "$base/admin/hang?count=2" > /dev/null
    for _ in 1 2; do
        curl -s --max-time "$TIMEOUT" "$base/work" > /dev/null &
        background+=($!)
    done
    if wait_for 'handlers +\[[^]]*\] +2/8 held' && wait_for '└ request #[0-9]+ +1 permit +held' && [ "$(hung_holders)" = 2 ]; then
        pass "service: the two hung handlers are the permits panel's holders ($(screen | grep -Eo 'request #[0-9]+ +1 permit' | sed 's/ *1 permit//' | paste -sd, -))"
    else
        fail "service: the two hung handlers are the permits panel's holders"
    fi
    # The generic detectors (a hold past --hold-threshold, 2 s here) name the hung handlers.
    if wait_for 'STALL generic +handlers held long by request #[0-9]+ \(held [0-9.]+ s\), request #[0-9]+'; then
        pass "service: the generic warning names the hung handlers ($(screen | grep -Eo 'handlers held long by [^│]*' | head -1 | sed 's/ *$//'))"
    else
        fail "service: the generic warning names the hung handlers"
    fi
    if wait_for 'WARN .*the next /work handlers will hang holding their permit count=2'; then
        pass "service: its log record is in the events panel"
    else
        fail "service: its log record is in the events panel"
    fi
    curl -sS --max-time 10 -X POST "$base/admin/release" > /dev/null
    if wait_for 'handlers +\[[^]]*\] +0/8 held'; then pass "service: released, the permits come back"; else fail "service: released, the permits come back"; fi
    old=$service
    kill "$service"; wait "$service" 2>/dev/null
    if wait_for "example-service pid $old \(exited: waiting for it to return\)"; then pass "service: its exit is shown"; else fail "service: its exit is shown"; fi
    start_service
    if wait_for "example-service pid $service  policy attached"; then pass "service: reattached when it came back (pid $service)"; else fail "service: reattached when it came back"; fi
    tm send-keys -t service q
    check_restored "service" 0
    if wait_for '^prompt\$ ?$'; then pass "service: the prompt is back after q"; else fail "service: the prompt is back after q"; fi
    kill "$service"; wait "$service" 2>/dev/null
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
