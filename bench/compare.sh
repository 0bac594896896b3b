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
# cpuseconds runs a command $runs times and prints the median CPU time
# (user + sys, its child processes included).
cpuseconds() {
  local ts=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    ts+=("$(awk '{print $1 + $2}' "$work/cpu")")
  done
  python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "${ts[@]}"
}
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / max(float(sys.argv[2]), 0.001):.1f}")' "$1" "$2"; }
# cold builds with a new, empty picture cache every time
cold() { local c; c=$(mktemp -d "$work/cache.XXXX"); "$lp" build -q --cache "$c" "$@"; }
typst() { (cd "$1" && NODE_PATH="$cache/node_modules" node --no-warnings "$cache/typst.mjs"); }
# pandocs writes, with pandoc, the Word files anchors listed in pandoc.jobs.
pandocs() { (cd "$1" && xargs -P "$(nproc)" -L 1 pandoc -f markdown -t docx < pandoc.jobs); }
weasy() { pandoc -f markdown -t html5 -s --metadata title=Program -o "$1/p.html" "$1"/*.md && weasyprint "$1/p.html" "$1/p.pdf"; }
cp bench/typst.mjs "$cache/typst.mjs"

compare() { # name, site folder, campaign or ""
  local name=$1 site=$2 camp=() in=$work/in-$1
  [ -n "$3" ] && camp=(--campaign "$3")
  "$work/anchors" -typst "$in/typst" -markdown "$in/md" "${camp[@]}" "$site"
  local chapters; chapters=$(ls "$in/md"/*.md | wc -l)
  local warm=$work/warm-$name
  "$lp" build -q --formats pdf --cache "$warm" -o "$work/out" "${camp[@]}" "$site"
  local pdf_cold pdf_warm ty we docx pd docx_cpu pd_cpu files
  pdf_cold=$(seconds cold --formats pdf -o "$work/out" "${camp[@]}" "$site")
  pdf_warm=$(seconds "$lp" build -q --formats pdf --cache "$warm" -o "$work/out" "${camp[@]}" "$site")
  ty=$(seconds typst "$in/typst")
  we=$(seconds weasy "$in/md")
  docx=$(seconds cold --formats docx -o "$work/out" "${camp[@]}" "$site")
  docx_cpu=$(cpuseconds cold --formats docx -o "$work/out" "${camp[@]}" "$site")
  pd=$(seconds pandocs "$in/md")
  pd_cpu=$(cpuseconds pandocs "$in/md")
  files=$(wc -l < "$in/md/pandoc.jobs")
  echo "$name ($chapters chapters, with their pictures; median of $runs runs, wall seconds)"
  echo "  screen PDFs, empty picture cache: leafpress $pdf_cold  Typst $ty  ($(ratio "$ty" "$pdf_cold")x)  pandoc+WeasyPrint $we  ($(ratio "$we" "$pdf_cold")x)"
  echo "  screen PDFs, rebuild:             leafpress $pdf_warm  Typst $ty  ($(ratio "$ty" "$pdf_warm")x)  pandoc+WeasyPrint $we  ($(ratio "$we" "$pdf_warm")x)"
  echo "  Word files ($files), empty picture cache: leafpress $docx  pandoc $pd  ($(ratio "$pd" "$docx")x);  CPU seconds: leafpress $docx_cpu  pandoc $pd_cpu  ($(ratio "$pd_cpu" "$docx_cpu")x)"
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

echo "leafpress $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
compare samples "$repo/samples/site" ""
[ "$n" -gt 0 ] || exit 0
"$work/anchors" -generate "$((n / 4))" -site "$work/site-large"
compare "generated" "$work/site-large" 2026-lipova
echo "every output of a generated programme (all formats, empty picture cache, one run):"
everything "$((n / 4))"
everything "$n"
