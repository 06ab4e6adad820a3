//! The names to look for: which entities the source mentions, where, and everything each
//! may be written as in the target.
//!
//! Three ways in: names extracted from an English source ([`Inventory::from_english`]),
//! names of a glossary found verbatim in the source ([`Inventory::from_glossary`]), and
//! names of an Indic source confirmed by the reference ([`Inventory::from_indic`]). Each
//! entity carries its phonetic key with the tokens a translation must keep marked *core*
//! (see [`english_key`]), its CLDR names in the target language, and whether it is
//! *descriptive*: made only of ordinary English words, so that a translation may
//! legitimately translate it (Department of Justice → न्याय विभाग).

use std::collections::HashMap;

use super::align::{is_acronym, NameKey};
use super::extract::{self, DocWords};
use super::glossary::Glossary;
use super::lexicon::{self, WordClass};
use super::normalize::{normalize, tokenize};
use super::phonetic::key;
use super::places;

/// Function words inside names: never required (they are translated or dropped).
const FUNCTION: &[&str] = &[
    "the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by", "with", "vs", "v",
    "versus", "de", "da", "del", "la", "le", "van", "von", "der", "den", "du", "di", "bin", "al",
    "el", "y", "s",
];

const COMPASS: &[&str] = &["north", "south", "east", "west"];

/// An entity to look for, with everything it may be written as in the target.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical source form, or glossary id.
    pub id: String,
    /// Alternatives: the source spelling (first), CLDR and glossary target spellings.
    pub alts: Vec<NameKey>,
    /// Canonical glossary target forms, and which of them are preferred.
    pub glossary_forms: Vec<(String, bool)>,
    /// Made only of ordinary words: a translation may translate it.
    pub descriptive: bool,
    /// A CLDR place (territory or city).
    pub place: bool,
    /// Phonetic weight of the core tokens of the source spelling.
    pub weight: f32,
    /// Lowercase source words (4+ letters), to spot their demonyms in a segment.
    pub prefixes: Vec<String>,
}

impl Entity {
    /// Whether the entity is distinctive enough to be looked for where the source does
    /// not mention it ("names not in the source"): a real name, not a place (translations
    /// render "North Korean troops" with the place name), heavy enough not to be met by
    /// chance.
    pub fn strong(&self) -> bool {
        !self.descriptive && !self.place && self.weight >= 3.0
    }
}

/// A name in one source segment.
#[derive(Debug, Clone)]
pub struct SourceMention {
    /// Index into [`Inventory::entities`].
    pub entity: usize,
    /// Byte span in the source line.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
}

/// All entities and their mentions per source segment.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Entities in first-seen order.
    pub entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    /// Mentions per source segment, in source order.
    pub mentions: Vec<Vec<SourceMention>>,
    /// Source segments mentioning each entity (for the frequency guard).
    pub segment_count: Vec<usize>,
}

impl Inventory {
    fn add(&mut self, e: Entity) -> usize {
        if let Some(&i) = self.by_id.get(&e.id) {
            return i;
        }
        self.by_id.insert(e.id.clone(), self.entities.len());
        self.entities.push(e);
        self.segment_count.push(0);
        self.entities.len() - 1
    }

