//! Names a translation has that its source segment does not: another entity of the same
//! document written where the source has none (hallucinated) or where the source's own
//! name should be (substituted: Cho Tae-yul for Choe Son Hui).
//!
//! Only entities of the segment's own document are looked for (with `--docids`; without,
//! those mentioned within [`NEIGHBOURHOOD`] segments), only distinctive ones
//! ([`Entity::strong`]), only as whole tokens not claimed by the segment's own names, and
//! through an index from a coarse consonant signature of each target word to the
//! entities with a core token of that signature, so the work per target word is bounded
//! whatever the number of entities.

use std::collections::HashMap;

use super::align::{find_in, is_acronym, Match, TargetTok, THETA};
use super::distance::weight;
use super::extract::is_demonym;
use super::inventory::{is_demonym_of, Entity, Inventory};
use super::phonetic::Sym;
use super::places;

/// Without document ids, a segment's "document" is the segments this close to it.
pub const NEIGHBOURHOOD: usize = 5;

/// The coarse signature of a key: its first two hard symbols (consonant classes with
/// voicing and nasal place merged), which transliteration variants share.
fn signature(key: &[Sym]) -> Option<u16> {
    let mut it = key.iter().filter_map(|s| match s {
        Sym::Cons(c) => Some(match c {
            b'G' => b'K',
            b'D' => b'T',
            b'B' => b'P',
            b'J' => b'C',
            b'M' => b'N',
            b'S' => b'C',
            b'L' => b'R',
            c => *c,
        }),
        Sym::Digit(d) => Some(b'0' + d),
        _ => None,
    });
    let a = it.next()?;
    let b = it.next().unwrap_or(0);
    Some(u16::from(a) << 8 | u16::from(b))
}

/// Which entities each document may contain, and the signature index.
pub struct ExtrasIndex {
    /// Documents (or segments) where each entity is mentioned, sorted.
    seen_in: Vec<Vec<usize>>,
    by_signature: HashMap<u16, Vec<usize>>,
    docids: bool,
}

impl ExtrasIndex {
    /// Builds the index over the strong entities of `inv`; `docs[s]` is segment `s`'s
    /// document number, and `docids` says whether they come from `--docids`.
    pub fn new(inv: &Inventory, docs: &[usize], docids: bool) -> ExtrasIndex {
        let mut seen_in = vec![Vec::new(); inv.entities.len()];
        for (s, ms) in inv.mentions.iter().enumerate() {
            for m in ms {
                seen_in[m.entity].push(if docids { docs[s] } else { s });
            }
        }
        for v in &mut seen_in {
            v.sort_unstable();
            v.dedup();
        }
        let mut by_signature: HashMap<u16, Vec<usize>> = HashMap::new();
        for (i, e) in inv.entities.iter().enumerate() {
            // Acronyms read as words (PRS) meet ordinary words by chance.
            if !e.strong() || e.id.split_whitespace().all(is_acronym) {
                continue;
            }
            let Some(name) = e.alts.first() else { continue };
            for t in name.toks.iter().filter(|t| t.core) {
                for k in &t.keys {
                    if let Some(sig) = signature(k) {
                        let v = by_signature.entry(sig).or_default();
                        if v.last() != Some(&i) {
                            v.push(i);
                        }
                    }
                }
            }
        }
        ExtrasIndex {
            seen_in,
            by_signature,
            docids,
        }
    }

    fn in_document(&self, e: usize, seg: usize, doc: usize) -> bool {
        let v = &self.seen_in[e];
        if self.docids {
            v.binary_search(&doc).is_ok()
        } else {
            let lo = seg.saturating_sub(NEIGHBOURHOOD);
            let i = v.partition_point(|&s| s < lo);
            v.get(i).is_some_and(|&s| s <= seg + NEIGHBOURHOOD)
        }
    }

    /// Strong entities of the document that may occur in the target tokens `tt`, with
    /// the token that suggests each (sorted by entity, then token), excluding `exclude`
    /// (the segment's own entities).
    pub fn candidates(
        &self,
        tt: &[TargetTok],
        used: &[bool],
        seg: usize,
        doc: usize,
        exclude: &[usize],
    ) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, (t, &u)) in tt.iter().zip(used).enumerate() {
            if u {
                continue;
            }
            for (_, k) in &t.stems {
                let Some(sig) = signature(k) else { continue };
                for &e in self.by_signature.get(&sig).map_or(&[][..], Vec::as_slice) {
                    if !exclude.contains(&e) && self.in_document(e, seg, doc) {
                        out.push((e, i));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The best strong occurrence of entity `e` among the unused tokens: a full match, or one
/// whole, distinctive token that is the name's last core token and not a place or
/// demonym (Peskov for Dmitry Peskov, but not जर्मन for "Alternative for Germany").
pub fn strong_match(
    e: &Entity,
    tt: &[TargetTok],
    used: &[bool],
    range: std::ops::Range<usize>,
) -> Option<Match> {
    let name = e.alts.first()?;
    let words: Vec<&super::align::NameTok> =
        name.toks.iter().filter(|t| t.core || t.tail).collect();
    let last_is_place = words
        .last()
        .is_some_and(|t| !places::places_named(&t.norm).is_empty() || is_demonym(&t.norm));
    find_in(name, tt, used, range, THETA, false)
        .into_iter()
        .find(|m| {
            // Every name word, closely (Perry Cooper is not परे), or the last name word alone
            // when it is distinctive and not a place.
            (m.full && m.matched >= words.len() && m.score >= STRONG)
                || (m.matched == 1
                    && m.last - m.first == 1
                    && m.score >= STRONG
                    && !last_is_place
                    && weight(tt[m.first].key()) >= 3.0)
        })
}

/// The least similarity of a match nothing else backs: a name not in the source (Senti is
/// not शांति), or the spelling of a name the reference does not show.
pub(crate) const STRONG: f32 = 0.95;

/// Whether the source segment's words (`src_words`, lowercase) already account for the
/// entity: one of its distinctive core words is there in any case or form ("Scottish
/// tenants" for "Scottish Government", "crypto" for "Crypto").
pub fn accounted_for(e: &Entity, src_words: &[String]) -> bool {
    let Some(name) = e.alts.first() else {
        return false;
    };
    name.toks.iter().filter(|t| t.core).any(|t| {
        src_words.iter().any(|w| {
            *w == t.norm
                || w.strip_suffix('s') == Some(t.norm.as_str())
                || is_demonym_of(w, &t.norm)
        })
    })
}
