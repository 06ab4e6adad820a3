//! Names of a Bengali or Devanagari source, found by agreement with the reference.
//!
//! An Indic source has no capital letters, so names cannot be extracted the English way.
//! Two sources of evidence stand in for them:
//!
//! - **An English reference**: its names are extracted as from an English source
//!   ([`super::extract`]) and looked for, across scripts, in the source segment. Where one
//!   is found, that source span is a name, and the English form is what a system must
//!   write.
//! - **A reference in another script** (Hindi → Bengali): a source word is a name when it
//!   is found, across scripts, in the reference *and* sounds like a known name (a CLDR
//!   place in any language, or a long SCOWL proper noun; an index on the consonant
//!   skeleton). The second
//!   condition is needed because Hindi and Bengali share most of their vocabulary: सरकार
//!   and সরকার agree across scripts without being names. Words in more than 1 % of the
//!   source segments are never names (frequent function words and cognates).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::align::{find, target_tokens, NameKey, THETA};
use super::distance::similarity;
use super::extract::{self, DocWords};
use super::inventory::{english_key, Entity, Inventory, SourceMention};
use super::morph::{stems, suffixes_for};
use super::normalize::tokenize;
use super::phonetic::{key, Sym};
use super::places;
use super::script::{target_script, Script};

const PROPER: &str = include_str!("data/english_proper.txt");

/// Endings that make an adjective of a place name in Hindi, Marathi, Nepali and Bengali
/// (जापानी, यूक्रेनी, कनाडाई, रोमानियाई; ভারতীয়, আফ্রিকান).
const ADJECTIVE_ENDINGS: &[&str] = &["ियाई", "ाई", "ीय", "ी", "ई", "ियन", "ীয়", "ী", "ান", "িয়ান"];
const PLACES: &str = include_str!("data/places.tsv");

/// Coarse consonant skeleton of a key (voicing and aspiration merged), the index key.
fn skeleton(k: &[Sym]) -> Vec<u8> {
    k.iter()
        .filter_map(|s| match s {
            Sym::Cons(c) => Some(match c {
                b'G' => b'K',
                b'D' => b'T',
                b'B' => b'P',
                b'J' => b'C',
                b'M' => b'N',
                c => *c,
            }),
            _ => None,
        })
        .collect()
}

/// Known names by skeleton: each name's phonetic key and whether it is a place.
type Gazetteer = HashMap<Vec<u8>, Vec<(Vec<Sym>, bool)>>;

/// Keys of known names by skeleton: one-word CLDR place names (in English and in every
/// language of the table, so पराग्वे and ব্রাজিল are known as written) and SCOWL proper nouns,
/// each with whether it is a place (places are trusted more: see
/// [`sounds_like_a_name`]).
fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g: Gazetteer = HashMap::new();
        let places = PLACES.lines().filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 4 && f[0] != "language").then(|| (f[3], true))
        });
        let proper = PROPER.lines().map(|w| (w, false));
        for (name, place) in places.chain(proper) {
            // Words of multi-word place names are often ordinary words (पूर्वी in पूर्वी
            // तिमोर, मध्य, केंद्रीय): only one-word names count.
            let toks = tokenize(name);
            if place && toks.len() > 1 {
                continue;
            }
            for t in toks {
                if t.norm.chars().count() < 3 {
                    continue;
                }
                let k = key(&t.norm);
                let s = skeleton(&k);
                if s.len() >= 2 {
                    g.entry(s).or_default().push((k, place));
                }
            }
        }
        g
    })
}

/// Whether a word's key matches a known name: a place with at least three consonants at
/// similarity ≥ 0.9, or a SCOWL
/// proper noun (many of which sound like ordinary Hindi or Bengali words: महिला, मीटर)
/// only with at least four consonants and similarity ≥ 0.95.
fn sounds_like_a_name(k: &[Sym]) -> bool {
    let s = skeleton(k);
    s.len() >= 2
        && gazetteer().get(&s).is_some_and(|ks| {
            ks.iter().any(|(g, place)| {
                let sim = similarity(g, k);
                if *place {
                    s.len() >= 3 && sim >= 0.9
                } else {
                    s.len() >= 4 && sim >= 0.95
                }
            })
        })
}

/// The inventory of an Indic source `src` with reference `reference` (see the module
/// docs).
pub fn inventory(
    src: &[String],
    reference: &[String],
    source_lang: &str,
    target_lang: &str,
) -> Inventory {
    if target_script(target_lang) == Some(Script::Latin) {
        from_latin_reference(src, reference, source_lang)
    } else {
        from_indic_reference(src, reference, source_lang, target_lang)
    }
}

