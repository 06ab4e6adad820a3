//! Entry points of the `cargo fuzz` targets (`fuzz/fuzz_targets/`), kept in the library
//! so that `.ci/run` replays every input the fuzzer ever crashed on
//! (`fuzz/regressions/<target>/`, `tests/fuzz_regressions.rs`) on the stable toolchain.
//!
//! Each function takes arbitrary bytes and must return without panicking; where two
//! code paths compute the same thing (the streaming line reader and a plain oracle, a
//! tokenizer's string and token-by-token forms) it also asserts that they agree, so a
//! disagreement is a crash the fuzzer finds.

use std::path::{Path, PathBuf};

use crate::corpus::TextFile;
use crate::error::Result;
use crate::metrics::bleu::Bleu;
use crate::metrics::chrf::Chrf;
use crate::metrics::ter::Ter;
use crate::metrics::{Metric, TextMetric};
use crate::text::py_rstrip;
use crate::tokenize::TokenizerKind;

/// A fuzz target: its name and the function libFuzzer calls with each input.
pub type Target = (&'static str, fn(&[u8]));

/// The fuzz targets, by name, for the replay test and the run script.
pub const TARGETS: &[Target] = &[
    ("line_reader", line_reader),
    ("tokenizers", tokenizers),
    ("manifest", manifest),
    ("stats", stats),
    ("report", report),
    ("entities", entities),
    ("score_file", score_file),
];

fn quiet() {
    crate::encoding::QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The oracle of [`line_reader`]: sacreBLEU's line rules in the plainest form, on bytes
/// held whole. Splits on `\n` only, validates UTF-8 per line, and `rstrip()`s each line;
/// a final `\n` does not start another line, as with Python's file iteration.
pub fn split_lines(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines = Vec::new();
    for (i, raw) in body.split(|&b| b == b'\n').enumerate() {
        let line = std::str::from_utf8(raw)
            .map_err(|_| crate::encoding::invalid_utf8(path, i + 1, raw))?;
        lines.push(py_rstrip(line).to_string());
    }
    Ok(lines)
}

/// The streaming reader (any buffer size, any block size) and the oracle
/// [`split_lines`] give the same lines, or the same error.
pub fn line_reader(data: &[u8]) {
    quiet();
    let Some((&knob, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new("fuzz.txt");
    let whole = crate::encoding::sniff(path, bytes).and_then(|()| split_lines(path, bytes));
    let capacity = 1 + usize::from(knob & 0x0f);
    let block = 1 + usize::from(knob >> 4);
    let streamed = (|| {
        let mut r = crate::stream::LineReader::from_reader(
            path,
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            false,
            capacity,
        )?;
        let mut all = Vec::new();
        let mut lines = crate::stream::Lines::default();
        while r.read_block(block, &mut lines)? > 0 {
            all.extend((0..lines.len()).map(|i| lines.get(i).to_string()));
        }
        Ok::<_, crate::Error>(all)
    })();
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "line readers disagree"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "errors disagree"),
        _ => panic!("one reader failed: whole {whole:?}, streamed {streamed:?}"),
    }
    if let Ok(lines) = &whole {
        let counted = crate::stream::LineReader::from_reader(
            path,
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            false,
            capacity,
        )
        .and_then(|mut r| r.count_all())
        .expect("a readable stream can be counted");
        assert_eq!(counted, lines.len(), "count_all disagrees");
    }
}

/// Every tokenizer, in both forms, and every metric on a (hypothesis, reference) pair cut
/// from the input: tokens agree, scores are finite and in range.
pub fn tokenizers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for kind in [
        TokenizerKind::None,
        TokenizerKind::T13a,
        TokenizerKind::Intl,
        TokenizerKind::Char,
        TokenizerKind::Zh,
    ] {
        let joined = kind.tokenize(&text);
        let mut tokens = Vec::new();
        kind.for_each_token(&text, |t| tokens.push(t.to_string()));
        // Python's `split()`, as sacreBLEU splits the tokenized line.
        let split: Vec<&str> = crate::text::py_split(&joined).collect();
        assert_eq!(
            split, tokens,
            "{kind:?}: tokenize and for_each_token disagree"
        );
    }
    for normalized in [false, true] {
        for no_punct in [false, true] {
            for asian_support in [false, true] {
                let t = crate::tokenize::TercomTokenizer {
                    normalized,
                    no_punct,
                    asian_support,
                    case_sensitive: false,
                };
                let _ = t.tokenize_line(&text);
            }
        }
    }
    let (hyp, reference) = text.split_once('\t').unwrap_or((&text, "a reference"));
    let refs = [reference];
    let in_range = |what: &str, x: f64, hi: f64| {
        assert!(x.is_finite() && (0.0..=hi).contains(&x), "{what}: {x}");
    };
    let bleu = Bleu::default();
    let s = bleu.segment_stats(hyp, &bleu.prepare_refs(&refs));
    in_range("BLEU", bleu.score(&s).score, 100.000_000_001);
    for word_order in [0, 2] {
        let chrf = Chrf {
            word_order,
            ..Chrf::default()
        };
        let s = chrf.segment_stats(hyp, &chrf.prepare_refs(&refs));
        in_range("chrF", chrf.score(&s).score, 100.000_000_001);
    }
    let ter = Ter::default();
    let s = ter.segment_stats(hyp, &ter.prepare_refs(&refs));
    let score = ter.score(&s).score;
    assert!(score.is_finite() && score >= 0.0, "TER: {score}");
}

/// The manifest parser and its checks: an error or a manifest, never a panic.
pub fn manifest(data: &[u8]) {
    quiet();
    let path = Path::new("fuzz.toml");
    let Ok(text) = crate::encoding::utf8_text(path, data.to_vec()) else {
        return;
    };
    if let Ok(m) = crate::manifest::Manifest::parse(path, &text) {
        let _ = m.validate(path);
        for key in ["systems", "baseline", "references", "name"] {
            let _ = m.testset_line(0, key);
            let _ = m.line_of("gates", key);
        }
    }
}

/// The score-file reader (COMET text and JSON, MetricX JSON lines, plain): an error or
/// finite scores, never a panic; and, for the scores read, an external metric that scores
/// and resamples them.
pub fn score_file(data: &[u8]) {
    quiet();
    let path = Path::new("fuzz.scores");
    let Ok(text) = crate::encoding::utf8_text(path, data.to_vec()) else {
        return;
    };
    let Ok(file) = crate::score_file::parse(path, &text) else {
        return;
    };
    for (_, scores) in &file.systems {
        assert!(
            scores.iter().all(|x| x.is_finite()),
            "non-finite score read"
        );
        let m = crate::metrics::external::External {
            name: "fuzz".into(),
            lower_is_better: false,
            model: "m".into(),
            scores: std::sync::Arc::new(Vec::new()),
        };
        let stats: Vec<_> = scores
            .iter()
            .map(|&x| crate::metrics::external::External::segment(x))
            .collect();
        let _ = m.score(&crate::metrics::sum_stats(&stats));
        if stats.len() >= 2 && stats.len() <= 64 {
            let _ = crate::significance::bootstrap_ci(&m, &stats, 20, Some(1));
        }
    }
}

/// The statistics reader and merge, on one file and on the file given twice.
pub fn stats(data: &[u8]) {
    quiet();
    let path = PathBuf::from("fuzz.jsonl");
    let Ok(text) = crate::encoding::utf8_text(&path, data.to_vec()) else {
        return;
    };
    let one = crate::stats_file::merge_texts(&[(path.clone(), text.clone())]);
    if let Ok(r) = one {
        for row in &r.results {
            assert!(row.score.is_finite(), "merged score {}", row.score);
        }
    }
    let _ = crate::stats_file::merge_texts(&[(path.clone(), text.clone()), (path, text)]);
}

/// The run-report reader, then `compare` of the report with itself under every metric.
pub fn report(data: &[u8]) {
    quiet();
    let path = Path::new("fuzz.json");
    let Ok(text) = crate::encoding::utf8_text(path, data.to_vec()) else {
        return;
    };
    let Ok(r) = crate::report::read::parse_report(path, &text) else {
        return;
    };
    let max_drop: std::collections::BTreeMap<String, f64> = ["bleu", "chrf", "chrf++", "ter"]
        .iter()
        .map(|k| (k.to_string(), -1.0))
        .collect();
    let _ = crate::gate::compare(
        &r,
        &r,
        &crate::config::DropPolicy {
            max_drop,
            fail_on_insignificant: false,
            alpha: 0.05,
        },
    );
}

/// The entity checker on lines cut from the input: the first byte picks the target
/// language, the first half of the lines is the source (English), the second half the
/// translation.
pub fn entities(data: &[u8]) {
    quiet();
    let Some((&knob, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    let half = lines.len() / 2;
    if half == 0 {
        return;
    }
    let targets = crate::entities::script::TARGETS;
    let (target, _) = targets[usize::from(knob) % targets.len()];
    let source = TextFile::from_lines("src.en", &lines[..half]);
    let hyp = TextFile::from_lines("hyp", &lines[half..2 * half]);
    let opts = crate::entities::EntityOptions {
        source: PathBuf::from("src.en"),
        source_lang: "en".into(),
        target_lang: target.into(),
        hyps: vec![PathBuf::from("hyp")],
        hyp_names: vec!["hyp".into()],
        ..Default::default()
    };
    let with_ref = knob & 0x80 != 0;
    let refs = if with_ref {
        vec![hyp.clone()]
    } else {
        Vec::new()
    };
    let report = crate::entities::check_loaded(&opts, &source, &[hyp], &refs, &|_| {})
        .expect("in-memory inputs are valid");
    for s in &report.systems {
        if let Some(r) = s.summary.recall {
            assert!((0.0..=1.0).contains(&r), "recall {r}");
        }
    }
}