    /// Recomputes how often each entity occurs in the source (for the frequency guard):
    /// the segments that mention it, or, if more, the segments holding one of its core
    /// words as written (case-sensitive: "US", not "us"), so that "Korea" in "Republic
    /// of Korea" counts every segment about North or South Korea too.
    pub fn recount_with(&mut self, lines: &[String]) {
        self.recount();
        let mut words: HashMap<&str, usize> = HashMap::new();
        for l in lines {
            let mut seen: Vec<&str> = l
                .split(|c: char| !super::normalize::is_word_char(c))
                .filter(|w| !w.is_empty())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *words.entry(w).or_insert(0) += 1;
            }
        }
        for (e, count) in self.entities.iter().zip(self.segment_count.iter_mut()) {
            let Some(name) = e.alts.first() else { continue };
            for (t, tok) in tokenize(&e.id).iter().zip(&name.toks) {
                if tok.core {
                    let surface = e.id.get(t.start..t.end).unwrap_or("");
                    *count = (*count).max(words.get(surface).copied().unwrap_or(0));
                }
            }
        }
        // Spellings that sound alike are one name for frequency (Cohrens, Cohren).
        let mut by_key: HashMap<Vec<super::phonetic::Sym>, usize> = HashMap::new();
        for (e, &count) in self.entities.iter().zip(&self.segment_count) {
            let Some(name) = e.alts.first() else { continue };
            for t in name.toks.iter().filter(|t| t.core) {
                for k in &t.keys {
                    let v = by_key.entry(k.clone()).or_insert(0);
                    *v = (*v).max(count);
                }
            }
        }
        for (e, count) in self.entities.iter().zip(self.segment_count.iter_mut()) {
            let Some(name) = e.alts.first() else { continue };
            for t in name.toks.iter().filter(|t| t.core) {
                for k in &t.keys {
                    *count = (*count).max(by_key.get(k).copied().unwrap_or(0));
                }
            }
        }
    }

    /// Recomputes how many source segments mention each entity.
    pub fn recount(&mut self) {
        self.segment_count = vec![0; self.entities.len()];
        for seg in &self.mentions {
            let mut seen: Vec<usize> = seg.iter().map(|m| m.entity).collect();
            seen.sort_unstable();
            seen.dedup();
            for e in seen {
                self.segment_count[e] += 1;
            }
        }
    }

    /// Names extracted from an English source; `docs` gives each line's document (names
    /// are judged with the evidence of their own document).
    pub fn from_english(lines: &[String], docs: &[usize], target_lang: &str) -> Inventory {
        let mut by_doc: HashMap<usize, Vec<&str>> = HashMap::new();
        for (l, &d) in lines.iter().zip(docs) {
            by_doc.entry(d).or_default().push(l);
        }
        let evidence: HashMap<usize, DocWords> = by_doc
            .into_iter()
            .map(|(d, ls)| (d, DocWords::new(&ls)))
            .collect();
        let empty = DocWords::default();
        let mut inv = Inventory::default();
        for (line, d) in lines.iter().zip(docs) {
            let doc = evidence.get(d).unwrap_or(&empty);
            let mut seg = Vec::new();
            for n in extract::extract(line, doc) {
                let e = inv.add(english_entity(&n.text, target_lang));
                seg.push(SourceMention {
                    entity: e,
                    start: n.start,
                    end: n.end,
                });
            }
            inv.mentions.push(seg);
        }
        inv.recount_with(lines);
        inv
    }

    /// The glossary's entities, located in the source by exact, case-insensitive,
    /// whole-token matches of their source-language forms (never by sound: "says" is not
    /// "Siso").
    pub fn from_glossary(
        lines: &[String],
        g: &Glossary,
        source_lang: &str,
        target_lang: &str,
    ) -> Inventory {
        let mut inv = Inventory::default();
        let mut source_forms: Vec<(usize, Vec<String>)> = Vec::new();
        for id in g.ids() {
            let src_forms = g.forms(id, source_lang);
            if src_forms.is_empty() {
                continue;
            }
            let first = english_entity(&src_forms[0].form, target_lang);
            let mut alts = first.alts.clone();
            for f in g.forms(id, target_lang) {
                alts.push(NameKey::exact(&f.form));
            }
            for f in src_forms.iter().skip(1) {
                alts.extend(english_entity(&f.form, target_lang).alts);
            }
            let glossary_forms = g
                .forms(id, target_lang)
                .iter()
                .map(|f| (canonical_form(&f.form), f.preferred))
                .collect();
            let e = inv.add(Entity {
                id: id.to_string(),
                alts,
                glossary_forms,
                descriptive: first.descriptive,
                place: first.place,
                weight: first.weight,
                prefixes: first.prefixes,
            });
            for f in src_forms {
                let toks: Vec<String> = tokenize(&f.form).into_iter().map(|t| t.norm).collect();
                if !toks.is_empty() {
                    source_forms.push((e, toks));
                }
            }
        }
        // Longer forms first, so "Kim Jong Un" claims its words before "Kim".
        source_forms.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
        for line in lines {
            let toks = tokenize(line);
            let mut used = vec![false; toks.len()];
            let mut seg = Vec::new();
            for (e, form) in &source_forms {
                let n = form.len();
                let mut i = 0;
                while i + n <= toks.len() {
                    let hit = !used[i..i + n].iter().any(|&u| u)
                        && toks[i..i + n].iter().zip(form).all(|(t, f)| t.norm == *f);
                    if hit {
                        used[i..i + n].iter_mut().for_each(|u| *u = true);
                        seg.push(SourceMention {
                            entity: *e,
                            start: toks[i].start,
                            end: toks[i + n - 1].end,
                        });
                        i += n;
                    } else {
                        i += 1;
                    }
                }
            }
            seg.sort_by_key(|m| m.start);
            inv.mentions.push(seg);
        }
        inv.recount_with(lines);
        inv
    }

    /// Names of a Bengali or Devanagari source, found where the source and the reference
    /// agree across scripts (see [`super::indic`]).
    pub fn from_indic(found: Vec<Vec<(usize, usize, String)>>) -> Inventory {
        let mut inv = Inventory::default();
        for seg_names in found {
            let mut seg = Vec::new();
            for (start, end, text) in seg_names {
                let alts = vec![NameKey::exact(&text)];
                let weight = alts[0].weight();
                let e = inv.add(Entity {
                    id: text.clone(),
                    alts,
                    glossary_forms: Vec::new(),
                    descriptive: false,
                    place: false,
                    weight,
                    prefixes: Vec::new(),
                });
                seg.push(SourceMention {
                    entity: e,
                    start,
                    end,
                });
            }
            inv.mentions.push(seg);
        }
        inv.recount();
        inv
    }
}

