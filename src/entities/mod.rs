//! Cross-script entity checks (`mteval entities`): are the source's names found, kept
//! and spelled one way in each translation, in any of Latin, Bengali or Devanagari script?
//!
//! Flow, one direction:
//!
//! 1. **Names of the source** ([`inventory`]): extracted from an English source
//!    ([`extract`], judged with SCOWL word classes from [`lexicon`]), taken from a glossary
//!    (exact whole-token matches of its source forms), or, for a Bengali or Devanagari
//!    source, found where source and reference agree ([`indic`]). Each entity knows which
//!    of its words a translation must keep (core) and its CLDR names in the target
//!    language ([`places`]).
//! 2. **The reference** (with `-r`): every source name is looked for in the reference. A
//!    name the reference renders is *expected*; one it does not is *unconfirmed* and not
//!    counted against a system.
//! 3. **Each system** (in parallel): every name is looked for in its segment by phonetic
//!    token alignment ([`align`], over [`phonetic`] keys compared with [`distance`],
//!    tolerating the suffixes of [`morph`]), or as the reference's rendering. A name made
//!    only of ordinary words that is not found is *unverified* (it may have been
//!    translated) unless its whole sentence is missing from the translation
//!    ([`coverage`]). Other names of the document that turn up where the source has none
//!    are reported ([`extras`]); spellings are compared ([`consistency`]); numbers too
//!    ([`numbers`]). A system whose output is not in the target script gets no recall
//!    ([`script`]).
//! 4. `report::entities` renders the [`EntityReport`] as JSON, CSV, Markdown or text.
//!
//! Recall is `found / (found + missing)`: unverified and unconfirmed names are reported
//! but not counted.

pub mod align;
pub mod consistency;
pub mod coverage;
pub mod distance;
pub mod extract;
pub mod extras;
pub mod glossary;
pub mod indic;
pub mod inventory;
pub mod lexicon;
pub mod morph;
pub mod normalize;
pub mod numbers;
pub mod phonetic;
pub mod places;
pub mod script;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::TextFile;
use crate::error::{display_path, Error, ErrorKind, Result};

use align::{candidates_in, find, target_tokens, Match, NameKey, TargetTok, THETA};
use glossary::Glossary;
use inventory::{is_demonym_of, lower_words, Inventory};
use normalize::{tokenize, Token};
pub use script::Script;

/// What `mteval entities` needs to run.
#[derive(Debug, Clone, Default)]
pub struct EntityOptions {
    /// Source file (one segment per line).
    pub source: PathBuf,
    /// Source language code (`en`, `bn`, `hi`, …).
    pub source_lang: String,
    /// Target language code.
    pub target_lang: String,
    /// Hypothesis files, one system each.
    pub hyps: Vec<PathBuf>,
    /// The systems' report names, one per hypothesis file; empty means named from the
    /// paths ([`crate::naming::names`]).
    pub hyp_names: Vec<String>,
    /// Reference files; the first one anchors the check (expected names and spellings).
    pub refs: Vec<PathBuf>,
    /// Optional glossary CSV `id,lang,form[,preferred]`.
    pub glossary: Option<PathBuf>,
    /// Optional document ids, one per source line.
    pub docids: Option<PathBuf>,
    /// Compare spellings exactly, without folding orthographic variants.
    pub strict_spelling: bool,
}

/// The script of a supported language code (source or target), or `None`.
pub fn script_of(lang: &str) -> Option<Script> {
    script::target_script(lang).or_else(|| script::source_script(lang))
}

/// The outcome for one source mention in one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Present in the translation.
    Found,
    /// Expected and absent.
    Missing,
    /// A name made of ordinary words, not found as such, in a sentence the translation
    /// has: it may have been translated, which the checker cannot confirm. Not counted.
    Unverified,
    /// The reference does not render this name (or the checker cannot see where): not
    /// counted against a system.
    Unconfirmed,
}

/// The whole result: one entry per system, in the order of `--hyps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityReport {
    /// Per-system results.
    pub systems: Vec<SystemEntities>,
}

/// Results for one hypothesis file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemEntities {
    /// Hypothesis file name minus its last extension.
    pub system: String,
    /// Totals.
    pub summary: Summary,
    /// Set when the output is not mostly in the target language's script: the recall is
    /// then not reported.
    #[serde(default)]
    pub script_warning: Option<String>,
    /// Every source mention with its status.
    pub mentions: Vec<Mention>,
    /// Names of the document found where the segment's source does not have them.
    pub hallucinations: Vec<Hallucination>,
    /// Spellings per entity.
    pub variants: Vec<Variant>,
    /// Source numbers with their status.
    pub numbers: Vec<NumberCheck>,
}

/// Totals for one system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of source mentions.
    pub mentions: usize,
    /// Mentions counted in recall (found + missing).
    #[serde(default)]
    pub expected: usize,
    /// Mentions found in the translation.
    pub found: usize,
    /// Mentions missing from the translation.
    pub missing: usize,
    /// Mentions that may have been translated (not counted).
    #[serde(default)]
    pub unverified: usize,
    /// Mentions the reference does not confirm (not counted).
    #[serde(default)]
    pub unconfirmed: usize,
    /// `found / expected`; `null` when nothing is expected (no name to check) or the
    /// script guard fired.
    pub recall: Option<f64>,
    /// Names not in the source, substitutions included.
    pub hallucinated: usize,
    /// Of them, names standing where a missing source name should be.
    #[serde(default)]
    pub substituted: usize,
    /// Entities spelled several ways within a document.
    pub inconsistent_entities: usize,
    /// Entities spelled otherwise than the reference or glossary.
    #[serde(default)]
    pub differing_entities: usize,
}

