#!/usr/bin/env bash
# Times leafpress against the tools a campaign would otherwise use, on the
# sample programmes and on a generated large programme, in one run, and
# prints the ratios:
#   screen PDFs  leafpress (empty picture cache, and a rebuild with the cache
#                filled) against Typst (npm @myriaddreamin/typst-ts-node-compiler)
#                and pandoc + WeasyPrint, on the same chapters and pictures
#   Word files   leafpress against pandoc, both writing the same files: a
#                programme's chapters in one file with a table of contents,
#                and each chapter in a file of its own (leafpress's
#                program.docx and chapters/*.docx; pandoc runs on every core
#                at once, as leafpress does); wall and CPU seconds
#   everything   every output of leafpress, wall time and peak memory
#                (/usr/bin/time), for N/4 and N chapters
#
# usage: bench/compare.sh [-n CHAPTERS] [-r RUNS]    (from the repository)
#   -n  chapters of the generated programme (default 1000; 0: the samples only)
#   -r  runs per measure, the median is printed (default 3)
#
# Needs Go, and Debian packages pandoc weasyprint nodejs npm fonts-roboto
# (the Typst compiler is installed from npm into the cache folder).
set -euo pipefail
n=1000; runs=3
while getopts n:r: o; do case $o in n) n=$OPTARG;; r) runs=$OPTARG;; *) exit 2;; esac; done
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/leafpress-bench
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for t in pandoc weasyprint node npm /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "bench: $t not found (Debian: pandoc weasyprint nodejs npm time)" >&2; exit 2; }
done
font=$(fc-list | grep -m1 '/Roboto-Regular\.ttf' | cut -d: -f1 || true)
[ -n "$font" ] || { echo "bench: no Roboto font (Debian: fonts-roboto-unhinted)" >&2; exit 2; }
export FONT_DIR=$(dirname "$font")
mkdir -p "$cache"
if [ ! -d "$cache/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  (cd "$cache" && npm init -y >/dev/null && npm install --silent @myriaddreamin/typst-ts-node-compiler@0.7.0 >/dev/null)
fi

cd "$repo"
go build -o "$work/leafpress" ./cmd/leafpress
go build -o "$work/anchors" ./bench/anchors
lp=$work/leafpress

# seconds runs a command $runs times and prints the median wall time.
seconds() {
  local ts=()
  for _ in $(seq "$runs"); do
    local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }; e=$(date +%s.%N)
    ts+=("$(echo "$e - $s" | bc)")
  done
  python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "${ts[@]}"
}
# interleaved LABEL=COMMAND...: runs each command once in turn, $runs rounds,
# so that a machine shared with others loads every contender alike, and
# sets wall_LABEL and cpu_LABEL to the medians of the wall time and of the
# CPU time (user+sys, children included) in seconds. Commands may be
# shell functions (exported with export -f).
interleaved() {
  local spec label
  for spec in "$@"; do rm -f "$work/m-${spec%%=*}"; done
  for _ in $(seq "$runs"); do
    for spec in "$@"; do
      label=${spec%%=*}
      /usr/bin/time -f "%e %U %S" -o "$work/t" bash -c "${spec#*=}" >/dev/null 2>&1 || { echo "bench: failed: ${spec#*=}" >&2; exit 1; }
      read -r e u s < "$work/t"
      echo "$e $(echo "$u + $s" | bc)" >> "$work/m-$label"
    done
  done
  for spec in "$@"; do
    label=${spec%%=*}
    read -r w c < <(python3 -c 'import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
print(f"{statistics.median(float(r[0]) for r in rows):.2f} {statistics.median(float(r[1]) for r in rows):.2f}")' "$work/m-$label")
    printf -v "wall_$label" %s "$w"; printf -v "cpu_$label" %s "$c"
  done
}
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / max(float(sys.argv[2]), 0.001):.2f}")' "$1" "$2"; }
# cold builds with a new, empty picture cache every time
cold() { local c; c=$(mktemp -d "$work/cache.XXXX"); "$lp" build -q --cache "$c" "$@"; }
typst() { (cd "$1" && NODE_PATH="$cache/node_modules" node --no-warnings "$cache/typst.mjs"); }
# pandocs writes, with pandoc, the Word files anchors listed in pandoc.jobs.
pandocs() { (cd "$1" && xargs -P "$(nproc)" -L 1 pandoc -f markdown -t docx < pandoc.jobs); }
weasy() { pandoc -f markdown -t html5 -s --metadata title=Program -o "$1/p.html" "$1"/*.md && weasyprint "$1/p.html" "$1/p.pdf"; }
cp bench/typst.mjs "$cache/typst.mjs"
export -f cold typst weasy pandocs
export cache

compare() { # name, site folder, campaign or ""
  local name=$1 site=$2 camp=() in=$work/in-$1
  [ -n "$3" ] && camp=(--campaign "$3")
  "$work/anchors" -typst "$in/typst" -markdown "$in/md" "${camp[@]}" "$site"
  local chapters; chapters=$(ls "$in/md"/*.md | wc -l)
  local warm=$work/warm-$name
  "$lp" build -q --formats pdf --cache "$warm" -o "$work/out" "${camp[@]}" "$site"
  local files
  # Screen PDFs: leafpress with an empty picture cache, leafpress again
  # with the cache filled, Typst and WeasyPrint, one run of each in turn.
  export lp work site_arg="$site" camp_arg="${camp[*]}" warm in
  interleaved \
    "cold=cold --formats pdf -o \"\$work/out\" \$camp_arg \"\$site_arg\"" \
    "warm=\"\$lp\" build -q --formats pdf --cache \"\$warm\" -o \"\$work/out\" \$camp_arg \"\$site_arg\"" \
    "typst=typst \"\$in/typst\"" \
    "weasy=weasy \"\$in/md\""
  echo "$name ($chapters chapters, with their pictures; median of $runs runs, wall seconds, CPU user+sys in brackets)"
  echo "  screen PDFs, empty picture cache: leafpress $wall_cold [$cpu_cold]  Typst $wall_typst [$cpu_typst]  ($(ratio "$wall_typst" "$wall_cold")x)  pandoc+WeasyPrint $wall_weasy [$cpu_weasy]  ($(ratio "$wall_weasy" "$wall_cold")x)"
  echo "  screen PDFs, rebuild:             leafpress $wall_warm [$cpu_warm]  Typst $wall_typst [$cpu_typst]  ($(ratio "$wall_typst" "$wall_warm")x)  pandoc+WeasyPrint $wall_weasy [$cpu_weasy]  ($(ratio "$wall_weasy" "$wall_warm")x)"
  # Word files: leafpress and pandoc writing the same files, in turn.
  interleaved \
    "docx=cold --formats docx -o \"\$work/out\" \$camp_arg \"\$site_arg\"" \
    "pandoc=pandocs \"\$in/md\""
  files=$(wc -l < "$in/md/pandoc.jobs")
  echo "  Word files ($files), empty picture cache: leafpress $wall_docx [$cpu_docx]  pandoc $wall_pandoc [$cpu_pandoc]  ($(ratio "$wall_pandoc" "$wall_docx")x, CPU $(ratio "$cpu_pandoc" "$cpu_docx")x)"
}

# everything N chapters: every output, empty picture cache, wall time and peak memory
everything() {
  local site=$work/site-$1
  "$work/anchors" -generate "$1" -site "$site"
  local c; c=$(mktemp -d "$work/cache.XXXX")
  /usr/bin/time -f "%e %M" -o "$work/time" "$lp" build -q --cache "$c" --campaign 2026-lipova -o "$work/all-$1" "$site" >/dev/null 2>&1 || true
  read -r s kb < "$work/time"
  echo "  $1 chapters: every output in $s s, peak RSS $((kb / 1024)) MB, $(find "$work/all-$1" -type f | wc -l) files"
}

echo "leafpress $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average$(uptime | sed 's/.*load average//')"
compare samples "$repo/samples/site" ""
echo "load average at the end$(uptime | sed 's/.*load average//')"
[ "$n" -gt 0 ] || exit 0
"$work/anchors" -generate "$((n / 4))" -site "$work/site-large"
compare "generated" "$work/site-large" 2026-lipova
echo "every output of a generated programme (all formats, empty picture cache, one run):"
everything "$((n / 4))"
everything "$n"