fn from_latin_reference(src: &[String], reference: &[String], source_lang: &str) -> Inventory {
    let doc = DocWords::new(reference);
    let suffixes = suffixes_for(source_lang);
    let mut found = Vec::new();
    for (line, r) in src.iter().zip(reference) {
        let tt = target_tokens(&tokenize(line), &suffixes);
        let mut used = vec![false; tt.len()];
        let mut seg = Vec::new();
        for n in extract::extract(r, &doc) {
            let (k, descriptive) = english_key(&n.text, false);
            if descriptive {
                continue;
            }
            if let Some(m) = find(&k, &tt, &used, THETA).into_iter().find(|m| m.full) {
                used[m.first..m.last].iter_mut().for_each(|u| *u = true);
                seg.push((tt[m.first].start, tt[m.last - 1].end, n.text.clone()));
            }
        }
        seg.sort_by_key(|x| x.0);
        found.push(seg);
    }
    // Entities are named by their English form, and matched by it.
    let mut inv = Inventory::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for seg in found {
        let mut ms = Vec::new();
        for (start, end, text) in seg {
            let e = *ids.entry(text.clone()).or_insert_with(|| {
                let (k, _) = english_key(&text, false);
                let weight = k.weight();
                inv.entities.push(Entity {
                    id: text.clone(),
                    alts: vec![k],
                    glossary_forms: Vec::new(),
                    descriptive: false,
                    place: false,
                    weight,
                    prefixes: Vec::new(),
                });
                inv.entities.len() - 1
            });
            ms.push(SourceMention {
                entity: e,
                start,
                end,
            });
        }
        inv.mentions.push(ms);
    }
    inv.recount();
    inv
}

fn from_indic_reference(
    src: &[String],
    reference: &[String],
    source_lang: &str,
    target_lang: &str,
) -> Inventory {
    let src_suffixes = suffixes_for(source_lang);
    let ref_suffixes = suffixes_for(target_lang);
    // Segment frequency of source words: frequent words are never names.
    let toks: Vec<_> = src.iter().map(|l| tokenize(l)).collect();
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for t in &toks {
        let mut w: Vec<&str> = t.iter().map(|x| x.norm.as_str()).collect();
        w.sort_unstable();
        w.dedup();
        for x in w {
            *freq.entry(x).or_insert(0) += 1;
        }
    }
    let limit = (src.len() / 100).max(3);
    let mut found = Vec::new();
    for (seg, line) in src.iter().enumerate() {
        let rtt = target_tokens(
            &tokenize(reference.get(seg).map_or("", String::as_str)),
            &ref_suffixes,
        );
        let mut names: Vec<(usize, usize, String)> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for t in &toks[seg] {
            if freq.get(t.norm.as_str()).copied().unwrap_or(0) > limit {
                prev_end = None;
                continue;
            }
            let stem_keys: Vec<(&str, Vec<Sym>)> = stems(&t.norm, &src_suffixes)
                .into_iter()
                .map(|(s, _)| (s, key(s)))
                .collect();
            // Language names and nationality adjectives (जापानी, অফ্রিকী: a place plus an
            // adjective ending) are not names.
            let adjective = places::is_language_name_in(&t.norm, source_lang)
                || ADJECTIVE_ENDINGS.iter().any(|end| {
                    t.norm.strip_suffix(end).is_some_and(|stem| {
                        stem.chars().count() >= 2 && sounds_like_a_name(&key(stem))
                    })
                });
            let found = (!adjective)
                .then(|| stem_keys.iter().find(|(_, k)| sounds_like_a_name(k)))
                .flatten();
            let Some((stem, _)) = found else {
                prev_end = None;
                continue;
            };
            let name = NameKey::exact(stem);
            let used = vec![false; rtt.len()];
            if find(&name, &rtt, &used, THETA).is_empty() {
                prev_end = None;
                continue;
            }
            // Adjacent name words form one name (ভ্লাদিমির পুতিন).
            let adjacent = prev_end.is_some_and(|e| line[e..t.start].trim().is_empty());
            match names.last_mut() {
                Some(last) if adjacent => {
                    last.1 = t.end;
                    last.2.push(' ');
                    last.2.push_str(stem);
                }
                _ => names.push((t.start, t.end, stem.to_string())),
            }
            prev_end = Some(t.end);
        }
        found.push(names);
    }
    Inventory::from_indic(found)
}