/// One name mention of the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// 0-based segment (line) index.
    pub segment: usize,
    /// Glossary id or canonical source form.
    pub entity: String,
    /// The mention as written in the source.
    pub source_form: String,
    /// The matching words of the translation as written (suffix included), if found.
    pub target_form: Option<String>,
    /// The reference's rendering, when a reference was given and renders it.
    #[serde(default)]
    pub reference_form: Option<String>,
    /// Found, missing, unverified or unconfirmed.
    pub status: Status,
}

/// How a name came to be in a translation whose source segment lacks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraKind {
    /// No name of the source accounts for it.
    NotInSource,
    /// It stands where a missing source name should be.
    Substituted,
}

/// A name in the translation that the segment's source does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hallucination {
    /// 0-based segment index.
    pub segment: usize,
    /// The entity the words belong to.
    pub entity: String,
    /// The words as written in the translation.
    pub target_form: String,
    /// Not in the source, or substituted for a missing name.
    #[serde(default = "not_in_source")]
    pub kind: ExtraKind,
    /// The missing source name it replaces, for a substitution.
    #[serde(default)]
    pub replaces: Option<String>,
}

fn not_in_source() -> ExtraKind {
    ExtraKind::NotInSource
}

/// The spellings of one entity in one system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Glossary id or canonical source form.
    pub entity: String,
    /// Each distinct form (suffix stripped, normalised) with its count.
    pub forms: BTreeMap<String, usize>,
    /// Spelled several ways within one document.
    #[serde(default)]
    pub inconsistent: bool,
    /// Spelled otherwise than the reference (same segment) or the glossary.
    #[serde(default)]
    pub differs: bool,
    /// The reference's or glossary's forms, when any.
    #[serde(default)]
    pub expected: Vec<String>,
    /// Neither inconsistent nor differing.
    pub consistent: bool,
}

/// One number of the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberCheck {
    /// 0-based segment index.
    pub segment: usize,
    /// The number as written in the source.
    pub source_form: String,
    /// Found or missing in the translation.
    pub status: Status,
}

fn mismatch(src: &TextFile, other: &TextFile) -> Result<()> {
    let (n, m) = (other.len(), src.len());
    if n == m {
        return Ok(());
    }
    let (line, what) = if n < m {
        (n + 1, "missing line")
    } else {
        (m + 1, "extra line")
    };
    Err(Error::new(
        ErrorKind::LengthMismatch,
        format!(
            "{}:{line}: {what}: it has {} but the source {} has {}{}",
            display_path(&other.path),
            crate::error::count(n, "line"),
            display_path(&src.path),
            crate::error::count(m, "line"),
            crate::encoding::line_end_hint(&other.path)
                .or_else(|| crate::encoding::line_end_hint(&src.path))
                .unwrap_or_default()
        ),
    ))
}

/// Runs the entity check (see the module docs).
pub fn check(opts: &EntityOptions) -> Result<EntityReport> {
    validate(opts)?;
    let src = TextFile::read(&opts.source)?;
    let names = if opts.hyp_names.len() == opts.hyps.len() {
        opts.hyp_names.clone()
    } else {
        let args: Vec<crate::naming::SystemArg> = opts
            .hyps
            .iter()
            .map(|p| crate::naming::SystemArg {
                name: None,
                path: p.clone(),
            })
            .collect();
        crate::naming::names(&args).map_err(Error::config)?
    };
    let hyps = opts
        .hyps
        .iter()
        .zip(&names)
        .map(|(p, name)| Ok(TextFile::read(p)?.named(name)))
        .collect::<Result<Vec<_>>>()?;
    let refs = opts
        .refs
        .iter()
        .map(|p| TextFile::read(p))
        .collect::<Result<Vec<_>>>()?;
    analyse(opts, &src, &hyps, &refs, &|_| {})
}

/// [`check`] on files the caller has already read (`mteval run` reads them to score
/// them); `opts.source`, `opts.hyps` and `opts.refs` are not read again. Document ids
/// and the glossary are still read from `opts`. `done` is called with each system's name
/// as its check finishes (from worker threads, in any order), for progress display.
pub fn check_loaded(
    opts: &EntityOptions,
    src: &TextFile,
    hyps: &[TextFile],
    refs: &[TextFile],
    done: &(dyn Fn(&str) + Sync),
) -> Result<EntityReport> {
    validate(opts)?;
    analyse(opts, src, hyps, refs, done)
}

/// The supported languages, for messages and `--help`.
pub fn supported_languages() -> String {
    let t: Vec<&str> = script::TARGETS.iter().map(|(l, _)| *l).collect();
    let s: Vec<&str> = script::SOURCES.iter().map(|(l, _)| *l).collect();
    format!("sources: {}; targets: {}", s.join(", "), t.join(", "))
}

