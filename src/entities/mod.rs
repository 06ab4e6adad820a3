//! Cross-script entity checks (`mteval entities`): are the source's names found, kept
//! and spelled one way in each translation, in any of Latin, Bengali or Devanagari script?
//!
//! Flow: source names come from a glossary ([`glossary`]) or are extracted from a
//! Latin-script source ([`extract`]); each is looked for in every hypothesis segment by
//! phonetic token alignment ([`align`], over [`phonetic`] keys compared with
//! [`distance`], tolerating the suffixes of [`morph`]) or, for translated territory
//! names, through CLDR ([`places`]). Per system the result lists found/missing mentions,
//! names of other entities that appear where the source has none (hallucinated or
//! substituted), spelling variants ([`consistency`]) and numbers ([`numbers`]).
//! [`render`] turns an [`EntityReport`] into JSON, CSV, Markdown or text.

pub mod align;
pub mod consistency;
pub mod distance;
pub mod extract;
pub mod glossary;
pub mod morph;
pub mod normalize;
pub mod numbers;
pub mod phonetic;
pub mod places;
pub mod render;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::corpus::{system_name, TextFile};
use crate::error::{display_path, Error, ErrorKind, Result};

use align::{find, target_tokens, Match, NameKey, TargetTok, THETA};
use glossary::Glossary;
use normalize::tokenize;

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
    /// Reference files; the first one's spelling is the expected one.
    pub refs: Vec<PathBuf>,
    /// Optional glossary CSV `id,lang,form[,preferred]`.
    pub glossary: Option<PathBuf>,
    /// Optional document ids, one per source line.
    pub docids: Option<PathBuf>,
}

/// Writing systems the matcher understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin alphabet.
    Latin,
    /// Bengali–Assamese script.
    Bengali,
    /// Devanagari.
    Devanagari,
}

/// The script of a supported language code, or `None` for an unknown or unsupported one.
pub fn script_of(lang: &str) -> Option<Script> {
    match lang {
        "en" | "de" | "fr" | "es" | "it" | "pt" | "nl" | "pl" | "cs" | "ro" | "tr" | "id"
        | "ms" | "sw" | "vi" | "sv" | "da" | "no" | "fi" | "et" | "lv" | "lt" | "hr" | "sl"
        | "sk" | "hu" | "tl" => Some(Script::Latin),
        "bn" | "as" | "mni" => Some(Script::Bengali),
        "hi" | "mr" | "ne" | "sa" | "mai" | "kok" | "bho" | "doi" => Some(Script::Devanagari),
        _ => None,
    }
}

/// Found or missing, for a name mention or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Present in the translation.
    Found,
    /// Absent from the translation.
    Missing,
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
    /// Every source mention with its status.
    pub mentions: Vec<Mention>,
    /// Names of entities found where the segment's source does not have them.
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
    /// Mentions found in the translation.
    pub found: usize,
    /// Mentions missing from the translation.
    pub missing: usize,
    /// `found / mentions` (1.0 when there are no mentions).
    pub recall: f64,
    /// Number of hallucinations.
    pub hallucinated: usize,
    /// Number of entities whose variants are flagged inconsistent.
    pub inconsistent_entities: usize,
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
    /// Found or missing.
    pub status: Status,
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
}

/// The spellings of one entity in one system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Glossary id or canonical source form.
    pub entity: String,
    /// Each distinct form (suffix stripped, normalised) with its count.
    pub forms: BTreeMap<String, usize>,
    /// False when spelled several ways in a document, or not as preferred/referenced.
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

/// An entity to look for, with everything it may be written as in the target.
#[derive(Debug, Clone)]
struct Entity {
    id: String,
    /// Alternatives: the source spelling (phonetic), glossary and CLDR target spellings.
    alts: Vec<NameKey>,
    /// Canonical preferred target forms (glossary `preferred=yes`).
    preferred: Vec<String>,
    /// Total phonetic weight of the source spelling; weak names never count as
    /// hallucinations (too easy to meet by chance).
    weight: f32,
    /// Whether this is a CLDR territory. Territories are not reported as hallucinated:
    /// translations routinely render adjectives ("North Korean troops") as the name.
    territory: bool,
    /// Lowercase source words (4+ letters), to spot their demonyms in a segment.
    prefixes: Vec<String>,
    tokens: usize,
    /// For people-like names (not territories): the last source token, which groups
    /// "Sergei Lavrov" with "Lavrov" for spelling consistency.
    surname: Option<String>,
}

