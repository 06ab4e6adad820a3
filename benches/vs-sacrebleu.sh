#!/usr/bin/env bash
# Side-by-side benchmark: sacreBLEU 2.6.0's CLI vs `mteval score`, same files, same machine.
# Run by hand (not in CI):
#
#   cargo build --release && benches/vs-sacrebleu.sh
#
# Environment:
#   MTEVAL      binary to time (default: $CARGO_TARGET_DIR or target, release/mteval); it is
#               copied first, so rebuilding during the run does not disturb it
#   BENCH_DIR   scratch directory for corpora (default: /tmp/mteval-bench)
#   SIZES       segment counts (default: "3000 100000 1000000")
#   LANGS       "en bn" (default)
#   METRICS     "bleu chrf chrf++ ter" (default)
#   SACRE_MAX   largest size sacreBLEU is run on (default: 100000; 1M takes many minutes
#               per metric, so only mteval runs there and the table says so)
#   SACRE_TER_MAX  largest size sacreBLEU TER is run on (default: 3000). sacreBLEU's TER is
#               about 13 ms per segment on these ~37-word English segments, so 100k would
#               take over 20 minutes; above this size the sacreBLEU figure is extrapolated
#               linearly from the largest measured size and marked "est."
#   MT_RUNS     runs of each mteval command; the median is reported (default: 3)
#   BOOT        1 (default) also times a paired bootstrap: 10 systems x 3000 English
#               segments, BLEU and chrF, 1000 resamples (sacreBLEU --paired-bs too)
#   OUT         the Markdown report (default: benches/results/<date>-<hostname>.md)
#
# Corpora are real text cycled to size: English from the WMT21 zh-en reference and system
# outputs, Bengali from the WMT21 (FLORES) hi-bn reference and system outputs
# (/work/shared/data/wmt21-news-systems). Hypothesis line i is line (i mod n) of system
# (i div n) mod k, so the hypotheses do not simply repeat with the references' period.
# sacreBLEU paired bootstrap runs with -f text (its default JSON output cannot serialise numpy
# float32 results and crashes). Wall time and peak RSS come from /usr/bin/time -v. Each cell also checks that both tools
# print the same score (4 decimals).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${DATA:-/work/shared/data/wmt21-news-systems/txt}"
BENCH_DIR="${BENCH_DIR:-/tmp/mteval-bench}"
SIZES="${SIZES:-3000 100000 1000000}"
LANGS="${LANGS:-en bn}"
METRICS="${METRICS:-bleu chrf chrf++ ter}"
SACRE_MAX="${SACRE_MAX:-100000}"
SACRE_TER_MAX="${SACRE_TER_MAX:-3000}"
MT_RUNS="${MT_RUNS:-3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
MTEVAL_SRC="${MTEVAL:-$TARGET/release/mteval}"
OUT="${OUT:-$ROOT/benches/results/$(date +%F)-$(hostname).md}"

# Recorded before anything is written (the report itself may be a tracked file).
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)')"

mkdir -p "$BENCH_DIR" "$(dirname "$OUT")"
cp "$MTEVAL_SRC" "$BENCH_DIR/mteval"
MTEVAL="$BENCH_DIR/mteval"

gen() { # lang size -> writes $BENCH_DIR/$lang.$size.{ref,hyp}
    local lang=$1 size=$2 ref sys
    case $lang in
        en) ref="$DATA/references/newstest2021.zh-en.ref.A.en"; sys="$DATA/system-outputs/newstest2021.zh-en.hyp.*.en" ;;
        bn) ref="$DATA/references/florestest2021.hi-bn.ref.A.bn"; sys="$DATA/system-outputs/florestest2021.hi-bn.hyp.*.bn" ;;
    esac
    [[ -s $BENCH_DIR/$lang.$size.hyp ]] && return
    # shellcheck disable=SC2086
    python3 - "$ref" "$size" "$BENCH_DIR/$lang.$size" $sys <<'EOF'
