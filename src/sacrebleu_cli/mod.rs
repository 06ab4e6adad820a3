//! `mteval sacrebleu ARGS…`: a drop-in for sacreBLEU 2.6.0's command line
//! (`sacrebleu/sacrebleu.py::main`) when scoring local files.
//!
//! This module owns the command: it reads sacreBLEU's arguments ([`args`], argparse's
//! rules), reads references and hypotheses the way `main` does (tab-separated systems on
//! stdin, `-nr` tab-separated references, `rstrip()`ed lines), makes sacreBLEU's checks
//! in sacreBLEU's order with its exit codes (1 for usage errors and line-count
//! mismatches, 17 for a wrong number of tab-separated fields, 2 for argparse), then
//! scores through mteval's one evaluation path ([`crate::score::compute_score_report_from`]
//! over a [`crate::config::ScoreConfig`]) and prints the computed report in sacreBLEU's
//! formats ([`render`], [`tabulate`]). Standard output is byte-identical to sacreBLEU's
//! (tested against the real program in `tests/sacrebleu_cli.rs`); messages on stderr are
//! mteval's own.
//!
//! Signatures are printed verbatim as sacreBLEU prints them, `version:2.6.0` included,
//! because scripts parse them; the scores are identical to sacreBLEU 2.6.0's by test.
//! `mteval score` keeps `version:mteval-…` in its own signatures.
//!
//! Not supported: options that need sacreBLEU's downloaded test sets (`-t`, `--echo`,
//! `--list`, `--download`, `--citation`, `-ol`, `--subset`) are refused with one line on
//! stderr and exit 1; encodings other than UTF-8 (`-e`); downloading SentencePiece
//! models (they are read from `$SACREBLEU/models/`, as sacreBLEU caches them). Colours
//! are never printed (sacreBLEU prints them only to terminals). `--help` prints mteval's
//! own summary.

pub mod args;
pub mod render;
pub mod tabulate;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;

use crate::config::{MetricSettings, ScoreConfig};
use crate::significance::{PairedTest, Resampling};
use args::{Parsed, SacreArgs};
use render::{Format, Options};

/// A failed run: the exit code and a message for stderr.
struct Fail {
    code: i32,
    message: String,
}

fn fail<T>(code: i32, message: impl Into<String>) -> Result<T, Fail> {
    Err(Fail {
        code,
        message: message.into(),
    })
}

/// The usage line argparse prints before an error.
const USAGE: &str = "usage: sacrebleu [-h] [--citation] [--list] [--test-set TEST_SET] [--language-pair LANGPAIR] [--input [INPUT ...]] [--num-refs NUM_REFS] [--metrics {bleu,chrf,ter} [{bleu,chrf,ter} ...]] [--sentence-level] [--tokenize TOK] [--lowercase] [--confidence] [--paired-bs | --paired-ar] [--score-only] [--width WIDTH] [--format {json,text,latex}] [--quiet] [refs ...]";

/// `--help`: mteval's own summary (sacreBLEU's help text is not reproduced).
const HELP: &str = "usage: mteval sacrebleu [REF ...] [-i SYS ...] [options]

mteval's drop-in for sacreBLEU 2.6.0's command line: the same options, output and exit
codes when scoring local files (references as positional arguments, hypotheses with -i or
tab-separated on stdin). See sacreBLEU's documentation for the options:
  -m/--metrics {bleu,chrf,ter}  -tok/--tokenize  -lc  -sl  -ci/-cin  --paired-bs/-pbsn
  --paired-ar/-parn  -b  -w  -f {json,text,latex}  -nr  -q  -l  -sh  -d
  --smooth-method  --smooth-value  --chrf-char-order  --chrf-word-order  --chrf-beta
  --chrf-whitespace  --chrf-lowercase  --chrf-eps-smoothing  --ter-case-sensitive
  --ter-asian-support  --ter-no-punct  --ter-normalized  --force  -e utf-8
Test-set downloads (-t, --echo, --list, --download, --citation) are not supported: pass
local files instead.
";

/// Runs sacreBLEU's command line: `argv` without the program name. Writes what sacreBLEU
/// would print to `stdout` (byte-identical) and messages to `stderr`; returns the exit
/// code. Reads hypotheses from `stdin` when `-i` is not given.
pub fn main(
    argv: &[OsString],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let argv: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = match args::parse(&argv) {
        Err(e) => Err(Fail {
            code: 2,
            message: format!("{USAGE}\nsacrebleu: error: {e}"),
        }),
        Ok(Parsed::Version) => Ok(format!("sacrebleu {}\n", render::SACREBLEU_VERSION)),
        Ok(Parsed::Help) => Ok(HELP.to_string()),
        Ok(Parsed::Args(a)) => run(&a, stdin),
    };
    match result {
        Ok(text) => match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => 0,
            // sacreBLEU restores SIGPIPE's default action: a closed pipe ends it quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 141,
            Err(e) => {
                let _ = writeln!(stderr, "mteval sacrebleu: <stdout>: {e}");
                1
            }
        },
        Err(f) => {
            let message = if f.code == 2 {
                f.message
            } else {
                format!("mteval sacrebleu: {}", f.message)
            };
            let _ = writeln!(stderr, "{message}");
            f.code
        }
    }
}