/// A name in one source segment.
#[derive(Debug, Clone)]
struct SourceMention {
    entity: usize,
    start: usize,
    end: usize,
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
            "{}:{line}: {what}: it has {n} lines but the source {} has {m}",
            display_path(&other.path),
            display_path(&src.path)
        ),
    ))
}

fn canonical_form(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Inventory {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    /// Mentions per source segment.
    mentions: Vec<Vec<SourceMention>>,
}

impl Inventory {
    fn add(&mut self, e: Entity) -> usize {
        if let Some(&i) = self.by_id.get(&e.id) {
            return i;
        }
        self.by_id.insert(e.id.clone(), self.entities.len());
        self.entities.push(e);
        self.entities.len() - 1
    }
}

/// Keys for a source-language name, plus its CLDR names in the target language.
fn name_alts(name: &str, target_lang: &str) -> Vec<NameKey> {
    match places::territory_code(name) {
        Some(code) => {
            let mut alts = vec![NameKey::from_str(name, false)];
            for t in places::names_in(code, target_lang) {
                alts.push(NameKey::from_str(t, false));
            }
            alts
        }
        None => vec![NameKey::from_str(name, true)],
    }
}

/// The name's words (4+ letters) that a demonym could be formed from.
fn prefixes_of(name: &str) -> Vec<String> {
    tokenize(name)
        .into_iter()
        .filter(|t| t.norm.chars().count() >= 4)
        .map(|t| t.norm)
        .collect()
}

/// Whether `word` is a demonym (or its plural) formed from the name word `name`:
/// `name` minus final vowels, then a demonym ending.
fn is_demonym_of(word: &str, name: &str) -> bool {
    let stem = name.trim_end_matches(['a', 'e', 'i', 'o', 'u', 'y']);
    if stem.chars().count() < 3 {
        return false;
    }
    word.strip_prefix(stem).is_some_and(|rest| {
        matches!(
            rest,
            "an" | "ans"
                | "ian"
                | "ians"
                | "ean"
                | "eans"
                | "n"
                | "ns"
                | "ese"
                | "ish"
                | "i"
                | "is"
                | "ic"
                | "ine"
        )
    })
}

/// The person group of a name for spelling consistency: its last token, when that is a
/// core token of a people-like name (not a territory, not an acronym such as UN, not a
/// one- or two-letter word).
fn surname_of(name: &str, territory: bool) -> Option<String> {
    if territory {
        return None;
    }
    let key = NameKey::from_str(name, true);
    let last = key.toks.last()?;
    let acronym = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    (last.core && !acronym && last.norm.chars().count() >= 3).then(|| last.norm.clone())
}

fn key_weight(k: &NameKey) -> f32 {
    k.toks
        .iter()
        .filter(|t| t.core)
        .map(|t| t.keys.first().map_or(0.0, |k| distance::weight(k)))
        .sum()
}

fn build_from_source(src: &TextFile, target_lang: &str) -> Inventory {
    let lower = extract::lowercase_words(&src.lines);
    let mut inv = Inventory {
        entities: Vec::new(),
        by_id: HashMap::new(),
        mentions: Vec::new(),
    };
    for line in &src.lines {
        let mut seg = Vec::new();
        for n in extract::extract(line, &lower) {
            let alts = name_alts(&n.text, target_lang);
            let weight = alts.first().map_or(0.0, key_weight);
            let tokens = alts.first().map_or(0, |a| a.toks.len());
            let territory = places::territory_code(&n.text).is_some();
            let prefixes = prefixes_of(&n.text);
            let surname = surname_of(&n.text, territory);
            let e = inv.add(Entity {
                id: n.text.clone(),
                alts,
                preferred: Vec::new(),
                weight,
                tokens,
                territory,
                prefixes,
                surname,
            });
            seg.push(SourceMention {
                entity: e,
                start: n.start,
                end: n.end,
            });
        }
        inv.mentions.push(seg);
    }
    inv
}

fn build_from_glossary(src: &TextFile, g: &Glossary, opts: &EntityOptions) -> Inventory {
    let mut inv = Inventory {
        entities: Vec::new(),
        by_id: HashMap::new(),
        mentions: Vec::new(),
    };
    let mut source_keys: Vec<(usize, NameKey)> = Vec::new();
    for id in g.ids() {
        let src_forms = g.forms(id, &opts.source_lang);
        if src_forms.is_empty() {
            continue;
        }
        let mut alts = Vec::new();
        for f in g.forms(id, &opts.target_lang) {
            alts.push(NameKey::from_str(&f.form, false));
        }
        for f in &src_forms {
            alts.extend(name_alts(&f.form, &opts.target_lang));
        }
        let preferred = g
            .forms(id, &opts.target_lang)
            .iter()
            .filter(|f| f.preferred)
            .map(|f| canonical_form(&f.form))
            .collect();
        let first = NameKey::from_str(&src_forms[0].form, true);
        let e = inv.add(Entity {
            id: id.to_string(),
            alts,
            preferred,
            weight: key_weight(&first),
            tokens: first.toks.len(),
            territory: places::territory_code(&src_forms[0].form).is_some(),
            prefixes: prefixes_of(&src_forms[0].form),
            surname: None,
        });
        for f in src_forms {
            source_keys.push((e, NameKey::from_str(&f.form, false)));
        }
    }
    // Longer names first, so "Kim Jong Un" claims its words before "Kim".
    source_keys.sort_by_key(|(_, k)| std::cmp::Reverse(k.toks.len()));
    let suffixes = morph::suffixes_for(&opts.source_lang);
    for line in &src.lines {
        let toks = tokenize(line);
        let tt = target_tokens(&toks, &suffixes);
        let mut used = vec![false; tt.len()];
        let mut seg = Vec::new();
        for (e, k) in &source_keys {
            for m in find(k, &tt, &used, THETA).into_iter().filter(|m| m.full) {
                for u in &mut used[m.first..m.last] {
                    *u = true;
                }
                seg.push(SourceMention {
                    entity: *e,
                    start: tt[m.first].start,
                    end: tt[m.last - 1].end,
                });
            }
        }
        seg.sort_by_key(|m| m.start);
        inv.mentions.push(seg);
    }
    inv
}

/// The best occurrence of entity `e` among unused tokens.
fn best_match(e: &Entity, tt: &[TargetTok], used: &[bool]) -> Option<Match> {
    let mut best: Option<Match> = None;
    for alt in &e.alts {
        if let Some(m) = find(alt, tt, used, THETA).into_iter().next() {
            let better = best
                .as_ref()
                .is_none_or(|b| (m.full, m.score, m.matched) > (b.full, b.score, b.matched));
            if better {
                best = Some(m);
            }
        }
    }
    best
}

/// Per segment: for each source mention (in source order), the match in `line`.
fn match_segment(
    inv: &Inventory,
    seg: usize,
    line: &str,
    suffixes: &[&str],
) -> (Vec<TargetTok>, Vec<bool>, Vec<Option<Match>>) {
    let toks = tokenize(line);
    let tt = target_tokens(&toks, suffixes);
    let mut used = vec![false; tt.len()];
    let ms = &inv.mentions[seg];
    let mut order: Vec<usize> = (0..ms.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(inv.entities[ms[i].entity].tokens));
    let mut out: Vec<Option<Match>> = vec![None; ms.len()];
    // Full matches first, so a partial match (Lavrov for Sergei Lavrov) never takes the
    // words another mention matches fully.
    for pass_full in [true, false] {
        for &i in &order {
            if out[i].is_some() {
                continue;
            }
            let m = best_match(&inv.entities[ms[i].entity], &tt, &used)
                .filter(|m| m.full || !pass_full);
            if let Some(m) = m {
                for u in &mut used[m.first..m.last] {
                    *u = true;
                }
                out[i] = Some(m);
            }
        }
    }
    (tt, used, out)
}

/// Runs the entity check (see the module docs).
pub fn check(opts: &EntityOptions) -> Result<EntityReport> {
    validate(opts)?;
    let src = TextFile::read(&opts.source)?;
    let hyps = opts
        .hyps
        .iter()
        .map(|p| TextFile::read(p))
        .collect::<Result<Vec<_>>>()?;
    let refs = opts
        .refs
        .iter()
        .map(|p| TextFile::read(p))
        .collect::<Result<Vec<_>>>()?;
    analyse(opts, &src, &hyps, &refs)
}

/// [`check`] on files the caller has already read (`mteval run` reads them to score
/// them); `opts.source`, `opts.hyps` and `opts.refs` are not read again. Document ids
/// and the glossary are still read from `opts`.
pub fn check_loaded(
    opts: &EntityOptions,
    src: &TextFile,
    hyps: &[TextFile],
    refs: &[TextFile],
) -> Result<EntityReport> {
    validate(opts)?;
    analyse(opts, src, hyps, refs)
}

/// Languages in a supported script and at least one hypothesis.
fn validate(opts: &EntityOptions) -> Result<()> {
    for (what, lang) in [("source", &opts.source_lang), ("target", &opts.target_lang)] {
        if script_of(lang).is_none() {
            return Err(Error::config(format!(
                "unsupported {what} language '{lang}' for entity checks (Latin, Bengali or Devanagari script languages such as en, bn, hi, mr, ne)"
            )));
        }
    }
    if opts.hyps.is_empty() {
        return Err(Error::config(
            "entities: at least one hypothesis file (-i) is required",
        ));
    }
    Ok(())
}

fn analyse(
    opts: &EntityOptions,
    src: &TextFile,
    hyps: &[TextFile],
    refs: &[TextFile],
) -> Result<EntityReport> {
    for f in hyps.iter().chain(refs.iter()) {
        mismatch(src, f)?;
    }
    let docids = match &opts.docids {
        Some(p) => {
            let d = TextFile::read(p)?;
            mismatch(src, &d)?;
            d.lines
        }
        None => vec![String::new(); src.len()],
    };
    let glossary = opts.glossary.as_deref().map(Glossary::read).transpose()?;
    let inv = match &glossary {
        Some(g) => build_from_glossary(src, g, opts),
        None => {
            if script_of(&opts.source_lang) != Some(Script::Latin) {
                return Err(Error::config(format!(
                    "entities: without --glossary, names are extracted from Latin-script sources only (source language '{}')",
                    opts.source_lang
                )));
            }
            build_from_source(src, &opts.target_lang)
        }
    };
    Ok(run(
        &inv,
        src,
        hyps,
        refs.first(),
        &docids,
        &opts.target_lang,
    ))
}

/// Checks in-memory streams (no file reading); used by [`check`] and by tests.
pub fn check_lines(
    source: &[String],
    target_lang: &str,
    hyps: &[(String, Vec<String>)],
) -> EntityReport {
    let src = TextFile::from_lines("source", source);
    let inv = build_from_source(&src, target_lang);
    let hyps: Vec<TextFile> = hyps
        .iter()
        .map(|(name, lines)| TextFile {
            path: PathBuf::from(format!("{name}.txt")),
            lines: lines.clone(),
        })
        .collect();
    let docids = vec![String::new(); src.len()];
    run(&inv, &src, &hyps, None, &docids, target_lang)
}

fn run(
    inv: &Inventory,
    src: &TextFile,
    hyps: &[TextFile],
    reference: Option<&TextFile>,
    docids: &[String],
    target_lang: &str,
) -> EntityReport {
    let suffixes = morph::suffixes_for(target_lang);
    let latin_target = script_of(target_lang) == Some(Script::Latin);
    // The reference's spelling per (segment, mention index), when given.
    let ref_forms: Vec<Vec<Option<String>>> = match reference {
        Some(r) => (0..src.len())
            .map(|s| {
                match_segment(inv, s, r.lines.get(s).map_or("", String::as_str), &suffixes)
                    .2
                    .into_iter()
                    .map(|m| m.map(|m| m.form))
                    .collect()
            })
            .collect(),
        None => Vec::new(),
    };
    let mut systems = Vec::new();
    for hyp in hyps {
        let mut mentions = Vec::new();
        let mut hallucinations = Vec::new();
        let mut numbers_out = Vec::new();
        let mut tracker = consistency::Tracker::default();
        let hyp_lower = if latin_target {
            extract::lowercase_words(&hyp.lines)
        } else {
            Default::default()
        };
        for (seg, src_line) in src.lines.iter().enumerate() {
            let line = hyp.lines.get(seg).map_or("", String::as_str);
            let (tt, mut used, found) = match_segment(inv, seg, line, &suffixes);
            let doc = docids.get(seg).map_or("", String::as_str);
            for (i, sm) in inv.mentions[seg].iter().enumerate() {
                let e = &inv.entities[sm.entity];
                tracker.entity(&e.id);
                let source_form = src_line.get(sm.start..sm.end).unwrap_or("").to_string();
                match &found[i] {
                    Some(m) => {
                        let target_form = line
                            .get(tt[m.first].start..tt[m.last - 1].end)
                            .unwrap_or("")
                            .to_string();
                        tracker.record(&e.id, doc, &m.form);
                        if let Some(g) = &e.surname {
                            // The match always ends on the name's last token (full, or a
                            // contiguous tail), so its last word is the surname's form.
                            let last = m.form.rsplit(' ').next().unwrap_or("");
                            tracker.record_surname(g, &e.id, doc, last);
                        }
                        if !e.preferred.is_empty() && !e.preferred.contains(&m.form) {
                            tracker.flag(&e.id);
                        }
                        let expected = ref_forms.get(seg).and_then(|r| r.get(i)).cloned().flatten();
                        if expected.is_some_and(|x| x != m.form) {
                            tracker.flag(&e.id);
                        }
                        mentions.push(Mention {
                            segment: seg,
                            entity: e.id.clone(),
                            source_form,
                            target_form: Some(target_form),
                            status: Status::Found,
                        });
                    }
                    None => mentions.push(Mention {
                        segment: seg,
                        entity: e.id.clone(),
                        source_form,
                        target_form: None,
                        status: Status::Missing,
                    }),
                }
            }
            // Other entities of the document that turn up here although the source
            // segment does not name them: substitutions and hallucinations.
            let src_lower = normalize::normalize(src_line);
            for (ei, e) in inv.entities.iter().enumerate() {
                if e.weight < 3.0 || e.territory || inv.mentions[seg].iter().any(|m| m.entity == ei)
                {
                    continue;
                }
                // "Russian" in the source accounts for রাশিয়ার in the translation: a
                // source word that is the name plus a demonym ending (Russia → Russian,
                // Ukraine → Ukrainian, China → Chinese), not any word sharing a prefix.
                let demonym = src_lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| e.prefixes.iter().any(|p| is_demonym_of(w, p)));
                if demonym {
                    continue;
                }
                // A partial match counts only as one whole surname-like token (Peskov for
                // Dmitry Peskov); joined or multi-token partials are too easy to meet.
                let strong = |m: &Match| {
                    m.full || (m.matched == 1 && m.last - m.first == 1 && m.score >= 0.85)
                };
                if let Some(m) = best_match(e, &tt, &used).filter(strong) {
                    for u in &mut used[m.first..m.last] {
                        *u = true;
                    }
                    let target_form = line
                        .get(tt[m.first].start..tt[m.last - 1].end)
                        .unwrap_or("")
                        .to_string();
                    hallucinations.push(Hallucination {
                        segment: seg,
                        entity: e.id.clone(),
                        target_form,
                    });
                }
            }
            if latin_target {
                for n in extract::extract(line, &hyp_lower) {
                    let overlaps = tt
                        .iter()
                        .enumerate()
                        .any(|(k, t)| used[k] && t.start < n.end && n.start < t.end);
                    if !overlaps {
                        hallucinations.push(Hallucination {
                            segment: seg,
                            entity: n.text.clone(),
                            target_form: n.text,
                        });
                    }
                }
            }
            for (n, ok) in numbers::check(src_line, line) {
                numbers_out.push(NumberCheck {
                    segment: seg,
                    source_form: src_line.get(n.start..n.end).unwrap_or("").to_string(),
                    status: if ok { Status::Found } else { Status::Missing },
                });
            }
        }
        let variants = tracker.finish();
        let found = mentions
            .iter()
            .filter(|m| m.status == Status::Found)
            .count();
        let summary = Summary {
            mentions: mentions.len(),
            found,
            missing: mentions.len() - found,
            recall: if mentions.is_empty() {
                1.0
            } else {
                found as f64 / mentions.len() as f64
            },
            hallucinated: hallucinations.len(),
            inconsistent_entities: variants.iter().filter(|v| !v.consistent).count(),
        };
        systems.push(SystemEntities {
            system: system_name(&hyp.path),
            summary,
            mentions,
            hallucinations,
            variants,
            numbers: numbers_out,
        });
    }
    EntityReport { systems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let p = dir.path().join(name);
        let mut f = std::fs::File::create(&p).expect("create temp file");
        f.write_all(text.as_bytes()).expect("write temp file");
        p
    }

    fn opts(dir: &tempfile::TempDir, src: &str, hyp: &str) -> EntityOptions {
        EntityOptions {
            source: write(dir, "src.en", src),
            source_lang: "en".into(),
            target_lang: "bn".into(),
            hyps: vec![write(dir, "sys1.bn", hyp)],
            ..Default::default()
        }
    }

    #[test]
    fn line_mismatch_names_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = opts(&dir, "Lavrov came.\nPutin spoke.\n", "ল্যাভরভ এলেন।\n");
        let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("sys1.bn:2: missing line"), "{e}");
        assert!(e.contains("src.en has 2"), "{e}");
    }

    #[test]
    fn docids_line_count() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut o = opts(
            &dir,
            "Lavrov came.\nPutin spoke.\n",
            "ল্যাভরভ এলেন।\nপুতিন বললেন।\n",
        );
        o.docids = Some(write(&dir, "ids.txt", "d1\nd1\nd2\n"));
        let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("ids.txt:3: extra line"), "{e}");
    }

    #[test]
    fn unknown_language() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut o = opts(&dir, "Lavrov came.\n", "ল্যাভরভ এলেন।\n");
        o.target_lang = "xx".into();
        assert_eq!(
            check(&o).err().map(|e| e.kind().clone()),
            Some(ErrorKind::Config)
        );
    }

    #[test]
    fn found_missing_variants_numbers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = opts(
            &dir,
            "Sergei Lavrov arrived in Pyongyang on 18 October.\nLavrov met Choe Son Hui.\nLavrov thanked Putin.\n",
            "সের্গেই ল্যাভরভ ১৮ অক্টোবর পিয়ংইয়ং পৌঁছেছেন।\nলাভরভের সঙ্গে চোয়ে সন-হুইয়ের বৈঠক।\nল্যাভরভ ধন্যবাদ জানান।\n",
        );
        let r = check(&o).expect("check runs");
        let s = &r.systems[0];
        assert_eq!(s.system, "sys1");
        assert_eq!(s.summary.mentions, 6);
        let missing: Vec<&str> = s
            .mentions
            .iter()
            .filter(|m| m.status == Status::Missing)
            .map(|m| m.entity.as_str())
            .collect();
        assert_eq!(missing, vec!["Putin"]);
        let lavrov = s
            .variants
            .iter()
            .find(|v| v.entity == "Lavrov")
            .expect("Lavrov variants");
        assert!(!lavrov.consistent);
        assert_eq!(lavrov.forms.get("লাভরভ"), Some(&1));
        assert_eq!(s.numbers.len(), 1);
        assert_eq!(s.numbers[0].status, Status::Found);
        assert_eq!(s.summary.hallucinated, 0);
    }

    #[test]
    fn substitution_is_a_hallucination() {
        let r = check_lines(
            &[
                "Cho Tae-yul met Borrell.".to_string(),
                "Choe Son Hui spoke.".to_string(),
            ],
            "bn",
            &[(
                "s".to_string(),
                vec![
                    "চো তাই-ইউল বোরেলের সঙ্গে দেখা করেন।".to_string(),
                    "চো তাই-ইউল বলেছেন।".to_string(),
                ],
            )],
        );
        let s = &r.systems[0];
        assert_eq!(s.summary.missing, 1);
        assert_eq!(s.hallucinations.len(), 1, "{:?}", s.hallucinations);
        assert_eq!(s.hallucinations[0].entity, "Cho Tae-yul");
    }

    #[test]
    fn glossary_preferred_and_translated_places() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut o = opts(
            &dir,
            "Lavrov visited South Korea.\nLavrov left the United States.\n",
            "লাভরভ দক্ষিণ কোরিয়া সফর করেন।\nলাভরভ মার্কিন যুক্তরাষ্ট্র ছাড়েন।\n",
        );
        let r = check(&o).expect("check runs");
        assert_eq!(
            r.systems[0].summary.missing, 0,
            "{:?}",
            r.systems[0].mentions
        );
        o.glossary = Some(write(
            &dir,
            "g.csv",
            "id,lang,form,preferred\nlavrov,en,Lavrov\nlavrov,bn,ল্যাভরভ,yes\n",
        ));
        let r = check(&o).expect("check runs");
        let s = &r.systems[0];
        assert_eq!(s.summary.mentions, 2);
        assert_eq!(s.summary.found, 2);
        assert_eq!(s.variants[0].entity, "lavrov");
        assert!(!s.variants[0].consistent, "non-preferred form flagged");
    }
}
