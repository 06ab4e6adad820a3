//! Criterion benchmark of the entity check on 10k segments.
//!
//! The segments are the 42 Bengali lines of the independent labelled set (real news
//! sentences from the seed articles, with their English sources) repeated to 10,000
//! lines, so every name occurs many times in one long document. Run with
//! `cargo bench --bench entities`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEGMENTS: usize = 10_000;

fn lines(name: &str) -> Vec<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/entities/independent")
        .join(name);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

fn bench(c: &mut Criterion) {
    let src0 = lines("bn.src.en");
    let hyp0 = lines("bn.orig.bn");
    let src: Vec<String> = src0.iter().cycle().take(SEGMENTS).cloned().collect();
    let hyp: Vec<String> = hyp0.iter().cycle().take(SEGMENTS).cloned().collect();
    let systems = vec![("sys".to_string(), hyp)];
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Elements(SEGMENTS as u64));
    g.bench_function("check_lines_en_bn_10k", |b| {
        b.iter(|| mteval::entities::check_lines(&src, "bn", &systems))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
