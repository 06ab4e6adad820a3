//! Criterion benches of the metric hot paths (architecture §14): tokenizers, segment
//! statistics per metric, corpus scores and the paired bootstrap.
//!
//! Data is real text (WMT21 zh-en reference and system outputs, FLORES hi-bn for Bengali)
//! from `$MTEVAL_BENCH_DATA` (default `/work/shared/data/wmt21-news-systems/txt`), loaded
//! once outside the timed loops. Throughput is in bytes of input text.
//!
//! `cargo bench --bench metrics` (add `-- tokenize` etc. to filter).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use mteval::corpus::{Corpus, TextFile};
use mteval::metrics::bleu::Bleu;
use mteval::metrics::chrf::Chrf;
use mteval::metrics::ter::Ter;
use mteval::metrics::TextMetric;
use mteval::registry::AnyMetric;
use mteval::significance::{PairedConfig, PairedTest};
use mteval::tokenize::TokenizerKind;

fn data_dir() -> PathBuf {
    std::env::var_os("MTEVAL_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data/wmt21-news-systems/txt"))
}

fn lines(rel: &str) -> Vec<String> {
    TextFile::read(&data_dir().join(rel))
        .unwrap_or_else(|e| panic!("bench data: {e}"))
        .lines
}

struct Data {
    en_ref: Vec<String>,
    en_hyps: Vec<Vec<String>>,
    bn_ref: Vec<String>,
    zh_ref: Vec<String>,
}

fn load() -> Data {
    let sys = |pair: &str, names: &[&str], lang: &str| -> Vec<Vec<String>> {
        names
            .iter()
            .map(|n| {
                lines(&format!(
                    "system-outputs/newstest2021.{pair}.hyp.{n}.{lang}"
                ))
            })
            .collect()
    };
    Data {
        en_ref: lines("references/newstest2021.zh-en.ref.A.en"),
        en_hyps: sys(
            "zh-en",
            &[
                "yyds",
                "IIE-MT",
                "NJUSC_TSC",
                "Online-A",
                "Machine_Translation",
                "P3AI",
                "ZengHuiMT",
                "Online-Y",
                "NiuTrans",
            ],
            "en",
        ),
        bn_ref: lines("references/florestest2021.hi-bn.ref.A.bn"),
        zh_ref: lines("references/newstest2021.en-zh.ref.A.zh"),
    }
}

fn bytes(v: &[String]) -> u64 {
    v.iter().map(|l| l.len() as u64 + 1).sum()
}

fn tokenizers(c: &mut Criterion, d: &Data) {
    let mut g = c.benchmark_group("tokenize");
    for (kind, name, text) in [
        (TokenizerKind::T13a, "13a/en", &d.en_ref),
        (TokenizerKind::Intl, "intl/en", &d.en_ref),
        (TokenizerKind::Intl, "intl/bn", &d.bn_ref),
        (TokenizerKind::Zh, "zh/zh", &d.zh_ref),
        (TokenizerKind::Char, "char/zh", &d.zh_ref),
    ] {
        g.throughput(Throughput::Bytes(bytes(text)));
        g.bench_function(name, |b| {
            b.iter(|| {
                for l in text {
                    black_box(kind.tokenize(black_box(l)));
                }
            })
        });
    }
    // BLEU's path: tokens handed over one by one, no output string.
    for (name, text) in [("13a-tokens/en", &d.en_ref), ("13a-tokens/bn", &d.bn_ref)] {
        g.throughput(Throughput::Bytes(bytes(text)));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0usize;
                for l in text {
                    TokenizerKind::T13a.for_each_token(black_box(l), |t| n += t.len());
                }
                black_box(n)
            })
        });
    }
    let tercom = Ter::default().tokenizer();
    g.throughput(Throughput::Bytes(bytes(&d.en_ref)));
    g.bench_function("tercom/en", |b| {
        b.iter(|| {
            for l in &d.en_ref {
                black_box(tercom.tokenize_line(black_box(l)));
            }
        })
    });
    g.finish();
}

