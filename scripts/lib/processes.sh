# Helpers for the shell scripts that start processes and wait on them; sourced, not run
# (Examples/run.sh, Tests/prometheus/run.sh, Benchmarks/attach.sh).

# until_true SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds (0) or the deadline
# passes (1).
until_true() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ $SECONDS -ge $deadline ] && return 1
        sleep 0.2
    done
}

# stop_all PID...: asks each process to end (SIGTERM) and reaps it; for an EXIT trap, so gone
# processes are no error.
stop_all() {
    local pid
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
