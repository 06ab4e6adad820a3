//! Criterion benchmarks of the entity check.
//!
//! - `wmt24_en_hi/{1x,4x}`: the real WMT24 English→Hindi test set (998 segments, GPT-4's
//!   output, with document ids), and the same files four times over (as four copies of
//!   each document), to show that the cost grows in proportion to the input.
//! - `wmt24_en_hi/one_200kb_line`: the first ~200 KB of that source joined into a single
//!   line, with the matching stretch of GPT-4's output: the work per name is bounded
//!   however long a line is.
//! - `repeated_names_line/{2500,10000}`: one sentence with three names repeated in a
//!   single line (105 and 420 KB): the cost per byte stays flat.
//! - `seed_10k`: the 42 Bengali lines of the independent labelled set repeated to 10,000
//!   segments (every name many times in one long document).
//!
//! The WMT24 files come from `$MTEVAL_BENCH_DATA24` (default
//! `/work/shared/data/wmt24-news-systems/txt`); those benchmarks are skipped when it is
//! missing. Run with `cargo bench --bench entities`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mteval::entities::{check, EntityOptions};

const SEGMENTS: usize = 10_000;

fn lines_of(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

fn independent(name: &str) -> Vec<String> {
    lines_of(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/entities/independent")
            .join(name),
    )
}

fn write(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, lines.join("\n") + "\n").expect("write bench input");
    p
}

fn opts(src: PathBuf, hyp: PathBuf, docids: Option<PathBuf>) -> EntityOptions {
    EntityOptions {
        source: src,
        source_lang: "en".into(),
        target_lang: "hi".into(),
        hyps: vec![hyp],
        hyp_names: vec![],
        refs: vec![],
        glossary: None,
        docids,
        strict_spelling: false,
    }
}

fn wmt24(c: &mut Criterion) {
    let root = std::env::var("MTEVAL_BENCH_DATA24")
        .unwrap_or_else(|_| "/work/shared/data/wmt24-news-systems/txt".to_string());
    let root = PathBuf::from(root);
    if !root.exists() {
        eprintln!(
            "{} not found: WMT24 entity benchmarks skipped",
            root.display()
        );
        return;
    }
    let src = lines_of(&root.join("sources/en-hi.txt"));
    let hyp = lines_of(&root.join("system-outputs/en-hi/GPT-4.txt"));
    let docs: Vec<String> = lines_of(&root.join("documents/en-hi.docs"))
        .into_iter()
        .map(|l| l.split('\t').nth(1).unwrap_or("").to_string())
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("wmt24_en_hi");
    g.sample_size(10);
    for copies in [1usize, 4] {
        let s: Vec<String> = (0..copies).flat_map(|_| src.clone()).collect();
        let h: Vec<String> = (0..copies).flat_map(|_| hyp.clone()).collect();
        let d: Vec<String> = (0..copies)
            .flat_map(|k| docs.iter().map(move |x| format!("{x}#{k}")))
            .collect();
        let o = opts(
            write(dir.path(), &format!("src{copies}.en"), &s),
            write(dir.path(), &format!("hyp{copies}.hi"), &h),
            Some(write(dir.path(), &format!("docs{copies}"), &d)),
        );
        g.throughput(Throughput::Elements(s.len() as u64));
        g.bench_function(format!("{copies}x"), |b| {
            b.iter(|| check(&o).expect("check"))
        });
    }
    // One line of ~200 KB: the source segments joined, and GPT-4's same segments.
    let mut s_long = String::new();
    let mut h_long = String::new();
    for (a, b) in src.iter().zip(&hyp).skip(1) {
        if s_long.len() + a.len() > 200_000 {
            break;
        }
        s_long.push_str(a);
        s_long.push(' ');
        h_long.push_str(b);
        h_long.push(' ');
    }
    let o = opts(
        write(dir.path(), "long.en", &[s_long.trim_end().to_string()]),
        write(dir.path(), "long.hi", &[h_long.trim_end().to_string()]),
        None,
    );
    g.throughput(Throughput::Bytes(s_long.len() as u64));
    g.bench_function("one_200kb_line", |b| b.iter(|| check(&o).expect("check")));
    g.finish();
}

fn seed(c: &mut Criterion) {
    let src0 = independent("bn.src.en");
    let hyp0 = independent("bn.orig.bn");
    let src: Vec<String> = src0.iter().cycle().take(SEGMENTS).cloned().collect();
    let hyp: Vec<String> = hyp0.iter().cycle().take(SEGMENTS).cloned().collect();
    let systems = vec![("sys".to_string(), hyp)];
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Elements(SEGMENTS as u64));
    g.bench_function("seed_10k", |b| {
        b.iter(|| mteval::entities::check_lines(&src, "bn", &systems))
    });
    g.finish();
}

/// One line of one sentence repeated (the reliability probe's case): 2,500 and 10,000
/// sentences, 105 KB and 420 KB of English. Every mention competes for the same words, so
/// the sentence alignment runs on the whole line: time per byte must not grow with it
/// (before the fix: 0.8 s and 7.6 s; `mteval entities` on 2.1 MB took over 120 s).
fn repeated_names_line(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("repeated_names_line");
    g.sample_size(10);
    for n in [2_500usize, 10_000] {
        let src = vec!["Barack Obama met Angela Merkel in Berlin."; n].join(" ");
        let hyp = vec![
            "বারাক ওবামা বার্লিনে অ্যাঙ্গেলা মার্কেলের সাথে দেখা করেছেন।";
            n
        ]
        .join(" ");
        let mut o = opts(
            write(dir.path(), &format!("r{n}.en"), std::slice::from_ref(&src)),
            write(dir.path(), &format!("r{n}.bn"), &[hyp]),
            None,
        );
        o.target_lang = "bn".into();
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(format!("{n}"), |b| b.iter(|| check(&o).expect("check")));
    }
    g.finish();
}

criterion_group!(benches, wmt24, seed, repeated_names_line);
criterion_main!(benches);