/// Reference preparation plus statistics of one system, segment by segment, with the
/// reference buffers reused as the scoring loop does.
fn segment_stats_of<M: TextMetric>(m: &M, hyps: &[String], refs: &[String]) -> M::Stats {
    let mut total = M::Stats::default();
    let mut info = M::RefInfo::default();
    for (h, r) in hyps.iter().zip(refs) {
        m.prepare_refs_into(&[r.as_str()], &mut info);
        total += &m.segment_stats(h, &info);
    }
    total
}

fn metrics() -> Vec<(&'static str, AnyMetric)> {
    vec![
        ("bleu", AnyMetric::Bleu(Bleu::default())),
        ("chrf", AnyMetric::Chrf(Chrf::default())),
        (
            "chrf++",
            AnyMetric::Chrf(Chrf {
                word_order: 2,
                ..Chrf::default()
            }),
        ),
        ("ter", AnyMetric::Ter(Ter::default())),
    ]
}

fn segment_stats(c: &mut Criterion, d: &Data) {
    let mut g = c.benchmark_group("segment_stats");
    g.sample_size(10);
    let hyps = &d.en_hyps[0];
    g.throughput(Throughput::Bytes(bytes(hyps) + bytes(&d.en_ref)));
    for (name, m) in metrics() {
        g.bench_function(BenchmarkId::new(name, "en"), |b| match &m {
            AnyMetric::Bleu(m) => b.iter(|| black_box(segment_stats_of(m, hyps, &d.en_ref))),
            AnyMetric::Chrf(m) => b.iter(|| black_box(segment_stats_of(m, hyps, &d.en_ref))),
            AnyMetric::Ter(m) => b.iter(|| black_box(segment_stats_of(m, hyps, &d.en_ref))),
            AnyMetric::External(_) => unreachable!("metrics() lists text metrics only"),
        });
    }
    g.finish();
}

fn corpus(d: &Data, systems: usize) -> Corpus {
    Corpus::new(
        vec![TextFile::from_lines("ref.en", &d.en_ref)],
        d.en_hyps[..systems]
            .iter()
            .enumerate()
            .map(|(i, h)| TextFile::from_lines(&format!("sys{i}.en"), h))
            .collect(),
    )
    .expect("aligned bench corpus")
}

fn corpus_score(c: &mut Criterion, d: &Data) {
    let mut g = c.benchmark_group("corpus_score");
    g.sample_size(10);
    let corpus = corpus(d, 1);
    g.throughput(Throughput::Bytes(bytes(&d.en_hyps[0]) + bytes(&d.en_ref)));
    for (name, m) in metrics() {
        g.bench_function(BenchmarkId::new(name, "en-1948"), |b| {
            b.iter(|| black_box(mteval::pipeline::evaluate(&m, &corpus).expect("aligned")))
        });
    }
    g.finish();
}

fn bootstrap(c: &mut Criterion, d: &Data) {
    let mut g = c.benchmark_group("paired_bootstrap");
    g.sample_size(10);
    // 9 systems (all the zh-en outputs we have) × 1948 segments, 1000 resamples.
    let corpus = corpus(d, d.en_hyps.len());
    let cfg = PairedConfig {
        n_samples: 1000,
        seed: Some(12345),
        sacrebleu_p: true,
    };
    let n: u64 = d.en_hyps.iter().map(|h| bytes(h)).sum::<u64>() + bytes(&d.en_ref);
    g.throughput(Throughput::Bytes(n));
    for (name, m) in metrics().into_iter().filter(|(n, _)| *n != "ter") {
        let ev = mteval::pipeline::evaluate(&m, &corpus).expect("aligned");
        let others: Vec<usize> = (1..ev.systems()).collect();
        g.bench_function(BenchmarkId::new(name, "9x1948x1000"), |b| {
            b.iter(|| black_box(ev.paired(PairedTest::Bs, 0, &others, &cfg)))
        });
    }
    g.finish();
}

fn all(c: &mut Criterion) {
    let d = load();
    tokenizers(c, &d);
    segment_stats(c, &d);
    corpus_score(c, &d);
    bootstrap(c, &d);
}

criterion_group!(benches, all);
criterion_main!(benches);
