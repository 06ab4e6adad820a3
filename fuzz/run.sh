#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 300), by hand, not in CI:
#   fuzz/run.sh [SECONDS] [TARGET…]
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds come from
# the shipped corpora and test data; a crash is copied to fuzz/regressions/<target>/,
# which `cargo test` replays on stable (tests/fuzz_regressions.rs) — commit it with the fix.
# Prints one line per target: runs, seconds, crashes.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(line_reader tokenizers manifest stats report entities score_file)
fi
root=..
seed() { # target, files…
    local dir=corpus/$1; shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] || continue
        # Seeds of at most 4 KiB: libFuzzer's default -max_len.
        head -c 4000 "$f" > "$dir/$(basename "$f" | tr -c 'A-Za-z0-9._-' _)"
    done
}
seed line_reader $root/corpora/wmt21-hi-bn/ref.bn $root/corpora/seeds-en-bn/src.en
seed tokenizers $root/corpora/wmt21-hi-bn/ref.bn $root/corpora/seeds-en-bn/src.en
seed manifest $root/corpora/mteval.toml
seed entities $root/corpora/seeds-en-bn/src.en
seed score_file $root/tests/data/external/wmt24-en-hi-esa/esa/GPT-4.txt
if [ ! -s corpus/stats/seed.jsonl ]; then
    mkdir -p corpus/stats
    head -5 $root/corpora/wmt21-hi-bn/ref.bn > /tmp/mteval-fuzz-ref
    head -5 $root/corpora/wmt21-hi-bn/sys/GTCOM.bn > /tmp/mteval-fuzz-sys
    cargo run -q --release --manifest-path $root/Cargo.toml -- score -r /tmp/mteval-fuzz-ref \
        -i /tmp/mteval-fuzz-sys -m bleu,chrf,ter --emit-stats corpus/stats/seed.jsonl > /dev/null
fi
if [ ! -s corpus/report/seed.json ]; then
    mkdir -p corpus/report /tmp/mteval-fuzz-run
    head -5 $root/corpora/wmt21-hi-bn/sys/UEdin.bn > /tmp/mteval-fuzz-run/b.bn
    cp /tmp/mteval-fuzz-sys /tmp/mteval-fuzz-run/a.bn
    cp /tmp/mteval-fuzz-ref /tmp/mteval-fuzz-run/ref.bn
    printf '[run]\nmetrics = ["bleu", "chrf", "ter"]\n[[testset]]\nname = "t"\nreferences = ["ref.bn"]\nsystems = ["a.bn", "b.bn"]\n' \
        > /tmp/mteval-fuzz-run/m.toml
    cargo run -q --release --manifest-path $root/Cargo.toml -- run /tmp/mteval-fuzz-run/m.toml \
        --out /tmp/mteval-fuzz-run/out --quiet
    cp /tmp/mteval-fuzz-run/out/report.json corpus/report/seed.json
fi
for t in "${targets[@]}"; do
    log=$(mktemp)
    start=$(date +%s)
    status=0
    cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 \
        -timeout=20 > "$log" 2>&1 || status=$?
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
    crashes=$(ls "artifacts/$t" 2>/dev/null | wc -l)
    if [ "$crashes" -gt 0 ]; then
        mkdir -p "regressions/$t"
        cp "artifacts/$t"/* "regressions/$t/"
    fi
    echo "$t: status $status, $(( $(date +%s) - start )) s, ${runs:-no summary}, crash files $crashes"
    [ $status -eq 0 ] || grep -m3 -E "panicked|^thread|assert|ERROR: libFuzzer|out-of-memory|timeout" "$log" || true
    rm -f "$log"
done
