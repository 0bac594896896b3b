#!/usr/bin/env bash
# What the volunteers' outputs (thumbnails, share pictures, download pages)
# add to a first build of the samples: leafpress is run with every format
# ("all") and with --formats tree,pdf,print,docx ("base"), by turns, each run
# with an empty cache folder and an empty output folder; the means of CPU
# (user + system) and wall seconds are printed, and what "all" adds.
#
# usage: bench/volunteers.sh [-r ROUNDS] [-d DIR] [BINARY...]    (from the repository)
#   -r  rounds, each one base and one all run of every binary (default 8)
#   -d  make the cache and output folders in DIR (default: a temporary
#       folder), e.g. /dev/shm to leave the disk's file system out
#   BINARY  leafpress binaries to compare, run by turns in each round
#           (default: one built from this repository)
#
# The folders are removed after the last round, not between runs: on a file
# system without a journal, ext4 passes over the inodes freed in the last
# minutes (up to six) when it makes a file, so removing a build's files
# right before the next run makes that run's files several times dearer to
# create. For the same reason, runs soon after removing many files measure
# file creation dearer than it is.
# Needs Go (without BINARY) and /usr/bin/time (Debian: time).
set -euo pipefail
rounds=8; dir=
while getopts r:d: o; do case $o in r) rounds=$OPTARG;; d) dir=$OPTARG;; *) exit 2;; esac; done
shift $((OPTIND - 1))
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (Debian: time)" >&2; exit 2; }
work=$(mktemp -d ${dir:+-p "$dir"}); trap 'rm -rf "$work"' EXIT
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  repo=$(cd "$(dirname "$0")/.." && pwd)
  (cd "$repo" && go build -o "$work/leafpress" ./cmd/leafpress)
  bins=("$work/leafpress")
fi
echo "rounds $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
n=0
for ((i = 0; i < rounds; i++)); do
  for b in "${!bins[@]}"; do
    for kind in base all; do
      formats=()
      [ $kind = base ] && formats=(--formats tree,pdf,print,docx)
      n=$((n + 1))
      mkdir "$work/c$n" "$work/o$n"
      /usr/bin/time -o "$work/t" -f "%U %S %e" "${bins[$b]}" build -q "${formats[@]}" --cache "$work/c$n" -o "$work/o$n"
      echo "$b $kind $(cat "$work/t")" >> "$work/times"
    done
  done
done
awk -v names="${bins[*]}" '
  { cpu[$1" "$2] += $3 + $4; wall[$1" "$2] += $5; runs[$1" "$2]++ }
  END {
    split(names, name, " ")
    for (b = 0; (b" all") in runs; b++) {
      ab = b" base"; aa = b" all"
      cb = cpu[ab] / runs[ab]; ca = cpu[aa] / runs[aa]; wb = wall[ab] / runs[ab]; wa = wall[aa] / runs[aa]
      printf "%s\n  base %.3f s CPU, %.3f s wall; all %.3f s CPU, %.3f s wall\n", name[b + 1], cb, wb, ca, wa
      printf "  the volunteers'"'"' outputs add %.3f s CPU (%+.0f %%), %.3f s wall (%+.0f %%)\n", ca - cb, 100 * (ca / cb - 1), wa - wb, 100 * (wa / wb - 1)
    }
  }' "$work/times"