/// Languages in a supported script and at least one hypothesis.
fn validate(opts: &EntityOptions) -> Result<()> {
    if script::source_script(&opts.source_lang).is_none() {
        return Err(Error::config(format!(
            "unsupported source language '{}' for entity checks ({})",
            opts.source_lang,
            supported_languages()
        )));
    }
    if script::target_script(&opts.target_lang).is_none() {
        let latin = matches!(
            opts.target_lang.as_str(),
            "pl" | "sk"
                | "sl"
                | "hr"
                | "sr"
                | "ru"
                | "uk"
                | "fi"
                | "et"
                | "hu"
                | "lv"
                | "lt"
                | "tr"
                | "ro"
                | "sv"
                | "da"
                | "no"
                | "nb"
                | "is"
                | "ga"
                | "cy"
                | "eu"
                | "ca"
                | "id"
                | "ms"
                | "vi"
                | "sw"
                | "tl"
        );
        let why = if latin {
            " (its case endings are not modelled, so inflected names would be reported missing)"
        } else {
            ""
        };
        return Err(Error::config(format!(
            "unsupported target language '{}' for entity checks{why} ({})",
            opts.target_lang,
            supported_languages()
        )));
    }
    if opts.hyps.is_empty() {
        return Err(Error::config(
            "entities: at least one hypothesis file (-i) is required",
        ));
    }
    Ok(())
}

/// Document number of every segment: from `--docids` (equal ids = same document), or
/// one document per segment when there are none.
fn document_numbers(docids: Option<&[String]>, n: usize) -> Vec<usize> {
    match docids {
        Some(ids) => {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            ids.iter()
                .map(|d| {
                    let k = seen.len();
                    *seen.entry(d.as_str()).or_insert(k)
                })
                .collect()
        }
        None => (0..n).collect(),
    }
}

fn analyse(
    opts: &EntityOptions,
    src: &TextFile,
    hyps: &[TextFile],
    refs: &[TextFile],
    done: &(dyn Fn(&str) + Sync),
) -> Result<EntityReport> {
    for f in hyps.iter().chain(refs.iter()) {
        mismatch(src, f)?;
    }
    let docid_lines = match &opts.docids {
        Some(p) => {
            let d = TextFile::read(p)?;
            mismatch(src, &d)?;
            // A blank id would join unrelated lines into one document (or split one).
            if let Some(i) = d.lines.iter().position(|l| l.trim().is_empty()) {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!("{}:{}: empty document id", display_path(p), i + 1),
                ));
            }
            Some(d.lines)
        }
        None => None,
    };
    let docs = document_numbers(docid_lines.as_deref(), src.len());
    let glossary = opts.glossary.as_deref().map(Glossary::read).transpose()?;
    let source_script = script::source_script(&opts.source_lang);
    let inv = match (&glossary, source_script) {
        (Some(g), _) => {
            Inventory::from_glossary(&src.lines, g, &opts.source_lang, &opts.target_lang)
        }
        (None, Some(Script::Latin)) => {
            // Without document ids the whole file is the extractor's evidence.
            let evidence_docs: Vec<usize> = if docid_lines.is_some() {
                docs.clone()
            } else {
                vec![0; src.len()]
            };
            Inventory::from_english(&src.lines, &evidence_docs, &opts.target_lang)
        }
        (None, _) => {
            let Some(reference) = refs.first() else {
                return Err(Error::config(format!(
                    "entities: names of a {} source are found by agreement with the reference: give -r REF (or a --glossary)",
                    source_script.map_or("non-English", Script::name)
                )));
            };
            indic::inventory(
                &src.lines,
                &reference.lines,
                &opts.source_lang,
                &opts.target_lang,
            )
        }
    };
    // A source in another script than its language's (an English file given as
    // `--source-lang bn`) has none of the names looked for: refuse it, as nothing checked
    // must not read as 100 %.
    if let Some(s) = source_script {
        let share = script::share(&src.lines, s);
        if share < script::MIN_SHARE && src.lines.iter().any(|l| !l.trim().is_empty()) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: only {:.0}% of its letters are in {} script, the script of source language '{}': is --source-lang right?",
                    display_path(&opts.source),
                    share * 100.0,
                    s.name(),
                    opts.source_lang
                ),
            ));
        }
    }
    let ctx = Context::new(
        &inv,
        &src.lines,
        &docs,
        docid_lines.is_some(),
        &opts.target_lang,
        opts.strict_spelling,
    );
    let reference = refs.first().map(|r| ctx.reference_renderings(&r.lines));
    let systems = hyps
        .par_iter()
        .map(|h| {
            let s = ctx.check_system(h, reference.as_deref());
            done(&s.system);
            s
        })
        .collect();
    Ok(EntityReport { systems })
}

/// Checks in-memory streams (no file reading); used by [`check`]'s tests and by library
/// users: an English source, no reference, no document ids.
pub fn check_lines(
    source: &[String],
    target_lang: &str,
    hyps: &[(String, Vec<String>)],
) -> EntityReport {
    let docs: Vec<usize> = vec![0; source.len()];
    let inv = Inventory::from_english(source, &docs, target_lang);
    let seg_docs: Vec<usize> = (0..source.len()).collect();
    let ctx = Context::new(&inv, source, &seg_docs, false, target_lang, false);
    let systems = hyps
        .iter()
        .map(|(name, lines)| {
            let f = TextFile {
                path: PathBuf::from(format!("{name}.txt")),
                name: name.to_string(),
                lines: lines.clone(),
            };
            ctx.check_system(&f, None)
        })
        .collect();
    EntityReport { systems }
}

