#!/usr/bin/env bash
# Installs the system packages stallscope needs (ncursesw headers, tmux for the end-to-end
# test, wrk and curl to load and query the example service) when they are missing. As root it
# installs them with apt-get; otherwise it prints the exact command and fails, rather than
# half-building.
set -euo pipefail

missing=()
[ -e /usr/include/ncursesw/ncurses.h ] || [ -e /usr/include/ncurses.h ] || missing+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "stallscope needs: ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "installing ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
