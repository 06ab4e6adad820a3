//! Exact n-gram keys and counting, shared by BLEU and chrF.
//!
//! An n-gram is a run of small integer symbols: a code point for character n-grams, a
//! per-segment word id for word n-grams. Short n-grams are packed losslessly into one
//! `u128` (6 code points of 21 bits, or 4 word ids of 32 bits); longer ones are kept as a
//! boxed slice. Keys are therefore exact: no hash of a key ever stands in for the key.

use rustc_hash::FxHashMap;

/// A lossless n-gram key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Gram {
    /// Up to `128 / bits` symbols packed with `bits` bits each, plus the order in the top
    /// bits' absence: symbols are stored `+1` so that no two orders collide.
    Packed(u128),
    /// Longer n-grams.
    Long(Box<[u32]>),
}

/// Builds the key of `symbols`, each of which fits in `bits` bits (`bits` is 21 for code
/// points, 32 for word ids); `symbols + 1` must also fit, which holds for both.
#[inline]
pub fn gram(symbols: &[u32], bits: u32) -> Gram {
    if symbols.len() as u32 * bits <= 128 {
        let mut k: u128 = 0;
        for &s in symbols {
            k = (k << bits) | (s as u128 + 1);
        }
        Gram::Packed(k)
    } else {
        Gram::Long(symbols.into())
    }
}

/// Counts of the n-grams of one order.
pub type Counts = FxHashMap<Gram, u32>;

/// Counts every n-gram of order `n` in `symbols`.
pub fn count_order(symbols: &[u32], n: usize, bits: u32) -> Counts {
    let mut counts = Counts::default();
    if n == 0 || symbols.len() < n {
        return counts;
    }
    counts.reserve(symbols.len() + 1 - n);
    for w in symbols.windows(n) {
        *counts.entry(gram(w, bits)).or_insert(0) += 1;
    }
    counts
}

/// `Σ min(hyp_count, ref_count)` over the n-grams of `hyp`: the clipped match count.
pub fn clipped_matches(hyp: &Counts, refs: &Counts) -> u64 {
    hyp.iter()
        .map(|(g, &h)| refs.get(g).map_or(0, |&r| h.min(r) as u64))
        .sum()
}

/// Maps words to per-segment ids so word n-grams can be packed. Words of the
/// references get ids `0..`; a hypothesis word absent from the references gets
/// [`UNKNOWN`], so any n-gram containing it can never match (it still counts in totals,
/// which are computed from lengths, not from distinct keys).
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: FxHashMap<Box<str>, u32>,
}

/// The id of a word not in the vocabulary.
pub const UNKNOWN: u32 = u32::MAX - 1;

impl Vocab {
    /// The id of `word`, adding it if new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.into(), id);
        id
    }

    /// The id of `word`, or [`UNKNOWN`].
    pub fn lookup(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(UNKNOWN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_exact_across_orders() {
        // "ab" and "a" followed by an empty symbol must never collide with other orders.
        assert_ne!(gram(&[0, 1], 21), gram(&[1], 21));
        assert_ne!(gram(&[0], 21), gram(&[0, 0], 21));
        assert!(matches!(gram(&[1; 7], 21), Gram::Long(_)));
        assert!(matches!(gram(&[1; 6], 21), Gram::Packed(_)));
        assert!(matches!(gram(&[UNKNOWN; 4], 32), Gram::Packed(_)));
        assert_ne!(gram(&[UNKNOWN, 0], 32), gram(&[0, UNKNOWN], 32));
    }

    #[test]
    fn counting_and_clipping() {
        let h = count_order(&[1, 1, 1, 2], 1, 21);
        let r = count_order(&[1, 2, 2], 1, 21);
        assert_eq!(clipped_matches(&h, &r), 2);
        assert!(count_order(&[1], 2, 21).is_empty());
    }
}