/// What the reference says about one source mention.
#[derive(Debug, Clone)]
struct RefMention {
    /// The name as the reference renders it, when the checker finds it there.
    rendering: Option<Rendering>,
    /// Whether the reference translates the sentence that holds the mention.
    sentence_kept: bool,
}

/// The reference's rendering of one source mention.
#[derive(Debug, Clone)]
struct Rendering {
    /// As written in the reference (suffix included).
    surface: String,
    /// Canonical (stems, normalised).
    form: String,
}

/// Segments of more target tokens than this are searched near each name's expected
/// position only (bounded work per token on very long lines).
const LONG_SEGMENT: usize = 512;

/// The index of the sentence (byte ranges in order, as [`coverage::sentences`] gives
/// them) that contains byte `at`, if any: a binary search, so that looking up every
/// mention of a segment of many sentences stays linear.
fn sentence_index(sentences: &[std::ops::Range<usize>], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|r| r.end <= at);
    sentences.get(i).filter(|r| r.contains(&at)).map(|_| i)
}

/// A phonetic match may stand for a name only if one of its words is not much more
/// frequent in the translation than the name is in the source: `count(word) ≤
/// 3·count(name) + 3` segments, where a name's count is the larger of the segments that
/// mention it and those holding one of its core words as written. Names otherwise match
/// frequent words by chance (कर for Currie, इस for US, करने for Ukraine). Decided on the
/// WMT24 en-hi development set, where the accidental matches were all with words found
/// in dozens to hundreds of segments.
fn frequency_ok(word_segments: usize, name_segments: usize) -> bool {
    word_segments <= 3 * name_segments + 3
}

/// Everything shared by the systems' checks.
struct Context<'a> {
    inv: &'a Inventory,
    src: &'a [String],
    docs: &'a [usize],
    docids: bool,
    suffixes: Vec<&'static str>,
    target_script: Option<Script>,
    strict: bool,
    extras: extras::ExtrasIndex,
    /// Entity pairs whose spellings are compared (see [`Inventory::tails`]).
    tails: Vec<(usize, usize)>,
}

/// One translation segment prepared for matching.
struct Prepared<'l> {
    line: &'l str,
    tt: Vec<TargetTok>,
}