import sys
ref_path, size, out, systems = sys.argv[1], int(sys.argv[2]), sys.argv[3], sorted(sys.argv[4:])
read = lambda p: open(p, encoding="utf-8", newline="\n").read().split("\n")[:-1]
ref = read(ref_path)
hyps = [read(p) for p in systems]
n = len(ref)
assert all(len(h) == n for h in hyps)
with open(out + ".ref", "w", encoding="utf-8", newline="\n") as r, \
     open(out + ".hyp", "w", encoding="utf-8", newline="\n") as h:
    for i in range(size):
        r.write(ref[i % n] + "\n")
        h.write(hyps[(i // n) % len(hyps)][i % n] + "\n")
EOF
}

# Runs a command under /usr/bin/time -v; prints "seconds kbytes score".
timed() {
    local log="$BENCH_DIR/time.log" out="$BENCH_DIR/out.txt" t0 t1
    # Wall time from bash's microsecond clock (time -v only has centiseconds); peak RSS
    # from time -v.
    t0=$EPOCHREALTIME
    /usr/bin/time -v "$@" >"$out" 2>"$log" || { cat "$log" >&2; return 1; }
    t1=$EPOCHREALTIME
    local wall rss
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; printf (d < 10 ? "%.3f" : "%.1f"), d }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "$wall $rss $(tr -d '\n' <"$out")"
}

# The median (by wall time) of MT_RUNS runs of `timed`: mteval's runs are short, so one
# run is at the mercy of scheduling noise.
timed_median() {
    local k
    for ((k = 0; k < MT_RUNS; k++)); do timed "$@" || return 1; done | sort -n | sed -n "$(((MT_RUNS + 1) / 2))p"
}

# Reads the files once so both tools find them in the page cache (1M-segment files do
# not stay cached between runs on this machine).
warm() { cat "$@" >/dev/null; }

sacre_args() { case $1 in bleu) echo "-m bleu" ;; chrf) echo "-m chrf" ;; chrf++) echo "-m chrf --chrf-word-order 2" ;; ter) echo "-m ter" ;; esac; }

human_mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k/1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f×", a/b; else print "—" }'; }

rows=()
declare -A measured
for lang in $LANGS; do
    for size in $SIZES; do
        gen "$lang" "$size"
        ref="$BENCH_DIR/$lang.$size.ref" hyp="$BENCH_DIR/$lang.$size.hyp"
        for m in $METRICS; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            # mteval: -w 4 text output is "<name>|<sig> = <score> ..."; keep the score.
            warm "$ref" "$hyp"
            read -r mt_s mt_kb mt_out < <(timed_median "$MTEVAL" score -r "$ref" -i "$hyp" -m "$m" -w 4)
            mt_score=$(sed -E 's/^[^=]*= ([0-9.]+).*/\1/' <<<"$mt_out")
            limit=$SACRE_MAX
            [[ $m == ter ]] && limit=$SACRE_TER_MAX
            if (( size <= limit )); then
                warm "$ref" "$hyp"
                # shellcheck disable=SC2046
                read -r sb_s sb_kb sb_score < <(timed sacrebleu "$ref" -i "$hyp" $(sacre_args "$m") -b -w 4)
                same=$([[ "$sb_score" == "$mt_score" ]] && echo "yes ($mt_score)" || echo "NO: $sb_score vs $mt_score")
                rows+=("| $lang | $size | $m | ${sb_s} s | $(human_mb "$sb_kb") | ${mt_s} s | $(human_mb "$mt_kb") | $(ratio "$sb_s" "$mt_s") | $(ratio "$sb_kb" "$mt_kb") | $same | $load |")
                measured["$lang.$m"]="$size $sb_s"
            elif [[ $size -le $SACRE_MAX && -n ${measured["$lang.$m"]:-} ]]; then
                read -r at_size at_s <<<"${measured["$lang.$m"]}"
                est=$(awk -v s="$at_s" -v a="$at_size" -v n="$size" 'BEGIN { printf "%.0f", s*n/a }')
                rows+=("| $lang | $size | $m | est. ${est} s (×$((size / at_size)) of ${at_size}) | not run | ${mt_s} s | $(human_mb "$mt_kb") | est. $(ratio "$est" "$mt_s") | — | mteval $mt_score | $load |")
            else
                rows+=("| $lang | $size | $m | not run | — | ${mt_s} s | $(human_mb "$mt_kb") | — | — | mteval $mt_score | $load |")
            fi
            echo "${rows[-1]}" >&2
        done
    done
