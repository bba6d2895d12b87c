#!/usr/bin/env bash
# Installs the system packages stallscope needs (ncursesw headers, tmux for the end-to-end
# test, wrk and curl to load and query the example service) when they are missing. As root it
# installs them with apt-get; otherwise it prints the exact command and fails, rather than
# half-building. Prometheus, for the fleet test, is optional: installed when it can be, and
# without it that test says SKIP and why.
set -euo pipefail

missing=()
[ -e /usr/include/ncursesw/ncurses.h ] || [ -e /usr/include/ncurses.h ] || missing+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
optional=()
command -v prometheus >/dev/null 2>&1 || optional+=(prometheus)
if [ ${#optional[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
    echo "installing ${optional[*]} (optional)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${optional[@]}"; } >&2 ||
        echo "could not install ${optional[*]}: Tests/prometheus will skip" >&2
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "stallscope needs: ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "installing ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