impl<'a> Context<'a> {
    fn new(
        inv: &'a Inventory,
        src: &'a [String],
        docs: &'a [usize],
        docids: bool,
        target_lang: &str,
        strict: bool,
    ) -> Context<'a> {
        Context {
            inv,
            src,
            docs,
            docids,
            suffixes: morph::suffixes_for(target_lang),
            target_script: script::target_script(target_lang),
            strict,
            extras: extras::ExtrasIndex::new(inv, docs, docids),
            tails: inv.tails(),
        }
    }

    fn prepare<'l>(&self, line: &'l str, toks: &[Token]) -> Prepared<'l> {
        Prepared {
            line,
            tt: target_tokens(toks, &self.suffixes),
        }
    }

    /// The token ranges to search for each mention of segment `seg`: the whole segment,
    /// or on very long segments the hypothesis sentences aligned with the mention's
    /// sentence (length-based alignment, [`coverage::align`]) and two sentences on
    /// either side, so the work per name is bounded whatever the line's length.
    fn ranges(&self, seg: usize, p: &Prepared<'_>) -> Vec<std::ops::Range<usize>> {
        let ms = &self.inv.mentions[seg];
        let n = p.tt.len();
        if n <= LONG_SEGMENT {
            return vec![0..n; ms.len()];
        }
        let src_line = &self.src[seg];
        let src_sent = coverage::sentences(src_line);
        let hyp_sent = coverage::sentences(p.line);
        let sl: Vec<usize> = src_sent
            .iter()
            .map(|r| coverage::length(&src_line[r.clone()]))
            .collect();
        let hl: Vec<usize> = hyp_sent
            .iter()
            .map(|r| coverage::length(&p.line[r.clone()]))
            .collect();
        let model = coverage::LengthModel::estimate(&[(sl.iter().sum(), hl.iter().sum()); 10]);
        let aligned = coverage::align(&sl, &hl, &[], model);
        // First token of each hypothesis sentence (and the end).
        let mut starts: Vec<usize> = hyp_sent
            .iter()
            .map(|r| p.tt.partition_point(|t| t.start < r.start))
            .collect();
        starts.push(n);
        ms.iter()
            .map(|sm| {
                let i = sentence_index(&src_sent, sm.start).unwrap_or(0);
                let r = &aligned[i];
                let lo = r.start.saturating_sub(2);
                let hi = (r.end + 2).min(hyp_sent.len());
                starts[lo]..starts[hi]
            })
            .collect()
    }

    /// For each mention of `seg`, its best match in `p` (longer names first, full
    /// matches before partial ones, so "Lavrov" never takes the words of "Sergei
    /// Lavrov"), and the tokens used. Each mention's candidate windows are computed once
    /// and assigned greedily as tokens become used.
    fn match_segment(
        &self,
        seg: usize,
        p: &Prepared<'_>,
        counts: Option<&HashMap<String, usize>>,
        model: Option<coverage::LengthModel>,
    ) -> (Vec<Option<Match>>, Vec<bool>) {
        let ms = &self.inv.mentions[seg];
        let ranges = self.ranges(seg, p);
        let cands: Vec<Vec<Match>> = ms
            .iter()
            .zip(ranges)
            .map(|(sm, range)| {
                let e = &self.inv.entities[sm.entity];
                let mut all = Vec::new();
                for alt in &e.alts {
                    all.extend(
                        candidates_in(alt, &p.tt, range.clone(), THETA, true)
                            .into_iter()
                            .filter(|m| {
                                !alt.guard
                                    || self.plausible(
                                        m,
                                        p,
                                        counts,
                                        self.inv.segment_count[sm.entity],
                                    )
                            }),
                    );
                }
                all.sort_by(|a, b| {
                    (b.full, b.score, b.matched)
                        .partial_cmp(&(a.full, a.score, a.matched))
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(a.first.cmp(&b.first))
                });
                all
            })
            .collect();
        let mut order: Vec<usize> = (0..ms.len()).collect();
        order.sort_by_key(|&i| {
            std::cmp::Reverse(
                self.inv.entities[ms[i].entity]
                    .alts
                    .first()
                    .map_or(0, |k| k.toks.len()),
            )
        });
        let first = assign(&cands, &order, p.tt.len(), None);
        // Where mentions compete for the same words (IKEA twice, Milgramm and Milgram)
        // and the segment has several sentences, the words go first to the mention whose
        // sentence the translation's sentence renders: a system that drops the first
        // sentence keeps the second IKEA, not the first.
        let Some(model) = model else { return first };
        // How many mentions claim each token: the union of each mention's candidate
        // spans, added with a difference array (linear in spans, not mentions × tokens).
        let mut delta = vec![0i64; p.tt.len() + 1];
        for c in &cands {
            let mut spans: Vec<(usize, usize)> = c.iter().map(|m| (m.first, m.last)).collect();
            spans.sort_unstable();
            let mut open: Option<(usize, usize)> = None;
            for (a, b) in spans.into_iter().filter(|(a, b)| a < b) {
                match &mut open {
                    Some((_, end)) if a <= *end => *end = (*end).max(b),
                    _ => {
                        if let Some((x, y)) = open.replace((a, b)) {
                            delta[x] += 1;
                            delta[y] -= 1;
                        }
                    }
                }
            }
            if let Some((x, y)) = open {
                delta[x] += 1;
                delta[y] -= 1;
            }
        }
        let mut running = 0i64;
        let claims: Vec<u32> = delta[..p.tt.len()]
            .iter()
            .map(|d| {
                running += d;
                running as u32
            })
            .collect();
        if !claims.iter().any(|&c| c > 1) {
            return first;
        }
        let src_sent = coverage::sentences(&self.src[seg]);
        if src_sent.len() < 2 {
            return first;
        }
        // Anchors only from uncontested words.
        let trusted: Vec<Option<Match>> = first
            .0
            .iter()
            .map(|m| {
                m.clone()
                    .filter(|m| claims[m.first..m.last].iter().all(|&c| c == 1))
            })
            .collect();
        let (aligned, hyp_sent) = self.sentence_alignment(seg, p, &trusted, model);
        let local: Vec<Vec<bool>> = ms
            .iter()
            .zip(&cands)
            .map(|(sm, c)| {
                let i = sentence_index(&src_sent, sm.start).unwrap_or(0);
                let range = aligned.get(i).cloned().unwrap_or(0..0);
                c.iter()
                    .map(|m| {
                        let at = p.tt[m.first].start;
                        sentence_index(&hyp_sent, at).is_some_and(|j| range.contains(&j))
                    })
                    .collect()
            })
            .collect();
        assign(&cands, &order, p.tt.len(), Some(&local))
    }

    /// The frequency guard (see [`frequency_ok`]) for a phonetic match of one token.
    fn plausible(
        &self,
        m: &Match,
        p: &Prepared<'_>,
        counts: Option<&HashMap<String, usize>>,
        name_segments: usize,
    ) -> bool {
        let Some(counts) = counts else { return true };
        // A window made only of frequent words is a chance match (करने for Ukraine,
        // लिए समय for Louisiana); one rare word in it is enough to back the name.
        m.tokens(p).any(|t| {
            let word = normalize::normalize(p.line.get(t.start..t.end).unwrap_or(""));
            frequency_ok(counts.get(&word).copied().unwrap_or(0), name_segments)
        })
    }

    /// The stricter guard for names not in the source: the word must not occur in more
    /// than `2·count(name) + 1` segments (there is no source name to back it).
    fn word_is_rare(
        &self,
        m: &Match,
        p: &Prepared<'_>,
        counts: &HashMap<String, usize>,
        name_segments: usize,
    ) -> bool {
        m.tokens(p).all(|t| {
            let word = normalize::normalize(p.line.get(t.start..t.end).unwrap_or(""));
            counts.get(&word).copied().unwrap_or(0) <= 2 * name_segments + 1
        })
    }

    /// Per segment and mention, the reference's rendering (or `None`).
    fn reference_renderings(&self, reference: &[String]) -> Vec<Vec<RefMention>> {
        let all_toks: Vec<Vec<Token>> = reference.par_iter().map(|l| tokenize(l)).collect();
        let counts = segment_counts(&all_toks, reference);
        let model = coverage::LengthModel::for_files(self.src, reference);
        (0..self.src.len())
            .into_par_iter()
            .map(|seg| {
                let line = reference.get(seg).map_or("", String::as_str);
                let p = self.prepare(line, &all_toks[seg]);
                let (found, _) = self.match_segment(seg, &p, Some(&counts), Some(model));
                let dropped = self.dropped_sentences(seg, &p, &found, model);
                let src_sentences = coverage::sentences(&self.src[seg]);
                self.inv.mentions[seg]
                    .iter()
                    .zip(found)
                    .map(|(sm, m)| {
                        let sentence = sentence_index(&src_sentences, sm.start).unwrap_or(0);
                        RefMention {
                            rendering: m.map(|m| Rendering {
                                surface: span(&p, &m).to_string(),
                                form: m.form,
                            }),
                            sentence_kept: !dropped.get(sentence).copied().unwrap_or(false),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    fn check_system(
        &self,
        hyp: &TextFile,
        reference: Option<&[Vec<RefMention>]>,
    ) -> SystemEntities {
        let system = hyp.name.clone();
        let all_toks: Vec<Vec<Token>> = hyp.lines.par_iter().map(|l| tokenize(l)).collect();
        let counts = segment_counts(&all_toks, &hyp.lines);
        let script_warning = self.target_script.and_then(|s| {
            let share = script::share(&hyp.lines, s);
            (share < script::MIN_SHARE).then(|| {
                format!(
                    "{system}: only {:.0}% of its letters are in {} script, the script of the target language; entity recall is not reported",
                    share * 100.0,
                    s.name()
                )
            })
        });
        let model = coverage::LengthModel::for_files(self.src, &hyp.lines);
        let per_segment: Vec<SegmentResult> = (0..self.src.len())
            .into_par_iter()
            .map(|seg| {
                let line = hyp.lines.get(seg).map_or("", String::as_str);
                let p = self.prepare(line, &all_toks[seg]);
                self.check_segment(seg, &p, &counts, reference.and_then(|r| r.get(seg)), model)
            })
            .collect();
        let mut mentions = Vec::new();
        let mut hallucinations = Vec::new();
        let mut numbers_out = Vec::new();
        let mut tracker = consistency::Tracker::new(self.strict);
        for &(short, long) in &self.tails {
            tracker.relate(&self.inv.entities[short].id, &self.inv.entities[long].id);
        }
        for (seg, r) in per_segment.into_iter().enumerate() {
            // Without document ids the whole output is one document for spellings.
            let doc = if self.docids {
                self.docs[seg].to_string()
            } else {
                String::new()
            };
            for (m, form, expected) in r.mentions {
                tracker.entity(&m.entity);
                if let Some(f) = form {
                    tracker.record(&m.entity, &doc, &f, &expected);
                }
                mentions.push(m);
            }
            hallucinations.extend(r.extras);
            numbers_out.extend(r.numbers);
        }
        let variants = tracker.finish();
        let count = |s: Status| mentions.iter().filter(|m: &&Mention| m.status == s).count();
        let (found, missing) = (count(Status::Found), count(Status::Missing));
        let expected = found + missing;
        let summary = Summary {
            mentions: mentions.len(),
            expected,
            found,
            missing,
            unverified: count(Status::Unverified),
            unconfirmed: count(Status::Unconfirmed),
            // Nothing expected is nothing checked, not 100 %: an empty glossary or a source
            // without names must not pass a recall gate.
            recall: if script_warning.is_some() || expected == 0 {
                None
            } else {
                Some(found as f64 / expected as f64)
            },
            hallucinated: hallucinations.len(),
            substituted: hallucinations
                .iter()
                .filter(|h: &&Hallucination| h.kind == ExtraKind::Substituted)
                .count(),
            inconsistent_entities: variants.iter().filter(|v| v.inconsistent).count(),
            differing_entities: variants.iter().filter(|v| v.differs).count(),
        };
        SystemEntities {
            system,
            summary,
            script_warning,
            mentions,
            hallucinations,
            variants,
            numbers: numbers_out,
        }
    }

    fn check_segment(
        &self,
        seg: usize,
        p: &Prepared<'_>,
        counts: &HashMap<String, usize>,
        reference: Option<&Vec<RefMention>>,
        model: coverage::LengthModel,
    ) -> SegmentResult {
        let src_line = &self.src[seg];
        let ms = &self.inv.mentions[seg];
        let (found, mut used) = self.match_segment(seg, p, Some(counts), Some(model));
        let mut dropped: Option<Vec<bool>> = None;
        let src_sentences = coverage::sentences(src_line);
        let mut result = SegmentResult::default();
        let mut missing_strong: Vec<usize> = Vec::new();
        for (i, sm) in ms.iter().enumerate() {
            let e = &self.inv.entities[sm.entity];
            let source_form = src_line.get(sm.start..sm.end).unwrap_or("").to_string();
            let ref_mention = reference.and_then(|r| r.get(i));
            let rendering = ref_mention.and_then(|r| r.rendering.clone());
            let mut hit = found[i].clone();
            // The reference's rendering counts too (same script, suffix-tolerant).
            if hit.is_none() {
                if let Some(r) = &rendering {
                    let key = NameKey::exact(&r.form);
                    if let Some(m) = find(&key, &p.tt, &used, THETA).into_iter().find(|m| m.full) {
                        used[m.first..m.last].iter_mut().for_each(|u| *u = true);
                        hit = Some(m);
                    }
                }
            }
            let mut sentence_dropped = || {
                let d =
                    dropped.get_or_insert_with(|| self.dropped_sentences(seg, p, &found, model));
                let sentence = sentence_index(&src_sentences, sm.start).unwrap_or(0);
                d.get(sentence).copied().unwrap_or(false)
            };
            let status = match (&hit, ref_mention, &rendering) {
                // The reference does not show the name: not counted, unless the
                // reference has its sentence and the hypothesis has dropped it.
                (None, Some(r), None) if r.sentence_kept && sentence_dropped() => Status::Missing,
                (_, Some(_), None) => Status::Unconfirmed,
                (Some(_), _, _) => Status::Found,
                (None, _, _) if e.descriptive => {
                    if sentence_dropped() {
                        Status::Missing
                    } else {
                        Status::Unverified
                    }
                }
                (None, _, _) => Status::Missing,
            };
            if status == Status::Missing && e.strong() {
                missing_strong.push(i);
            }
            let target_form = hit.as_ref().map(|m| span(p, m).to_string());
            let form = hit.as_ref().map(|m| m.form.clone());
            let mut expected: Vec<String> = rendering.iter().map(|r| r.form.clone()).collect();
            if expected.is_empty() {
                let preferred: Vec<String> = e
                    .glossary_forms
                    .iter()
                    .filter(|(_, pref)| *pref)
                    .map(|(f, _)| f.clone())
                    .collect();
                expected = if preferred.is_empty() {
                    e.glossary_forms.iter().map(|(f, _)| f.clone()).collect()
                } else {
                    preferred
                };
            }
            result.mentions.push((
                Mention {
                    segment: seg,
                    entity: e.id.clone(),
                    source_form,
                    target_form,
                    reference_form: rendering.map(|r| r.surface),
                    status,
                },
                // Where the reference does not show the name, nothing backs the match:
                // its spelling counts only if the match is strong (তার করতে, 0.85 for
                // North Korea, is a chance match, not a variant spelling).
                if status == Status::Found
                    || (status == Status::Unconfirmed
                        && hit
                            .as_ref()
                            .is_some_and(|h| h.full && h.score >= extras::STRONG))
                {
                    form
                } else {
                    None
                },
                expected,
            ));
        }
        result.extras = self.extras(seg, p, &mut used, &missing_strong, counts);
        for (n, ok) in numbers::check(src_line, p.line) {
            result.numbers.push(NumberCheck {
                segment: seg,
                source_form: src_line.get(n.start..n.end).unwrap_or("").to_string(),
                status: if ok { Status::Found } else { Status::Missing },
            });
        }
        result
    }

    /// Which source sentences of `seg` the translation leaves out, anchored by the names
    /// and numbers it was found to have.
    fn dropped_sentences(
        &self,
        seg: usize,
        p: &Prepared<'_>,
        found: &[Option<Match>],
        model: coverage::LengthModel,
    ) -> Vec<bool> {
        let (aligned, _) = self.sentence_alignment(seg, p, found, model);
        aligned.iter().map(|r| r.is_empty()).collect()
    }

    /// The alignment of the source sentences of `seg` with the sentences of `p`
    /// ([`coverage::align`]), anchored by the names found (`found`) and numbers that occur
    /// once in the source segment; also returns the hypothesis sentences.
    fn sentence_alignment(
        &self,
        seg: usize,
        p: &Prepared<'_>,
        found: &[Option<Match>],
        model: coverage::LengthModel,
    ) -> (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>) {
        let src_line = &self.src[seg];
        let src_sent = coverage::sentences(src_line);
        let hyp_sent = coverage::sentences(p.line);
        // Anchors: names and numbers that occur once in the source segment.
        let ms = &self.inv.mentions[seg];
        let mut per_entity: HashMap<usize, usize> = HashMap::new();
        for x in ms {
            *per_entity.entry(x.entity).or_default() += 1;
        }
        let mut anchors = Vec::new();
        for (sm, f) in ms.iter().zip(found) {
            let once = per_entity[&sm.entity] == 1;
            if let (true, Some(m)) = (once, f) {
                let at = p.tt[m.first].start;
                if let (Some(a), Some(b)) = (
                    sentence_index(&src_sent, sm.start),
                    sentence_index(&hyp_sent, at),
                ) {
                    anchors.push((a, b));
                }
            }
        }
        let src_numbers = numbers::extract(src_line);
        let hyp_numbers = numbers::extract(p.line);
        fn tally(v: &[numbers::Number]) -> HashMap<&str, (usize, usize)> {
            let mut t: HashMap<&str, (usize, usize)> = HashMap::new();
            for (i, x) in v.iter().enumerate() {
                t.entry(x.value.as_str()).or_insert((0, i)).0 += 1;
            }
            t
        }
        let (src_tally, hyp_tally) = (tally(&src_numbers), tally(&hyp_numbers));
        for n in &src_numbers {
            let once = |t: &HashMap<&str, (usize, usize)>| {
                t.get(n.value.as_str())
                    .filter(|(c, _)| *c == 1)
                    .map(|&(_, i)| i)
            };
            if let (Some(_), Some(hi)) = (once(&src_tally), once(&hyp_tally)) {
                if let Some(h) = hyp_numbers.get(hi) {
                    if let (Some(a), Some(b)) = (
                        sentence_index(&src_sent, n.start),
                        sentence_index(&hyp_sent, h.start),
                    ) {
                        anchors.push((a, b));
                    }
                }
            }
        }
        let sl: Vec<usize> = src_sent
            .iter()
            .map(|r| coverage::length(&src_line[r.clone()]))
            .collect();
        let hl: Vec<usize> = hyp_sent
            .iter()
            .map(|r| coverage::length(&p.line[r.clone()]))
            .collect();
        (coverage::align(&sl, &hl, &anchors, model), hyp_sent)
    }

    /// Names of the document found in the segment although its source lacks them.
    fn extras(
        &self,
        seg: usize,
        p: &Prepared<'_>,
        used: &mut [bool],
        missing_strong: &[usize],
        counts: &HashMap<String, usize>,
    ) -> Vec<Hallucination> {
        let ms = &self.inv.mentions[seg];
        let own: Vec<usize> = ms.iter().map(|m| m.entity).collect();
        let doc = self.docs[seg];
        let src_words = lower_words(&self.src[seg]);
        let mut out = Vec::new();
        let mut replaced = 0;
        let cands = self.extras.candidates(&p.tt, used, seg, doc, &own);
        let mut i = 0;
        while i < cands.len() {
            let e_idx = cands[i].0;
            let group = cands[i..].iter().take_while(|c| c.0 == e_idx).count();
            let positions: Vec<usize> = cands[i..i + group].iter().map(|c| c.1).collect();
            i += group;
            let e = &self.inv.entities[e_idx];
            // "Russian" in the source accounts for রাশিয়ার in the translation, and
            // "Scottish tenants" for स्कॉटिश.
            if src_words
                .iter()
                .any(|w| e.prefixes.iter().any(|pfx| is_demonym_of(w, pfx)))
                || extras::accounted_for(e, &src_words)
            {
                continue;
            }
            for at in positions {
                if used[at] {
                    continue;
                }
                // The name can only be near the word that suggested it.
                let range = at.saturating_sub(align::MAX_WINDOW)
                    ..(at + align::MAX_WINDOW + 1).min(p.tt.len());
                let Some(m) = extras::strong_match(e, &p.tt, used, range) else {
                    continue;
                };
                if !self.word_is_rare(&m, p, counts, self.inv.segment_count[e_idx]) {
                    continue;
                }
                used[m.first..m.last].iter_mut().for_each(|u| *u = true);
                let (kind, replaces) = match missing_strong.get(replaced) {
                    Some(&k) => {
                        replaced += 1;
                        (
                            ExtraKind::Substituted,
                            Some(self.inv.entities[ms[k].entity].id.clone()),
                        )
                    }
                    None => (ExtraKind::NotInSource, None),
                };
                out.push(Hallucination {
                    segment: seg,
                    entity: e.id.clone(),
                    target_form: span(p, &m).to_string(),
                    kind,
                    replaces,
                });
                break;
            }
        }
        out
    }
}

/// Greedy assignment of candidate windows to mentions in `order`: full matches on the
/// names' own keys first, then full matches through weak keys (a demonym's place), then
/// partial ones; within each pass, with `local`, the candidates in the mention's own
/// aligned sentence before any other.
fn assign(
    cands: &[Vec<Match>],
    order: &[usize],
    n_tokens: usize,
    local: Option<&Vec<Vec<bool>>>,
) -> (Vec<Option<Match>>, Vec<bool>) {
    let mut used = vec![false; n_tokens];
    let mut out: Vec<Option<Match>> = vec![None; cands.len()];
    let rounds: &[bool] = if local.is_some() {
        &[true, false]
    } else {
        &[false]
    };
    for (pass_full, weak) in [(true, false), (true, true), (false, true)] {
        for &only_local in rounds {
            for &i in order {
                if out[i].is_some() {
                    continue;
                }
                let pick = cands[i].iter().enumerate().find(|(k, m)| {
                    (m.full || !pass_full)
                        && (weak || !m.weak)
                        && (!only_local || local.is_some_and(|l| l[i][*k]))
                        && !used[m.first..m.last].iter().any(|&u| u)
                });
                if let Some((_, m)) = pick {
                    used[m.first..m.last].iter_mut().for_each(|u| *u = true);
                    out[i] = Some(m.clone());
                }
            }
        }
    }
    (out, used)
}

/// What one segment contributes to a system's result.
#[derive(Default)]
struct SegmentResult {
    /// Mention, its canonical form when found, and the expected forms.
    mentions: Vec<(Mention, Option<String>, Vec<String>)>,
    extras: Vec<Hallucination>,
    numbers: Vec<NumberCheck>,
}

impl Match {
    fn tokens<'p>(&self, p: &'p Prepared<'_>) -> impl Iterator<Item = &'p TargetTok> {
        p.tt[self.first..self.last].iter()
    }
}

/// The words of a match as written.
fn span<'l>(p: &Prepared<'l>, m: &Match) -> &'l str {
    p.line
        .get(p.tt[m.first].start..p.tt[m.last - 1].end)
        .unwrap_or("")
}

/// In how many segments each (normalised) word occurs.
fn segment_counts(all_toks: &[Vec<Token>], _lines: &[String]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for toks in all_toks {
        let mut words: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *counts.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests;