impl Inventory {
    /// Pairs `(short, long)` of entities where the short one's core words are the last
    /// core words of the long one and both are names of people or things, not places
    /// or descriptive names: "Putin" and "Vladimir Putin" (for spelling consistency).
    pub fn tails(&self) -> Vec<(usize, usize)> {
        let core = |e: &Entity| -> Vec<String> {
            e.alts
                .first()
                .map(|k| {
                    k.toks
                        .iter()
                        .filter(|t| t.core)
                        .map(|t| t.norm.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        let eligible = |e: &Entity| !e.place && !e.descriptive;
        let cores: Vec<Vec<String>> = self.entities.iter().map(core).collect();
        let mut out = Vec::new();
        for (a, ca) in cores.iter().enumerate() {
            if ca.is_empty() || !eligible(&self.entities[a]) {
                continue;
            }
            for (b, cb) in cores.iter().enumerate() {
                if a != b && cb.len() > ca.len() && cb.ends_with(ca) && eligible(&self.entities[b])
                {
                    out.push((a, b));
                }
            }
        }
        out
    }
}

/// Canonical form of a spelling: normalised tokens joined by single spaces.
pub fn canonical_form(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The phonetic key of an English name, with the tokens a translation must keep marked
/// core, and whether the name is *descriptive* (made only of ordinary English words).
///
/// - Function words (of, the, de) are never core.
/// - In a name with at least one word that is not an ordinary English word (a SCOWL
///   proper noun, an unlisted word, an acronym), only those words and numbers are core:
///   "Government" in "Scottish Government", "International Airport" in "Seattle-Tacoma
///   International Airport" and "Main Battle Tanks" in "Kronos Main Battle Tanks" may be
///   translated. Words SCOWL lists both ways (Trump) are not required, but a tail of them
///   can stand for the whole name (ट्रंप for Donald Trump).
/// - A descriptive name (Department of Justice, Post Office, Hugging Face) must be found
///   whole when it is transliterated; when it is not, the caller decides from the
///   sentence's presence (it may have been translated).
/// - Compass words are core in territory names (North Korea ≠ South Korea).
pub fn english_key(text: &str, place: bool) -> (NameKey, bool) {
    let toks = tokenize(text);
    let mut classes = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let surface = text.get(t.start..t.end).unwrap_or("");
        let class = if FUNCTION.contains(&t.norm.as_str()) {
            None
        } else if is_roman_numeral(surface) && i > 0 {
            // World War II, Louis XIV: an ordinal, not a name of its own.
            Some(WordClass::Ambivalent)
        } else if STREET_ABBREVIATIONS.contains(&t.norm.as_str()) {
            Some(WordClass::Common)
        } else if t.norm.chars().all(|c| c.is_ascii_digit()) {
            // Numbers are kept by any translation, but do not make a name of ordinary
            // words (Act 2022) a proper name.
            Some(WordClass::Ambivalent)
        } else if derived_acronym(surface) {
            // DIYers, MPs: a kind of thing named after an acronym.
            Some(WordClass::Common)
        } else if surface.chars().any(|c| c.is_ascii_digit())
            && surface.chars().any(char::is_alphabetic)
        {
            // A code (A350, N585) is kept as written but is not a name on its own.
            Some(WordClass::Ambivalent)
        } else if is_acronym(surface) {
            // A plural acronym (ETPs, MPs) names a kind of thing, not one thing.
            Some(if surface.ends_with('s') {
                WordClass::Common
            } else {
                WordClass::Proper
            })
        } else {
            Some(lexicon::class(surface))
        };
        classes.push(class);
    }
    let descriptive = !place
        && !classes
            .iter()
            .flatten()
            .any(|c| matches!(c, WordClass::Proper | WordClass::Unknown));
    let is_code = |t: &super::normalize::Token| t.norm.chars().any(|c| c.is_ascii_digit());
    let core: Vec<bool> = toks
        .iter()
        .zip(&classes)
        .map(|(t, c)| match c {
            None => false,
            Some(_) if place && COMPASS.contains(&t.norm.as_str()) => true,
            _ if descriptive => true,
            Some(WordClass::Proper | WordClass::Unknown) => true,
            // Numbers and codes (Boeing 737, Airbus A350) are kept by any translation.
            Some(_) => is_code(t),
        })
        .collect();
    let tail: Vec<bool> = classes
        .iter()
        .map(|c| matches!(c, Some(WordClass::Ambivalent)))
        .collect();
    let content = classes.iter().flatten().count();
    let allow_partial = !descriptive && !place && content >= 2;
    let mut key = NameKey::new(text, &toks, &core, allow_partial);
    for (t, &x) in key.toks.iter_mut().zip(&tail) {
        t.tail = x;
    }
    // Every phonetic reading of the source spelling goes through the frequency guard.
    key.guard = true;
    // A demonym also stands for its place (Scottish Government → स्कॉटलैंड सरकार).
    for t in &mut key.toks {
        if !extract::is_demonym(&t.norm) {
            continue;
        }
        if let Some(p) = extract::place_of_demonym(t.norm.trim_end_matches('s')) {
            t.weak.push(self::key(&p));
        }
    }
    (key, descriptive)
}

/// Abbreviated designators of addresses (Santa Monica Blvd): ordinary words.
const STREET_ABBREVIATIONS: &[&str] = &[
    "blvd", "ave", "rd", "st", "mt", "ft", "ln", "hwy", "pkwy", "sq", "pl", "ct",
];

/// Capital Roman numerals up to 39 (II, XIV).
fn is_roman_numeral(surface: &str) -> bool {
    !surface.is_empty()
        && surface.len() <= 6
        && surface.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Two or more capitals then lowercase letters: a plural or derivative of an acronym
/// (DIYers, ETPs, MPs).
fn derived_acronym(surface: &str) -> bool {
    let caps = surface.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &surface[caps..];
    caps >= 2 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase())
}

/// An entity for an English name: its own key plus its CLDR names in `target_lang`.
pub fn english_entity(text: &str, target_lang: &str) -> Entity {
    let ids = places::places_named(text);
    let place = !ids.is_empty();
    let (first, descriptive) = english_key(text, place);
    let weight = first.weight();
    let mut alts = vec![first];
    for id in ids {
        for name in places::names_in(id, target_lang) {
            alts.push(NameKey::exact(name));
        }
        for word in places::distinctive_in(id, target_lang) {
            let mut k = NameKey::exact(word);
            k.guard = true;
            alts.push(k);
        }
    }
    let prefixes = tokenize(text)
        .into_iter()
        .filter(|t| t.norm.chars().count() >= 4)
        .map(|t| t.norm)
        .collect();
    Entity {
        id: text.to_string(),
        alts,
        glossary_forms: Vec::new(),
        descriptive,
        place,
        weight,
        prefixes,
    }
}

/// Whether `word` is a demonym (or its plural) formed from the name word `name`:
/// `name` minus final vowels, then a demonym ending.
pub fn is_demonym_of(word: &str, name: &str) -> bool {
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

/// Lowercase words of a line (for demonym checks).
pub fn lower_words(line: &str) -> Vec<String> {
    normalize(line)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(text: &str) -> (Vec<bool>, bool) {
        let (k, d) = english_key(text, false);
        (k.toks.iter().map(|t| t.core).collect(), d)
    }

    #[test]
    fn core_tokens_and_descriptive_names() {
        assert_eq!(core("Scottish Government"), (vec![true, false], false));
        assert_eq!(
            core("Department of Justice"),
            (vec![true, false, true], true)
        );
        assert_eq!(core("Donald Trump"), (vec![true, false], false));
        assert_eq!(
            core("Kronos Main Battle Tanks"),
            (vec![true, false, false, false], false)
        );
        assert_eq!(core("Kenneth Polite"), (vec![true, false], false));
        assert!(!core("Boeing 737 MAX 9").1);
        assert!(english_entity("Germany", "hi").place);
        assert!(english_entity("US", "hi").alts.len() > 1);
    }

    #[test]
    fn demonym_places() {
        assert_eq!(
            extract::place_of_demonym("scottish").as_deref(),
            Some("scotland")
        );
        assert_eq!(
            extract::place_of_demonym("korean").as_deref(),
            Some("korea")
        );
        assert_eq!(extract::place_of_demonym("green"), None);
        assert!(is_demonym_of("russian", "russia"));
    }
}