done

boot_rows=()
if [[ ${BOOT:-1} == 1 ]]; then
    bdir="$BENCH_DIR/boot"
    mkdir -p "$bdir"
    if [[ ! -s $bdir/sys09.en ]]; then
        python3 - "$DATA" "$bdir" <<'EOF'
import glob, sys
data, out = sys.argv[1], sys.argv[2]
read = lambda p: open(p, encoding="utf-8", newline="\n").read().split("\n")[:-1]
ref = read(data + "/references/newstest2021.zh-en.ref.A.en")
hyps = [read(p) for p in sorted(glob.glob(data + "/system-outputs/newstest2021.zh-en.hyp.*.en"))]
n, N = len(ref), 3000
open(out + "/ref.en", "w", encoding="utf-8", newline="\n").write("".join(ref[i % n] + "\n" for i in range(N)))
for k in range(10):
    open(out + f"/sys{k:02d}.en", "w", encoding="utf-8", newline="\n").write(
        "".join(hyps[(k + i // n) % len(hyps)][i % n] + "\n" for i in range(N)))
EOF
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r mt_s mt_kb _ < <(timed_median "$MTEVAL" score -r "$bdir/ref.en" -i "$bdir"/sys*.en -m bleu,chrf --paired-bs --paired-bs-n 1000)
    read -r sb_s sb_kb _ < <(timed sacrebleu "$bdir/ref.en" -i "$bdir"/sys*.en -m bleu chrf --paired-bs --paired-bs-n 1000 -f text)
    boot_rows+=("| 10 × 3000 (en) | BLEU + chrF, paired bootstrap 1000 | ${sb_s} s | $(human_mb "$sb_kb") | ${mt_s} s | $(human_mb "$mt_kb") | $(ratio "$sb_s" "$mt_s") | $load |")
    echo "${boot_rows[-1]}" >&2
fi

{
    echo "# mteval vs sacreBLEU 2.6.0 — $(date +%F) on $(hostname)"
    echo
    echo "Command: \`cargo build --release && SIZES=\"$SIZES\" LANGS=\"$LANGS\" METRICS=\"$METRICS\" SACRE_MAX=$SACRE_MAX SACRE_TER_MAX=$SACRE_TER_MAX MT_RUNS=$MT_RUNS benches/$(basename "$0")\`"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)."
    echo "mteval: $("$MTEVAL" --version) at commit $COMMIT; default threads (one per core)."
    echo "sacreBLEU: $(sacrebleu --version 2>&1) on $(python3 --version)."
    echo
    echo "Wall time and peak RSS from \`/usr/bin/time -v\`: sacreBLEU one run, mteval the median of $MT_RUNS"
    echo "runs; both read files already in the page cache. \"load\" is the 1-minute load average just"
    echo "before the pair ran (the machine is shared). Ratios are sacreBLEU / mteval."
    echo "sacreBLEU is not run above $SACRE_MAX segments (many minutes per metric), nor TER above"
    echo "$SACRE_TER_MAX segments (its TER takes 20-30 ms per English segment here); \"est.\" figures scale its"
    echo "measured time linearly by segment count and are estimates, not measurements."
    echo
    echo "| lang | segments | metric | sacreBLEU time | sacreBLEU RSS | mteval time | mteval RSS | speed-up | memory ratio | same score | load |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|"
    printf '%s\n' "${rows[@]}"
    if (( ${#boot_rows[@]} )); then
        echo
        echo "Significance (whole command: reading, scoring and resampling every system):"
        echo
        echo "| systems × segments | test | sacreBLEU time | sacreBLEU RSS | mteval time | mteval RSS | speed-up | load |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|"
        printf '%s\n' "${boot_rows[@]}"
    fi
} >"$OUT"
echo "wrote $OUT" >&2