/// Python's codec names for UTF-8 (`encodings.normalize_encoding` plus aliases).
fn is_utf8(encoding: &str) -> bool {
    let e = encoding
        .trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_");
    matches!(
        e.as_str(),
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4"
    )
}

/// Reads a file as `smart_open` does (`.gz` decompressed, UTF-8, lines split on `\n`
/// only, each `rstrip()`ed): mteval's own reader, so bad input gets its messages.
fn read_file(path: &str) -> Result<Vec<String>, Fail> {
    crate::stream::read_lines(std::path::Path::new(path)).or_else(|e| fail(1, e.to_string()))
}

/// Reads stdin as `io.TextIOWrapper` does (universal newlines: `\r\n`, `\r` and `\n` end
/// lines), without stripping.
fn read_stdin(stdin: &mut dyn Read) -> Result<Vec<String>, Fail> {
    let mut bytes = Vec::new();
    if let Err(e) = stdin.read_to_end(&mut bytes) {
        return fail(1, format!("<stdin>: {e}"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                1,
                format!(
                    "<stdin>: invalid UTF-8 at byte {}",
                    e.utf8_error().valid_up_to()
                ),
            )
        }
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if text.is_empty() || text.ends_with('\n') {
        lines.pop();
    }
    Ok(lines)
}

/// Lines as an in-memory stream for mteval's reader (each ended by `\n`).
fn reader_of(name: &str, lines: &[String]) -> Result<crate::stream::LineReader, Fail> {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    crate::stream::LineReader::from_reader(
        std::path::Path::new(name),
        Box::new(std::io::Cursor::new(text.into_bytes())),
        false,
        1 << 16,
    )
    .or_else(|e| fail(1, e.to_string()))
}

/// `SACREBLEU_SEED` as sacreBLEU reads it: unset is 12345, `none` (any case) unseeded.
fn seed() -> Result<Option<u64>, Fail> {
    match std::env::var("SACREBLEU_SEED") {
        Err(_) => Ok(Some(crate::significance::DEFAULT_SEED)),
        Ok(s) if s.eq_ignore_ascii_case("none") => Ok(None),
        Ok(s) => match args::py_int(&s).and_then(|v| u64::try_from(v).ok()) {
            Some(v) => Ok(Some(v)),
            None => fail(1, format!("invalid SACREBLEU_SEED '{s}'")),
        },
    }
}

/// `sacrebleu.py::main` after argument parsing: what it prints, or how it fails.
fn run(a: &SacreArgs, stdin: &mut dyn Read) -> Result<String, Fail> {
    let mut format = match a.format.as_str() {
        "text" => Format::Text,
        "latex" => Format::Latex,
        _ => Format::Json,
    };
    if let Ok(f) = std::env::var("SACREBLEU_FORMAT") {
        match f.to_lowercase().as_str() {
            "text" => format = Format::Text,
            "latex" => format = Format::Latex,
            "json" => format = Format::Json,
            _ => {}
        }
    }
    if let Some(opt) = a.downloads.first() {
        return fail(
            1,
            format!("{opt} needs sacreBLEU's downloaded test sets: mteval does not download test sets; pass local reference files instead (e.g. `sacrebleu -t SET -l PAIR --echo ref > ref.txt`, then `mteval sacrebleu ref.txt -i hyp.txt`)"),
        );
    }
    let paired = if a.paired_bs {
        Some((PairedTest::Bs, a.paired_bs_n))
    } else if a.paired_ar {
        Some((PairedTest::Ar, a.paired_ar_n))
    } else {
        None
    };
    if a.sentence_level && a.metrics.len() > 1 {
        return fail(1, "Only one metric can be used in sentence-level mode.");
    }
    if a.num_refs != 1 && a.refs.len() > 1 {
        return fail(1, "The --num-refs argument allows you to provide any number of tab-delimited references in a single file; you cannot then provide multiple reference files.");
    }
    if a.refs.is_empty() {
        return fail(1, "no reference given: give reference files before -i/--input (mteval does not download test sets)");
    }
    let target_lang = match &a.langpair {
        Some(lp) => match lp.split('-').nth(1) {
            Some(t) => Some(t.to_string()),
            None => {
                return fail(
                    1,
                    format!("invalid language pair '{lp}' (expected SRC-TGT)"),
                )
            }
        },
        None => None,
    };
    if !is_utf8(&a.encoding) {
        return fail(
            1,
            format!("-e/--encoding {}: mteval reads UTF-8 only", a.encoding),
        );
    }

    // References: one stream per file, or -nr tab-separated fields of one file.
    let nstreams = a.refs.len().max(a.num_refs.max(0) as usize);
    let mut refs: Vec<Vec<String>> = vec![Vec::new(); nstreams];
    for (refno, file) in a.refs.iter().enumerate() {
        for (lineno, line) in read_file(file)?.into_iter().enumerate() {
            if a.num_refs == 1 {
                refs[refno].push(line);
            } else {
                let fields: Vec<&str> = if a.num_refs >= 1 {
                    line.splitn(a.num_refs as usize, '\t').collect()
                } else {
                    line.split('\t').collect()
                };
                if fields.len() as i64 != a.num_refs {
                    return fail(
                        17,
                        format!(
                            "FATAL: line {}: expected {} fields, but found {}.",
                            lineno + 1,
                            a.num_refs,
                            fields.len()
                        ),
                    );
                }
                for (k, f) in fields.into_iter().enumerate() {
                    refs[k].push(f.to_string());
                }
            }
        }
    }

    // Hypotheses: files, or tab-separated systems on stdin.
    let mut systems: Vec<Vec<String>> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    match &a.input {
        None => {
            let lines = read_stdin(stdin)?;
            let first = lines.first().map_or("", |l| l.as_str());
            let fields: Vec<&str> = crate::text::py_rstrip(first).split('\t').collect();
            systems = fields.iter().map(|f| vec![f.to_string()]).collect();
            for line in lines.iter().skip(1) {
                let fields: Vec<&str> = crate::text::py_rstrip(line).split('\t').collect();
                if fields.len() != systems.len() {
                    return fail(17, "FATAL: the number of tab-delimited fields in the input stream differ across lines.");
                }
                for (s, f) in systems.iter_mut().zip(fields) {
                    s.push(crate::text::py_rstrip(f).to_string());
                }
            }
            names = (1..=systems.len()).map(|i| format!("System {i}")).collect();
        }
        Some(files) => {
            for f in files {
                if names.contains(f) {
                    if paired.is_some() && names.first() == Some(f) {
                        continue;
                    }
                    return fail(1, format!("'{f}' already used to name a system. Make sure to have a different basename for each system."));
                }
                systems.push(read_file(f)?);
                names.push(f.clone());
            }
        }
    }
    let num_sys = systems.len();
    if paired.is_some() {
        match &a.input {
            None => {
                names = std::iter::once("Baseline".to_string())
                    .chain((1..num_sys).map(|i| format!("System {i}")))
                    .collect();
            }
            Some(_) => {
                if let Some(n) = names.first_mut() {
                    *n = format!("Baseline: {n}");
                }
            }
        }
    }
    if a.sentence_level {
        if num_sys > 1 {
            return fail(
                1,
                "Only one system can be evaluated in sentence-level mode.",
            );
        }
        if a.confidence || paired.is_some() {
            return fail(
                1,
                "Statistical tests are unavailable in sentence-level mode.",
            );
        }
    }
    if paired.is_some() && num_sys == 1 {
        return fail(
            1,
            "Paired tests require multiple input systems given to --input (-i).",
        );
    }
    if num_sys > 1 && a.confidence {
        return fail(1, "Use paired tests (--paired) for multiple systems.");
    }
    if num_sys == 0 {
        return fail(1, "no system given to -i/--input");
    }
    // sacreBLEU's checks and exit code, with mteval's messages naming the files.
    let system_path = |k: usize| match &a.input {
        Some(files) => std::path::PathBuf::from(&files[k]),
        None => std::path::PathBuf::from("-"),
    };
    for (k, s) in systems.iter().enumerate() {
        if s.is_empty() {
            return fail(
                1,
                format!(
                    "{}: contains no sentence",
                    crate::error::display_path(&system_path(k))
                ),
            );
        }
        if let Some((r, stream)) = refs.iter().enumerate().find(|(_, r)| r.len() != s.len()) {
            // With -nr every stream comes from the one reference file.
            let ref_path = std::path::PathBuf::from(&a.refs[r.min(a.refs.len() - 1)]);
            let e = crate::encoding::line_counts_differ(
                &ref_path,
                stream.len(),
                &system_path(k),
                s.len(),
            );
            return fail(1, e.to_string());
        }
    }

    // Metrics: sacreBLEU keys them by upper-case name (duplicates collapse); single
    // systems and plain tables list them sorted, paired tests in the order given.
    let mut keys: Vec<String> = Vec::new();
    for m in &a.metrics {
        if !keys.contains(m) {
            keys.push(m.clone());
        }
    }
    if paired.is_none() {
        keys.sort_by_key(|k| k.to_uppercase());
    }
    let order = |v: i64, what: &str| -> Result<usize, Fail> {
        usize::try_from(v).or_else(|_| fail(1, format!("invalid {what} '{v}'")))
    };
    let settings = MetricSettings {
        tokenize: a.tokenize.clone(),
        target_lang,
        tokenizer_models: Default::default(),
        smooth_method: a.smooth_method.clone(),
        smooth_value: a.smooth_value,
        bleu_lowercase: a.lowercase,
        chrf_char_order: order(a.chrf_char_order, "--chrf-char-order")?,
        chrf_word_order: order(a.chrf_word_order, "--chrf-word-order")?,
        chrf_beta: u32::try_from(a.chrf_beta)
            .or_else(|_| fail(1, format!("invalid --chrf-beta '{}'", a.chrf_beta)))?,
        chrf_whitespace: a.chrf_whitespace,
        chrf_lowercase: a.chrf_lowercase,
        chrf_eps_smoothing: a.chrf_eps_smoothing,
        ter_normalized: a.ter_normalized,
        ter_no_punct: a.ter_no_punct,
        ter_asian_support: a.ter_asian_support,
        ter_case_sensitive: a.ter_case_sensitive,
    };
    let metrics =
        crate::registry::AnyMetric::build(&keys, &settings).or_else(|e| fail(1, e.to_string()))?;

    // Resampling as sacreBLEU runs it: -ci only with more than one resample; paired
    // tests with their defaults for a count below 1; sacreBLEU's p-value conventions.
    let confidence = (a.confidence && a.confidence_n > 1).then_some(a.confidence_n as usize);
    let paired_n = paired.map(|(t, n)| {
        let n = if n > 0 {
            n as usize
        } else if t == PairedTest::Bs {
            crate::significance::DEFAULT_BOOTSTRAP_SAMPLES
        } else {
            crate::significance::DEFAULT_AR_TRIALS
        };
        (t, n)
    });
    let significance = if confidence.is_some() || paired_n.is_some() {
        Some(Resampling {
            confidence,
            paired: paired_n,
            seed: seed()?,
            sacrebleu_p: true,
        })
    } else {
        None
    };
    if let Some(r) = &significance {
        if let Some((_, n)) = r.paired {
            crate::config::limits::check(
                "the number of resamples",
                n,
                1,
                crate::config::limits::RESAMPLES,
            )
            .or_else(|e| fail(1, e.to_string()))?;
        }
        if let Some(n) = r.confidence {
            crate::config::limits::check("--confidence-n", n, 1, crate::config::limits::RESAMPLES)
                .or_else(|e| fail(1, e.to_string()))?;
        }
    }
    let width = match usize::try_from(a.width) {
        Ok(w) => w,
        Err(_) => return fail(1, format!("invalid --width '{}'", a.width)),
    };

    let ref_labels: Vec<PathBuf> = (0..refs.len())
        .map(|k| {
            PathBuf::from(
                a.refs
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| format!("{}:{}", a.refs[0], k + 1)),
            )
        })
        .collect();
    let sys_labels: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
    let config = ScoreConfig {
        refs: ref_labels.clone(),
        systems: sys_labels.clone(),
        system_names: names.clone(),
        metrics,
        sentence_level: a.sentence_level,
        significance,
        format: crate::report::ReportFormat::Json,
        render: crate::report::RenderOptions::default(),
        output: PathBuf::from("-"),
        threads: None,
        emit_stats: None,
        shard: None,
    };
    let mut readers = Vec::with_capacity(refs.len() + systems.len());
    for (label, lines) in ref_labels
        .iter()
        .zip(&refs)
        .chain(sys_labels.iter().zip(&systems))
    {
        readers.push(reader_of(&label.to_string_lossy(), lines)?);
    }
    let (report, _) = crate::score::compute_score_report_from(&config, readers)
        .or_else(|e| fail(1, e.to_string()))?;

    if a.detail && format == Format::Json {
        format = Format::Text;
    }
    let opts = Options {
        format,
        width,
        score_only: a.score_only,
        short: a.short,
        paired,
    };
    Ok(if a.sentence_level {
        render::sentences(&report, &opts)
    } else if num_sys == 1 {
        let mut out = render::single(&report, &opts);
        if a.detail {
            out.push_str("No subset information found. Consider using --origlang argument.\n");
        }
        out
    } else {
        render::multi(&report, &opts)
    })
}
