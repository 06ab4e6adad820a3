//! Exact n-gram counting and clipped matching, shared by BLEU and chrF.
//!
//! An n-gram is a run of small integer symbols: a code point for character n-grams, a
//! per-segment word id for word n-grams. Every symbol is stored `+1`, so 0 means "past
//! the end of the line".
//!
//! Fast path: when all orders fit (`max_order × bits ≤ 128`: 6 code points of 21 bits, or
//! 4 word ids of 32 bits), the window of `max_order` symbols starting at each position is
//! packed into one `u128`, most significant symbol first, and the windows are sorted
//! once. Sorted windows are sorted by every prefix too, so the n-grams of order `n` are
//! runs of equal `n`-symbol prefixes; a prefix holding a 0 (padding) is not an n-gram.
//! Matching two sides is a linear merge of sorted `(key, count)` lists. One sort per side
//! replaces a hash map per order, with no hashing and little allocation.
//!
//! Slow path (longer orders, rarely used): hash maps keyed by the exact symbol slice.
//! Keys are exact in both paths: no hash ever stands in for an n-gram.

use rustc_hash::FxHashMap;

/// N-gram counts of one line, for orders `1..=max_order`.
#[derive(Debug, Clone, Default)]
pub struct NgramCounts {
    /// Per order: the sorted distinct keys with their counts (fast path), or a map.
    orders: Vec<OrderCounts>,
    /// Per order: the number of n-grams (with repeats).
    totals: Vec<u64>,
}

#[derive(Debug, Clone)]
enum OrderCounts {
    Sorted { keys: Vec<u128>, counts: Vec<u32> },
    Hashed(FxHashMap<Box<[u32]>, u32>),
}

impl NgramCounts {
    /// Counts the n-grams of orders `1..=max_order` of `symbols` (each `< 2^bits - 1`).
    /// Symbols equal to `skip` (if any) never form part of a counted n-gram; they are
    /// still counted in [`NgramCounts::total`].
    pub fn new(symbols: &[u32], max_order: usize, bits: u32, skip: Option<u32>) -> NgramCounts {
        let totals: Vec<u64> = (1..=max_order)
            .map(|n| symbols.len().saturating_sub(n - 1) as u64)
            .collect();
        if max_order == 0 {
            return NgramCounts {
                orders: Vec::new(),
                totals,
            };
        }
        if max_order as u32 * bits <= 128 {
            NgramCounts {
                orders: sorted_orders(symbols, max_order, bits, skip),
                totals,
            }
        } else {
            let orders = (1..=max_order)
                .map(|n| {
                    let mut m: FxHashMap<Box<[u32]>, u32> = FxHashMap::default();
                    if symbols.len() >= n {
                        for w in symbols.windows(n) {
                            if skip.is_none_or(|s| !w.contains(&s)) {
                                *m.entry(w.into()).or_insert(0) += 1;
                            }
                        }
                    }
                    OrderCounts::Hashed(m)
                })
                .collect();
            NgramCounts { orders, totals }
        }
    }

    /// The number of n-grams of order `n` (1-based), repeats included.
    pub fn total(&self, n: usize) -> u64 {
        self.totals.get(n - 1).copied().unwrap_or(0)
    }

    /// Whether there is no counted n-gram of order `n` (1-based).
    pub fn is_empty(&self, n: usize) -> bool {
        match self.orders.get(n - 1) {
            None => true,
            Some(OrderCounts::Sorted { keys, .. }) => keys.is_empty(),
            Some(OrderCounts::Hashed(m)) => m.is_empty(),
        }
    }

    /// `Σ min(self count, other count)` over the n-grams of order `n` (1-based).
    pub fn clipped_matches(&self, other: &NgramCounts, n: usize) -> u64 {
        match (self.orders.get(n - 1), other.orders.get(n - 1)) {
            (
                Some(OrderCounts::Sorted {
                    keys: ka,
                    counts: ca,
                }),
                Some(OrderCounts::Sorted {
                    keys: kb,
                    counts: cb,
                }),
            ) => {
                let (mut i, mut j, mut m) = (0, 0, 0u64);
                while i < ka.len() && j < kb.len() {
                    match ka[i].cmp(&kb[j]) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            m += ca[i].min(cb[j]) as u64;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                m
            }
            (Some(OrderCounts::Hashed(a)), Some(OrderCounts::Hashed(b))) => a
                .iter()
                .map(|(g, &c)| b.get(g).map_or(0, |&r| c.min(r) as u64))
                .sum(),
            _ => 0,
        }
    }

    /// Merges `other` into `self` order by order, keeping the maximum count of each
    /// n-gram (BLEU's multi-reference rule).
    pub fn max_merge(&mut self, other: &NgramCounts) {
        for (n, (a, b)) in self.orders.iter_mut().zip(&other.orders).enumerate() {
            self.totals[n] = self.totals[n].max(other.totals[n]);
            match (a, b) {
                (
                    OrderCounts::Sorted {
                        keys: ka,
                        counts: ca,
                    },
                    OrderCounts::Sorted {
                        keys: kb,
                        counts: cb,
                    },
                ) => {
                    let (mut keys, mut counts) =
                        (Vec::with_capacity(ka.len() + kb.len()), Vec::new());
                    let (mut i, mut j) = (0, 0);
                    while i < ka.len() || j < kb.len() {
                        let take_a = j >= kb.len() || (i < ka.len() && ka[i] <= kb[j]);
                        let take_b = i >= ka.len() || (j < kb.len() && kb[j] <= ka[i]);
                        let (k, c) = match (take_a, take_b) {
                            (true, true) => (ka[i], ca[i].max(cb[j])),
                            (true, false) => (ka[i], ca[i]),
                            _ => (kb[j], cb[j]),
                        };
                        keys.push(k);
                        counts.push(c);
                        i += take_a as usize;
                        j += take_b as usize;
                    }
                    *ka = keys;
                    *ca = counts;
                }
                (OrderCounts::Hashed(ma), OrderCounts::Hashed(mb)) => {
                    for (g, &c) in mb {
                        let e = ma.entry(g.clone()).or_insert(0);
                        *e = (*e).max(c);
                    }
                }
                _ => unreachable!("both sides are built with the same orders and bits"),
            }
        }
    }
}

/// The fast path: sort packed windows once, then read each order's runs.
fn sorted_orders(
    symbols: &[u32],
    max_order: usize,
    bits: u32,
    skip: Option<u32>,
) -> Vec<OrderCounts> {
    let mask: u128 = (1u128 << bits) - 1;
    // A skipped symbol is stored as padding (0) so no counted n-gram contains it.
    let code = |s: u32| if Some(s) == skip { 0 } else { s as u128 + 1 };
    let mut windows: Vec<u128> = Vec::with_capacity(symbols.len());
    let mut w: u128 = 0;
    // Build the window at position i from the one at i+1: shift right by one symbol and
    // put symbol i on top; walking backwards makes this O(1) per position.
    let top = bits * (max_order as u32 - 1);
    for &s in symbols.iter().rev() {
        w = (w >> bits) | (code(s) << top);
        windows.push(w);
    }
    windows.sort_unstable();
    (1..=max_order)
        .map(|n| {
            let shift = bits * (max_order - n) as u32;
            let (mut keys, mut counts): (Vec<u128>, Vec<u32>) = (Vec::new(), Vec::new());
            for &w in &windows {
                let p = w >> shift;
                // Each of the n symbols must be real (non-zero) for this to be an n-gram.
                if (0..n as u32).any(|k| (p >> (k * bits)) & mask == 0) {
                    continue;
                }
                if keys.last() == Some(&p) {
                    *counts.last_mut().expect("counts parallel to keys") += 1;
                } else {
                    keys.push(p);
                    counts.push(1);
                }
            }
            OrderCounts::Sorted { keys, counts }
        })
        .collect()
}

/// Maps words to per-segment ids so word n-grams can be packed. Words of the
/// references get ids `0..`; a hypothesis word absent from the references gets
/// [`UNKNOWN`], and n-grams containing it are not counted (they could never match;
/// totals still include them).
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

    /// Reference implementation: count each order with a map of slices.
    fn naive(symbols: &[u32], n: usize) -> FxHashMap<Vec<u32>, u32> {
        let mut m = FxHashMap::default();
        if symbols.len() >= n {
            for w in symbols.windows(n) {
                *m.entry(w.to_vec()).or_insert(0) += 1;
            }
        }
        m
    }

    fn naive_matches(a: &[u32], b: &[u32], n: usize) -> u64 {
        let (ma, mb) = (naive(a, n), naive(b, n));
        ma.iter()
            .map(|(g, &c)| mb.get(g).map_or(0, |&r| c.min(r) as u64))
            .sum()
    }

    #[test]
    fn both_paths_agree_with_naive_counting() {
        let a = [1, 2, 1, 2, 3, 0, 0, 0, 1, 2, 1];
        let b = [2, 1, 2, 0, 0, 1, 2, 3, 3];
        for (order, bits) in [(6, 21), (4, 32), (7, 21), (5, 32), (1, 21)] {
            let (ca, cb) = (
                NgramCounts::new(&a, order, bits, None),
                NgramCounts::new(&b, order, bits, None),
            );
            for n in 1..=order {
                assert_eq!(
                    ca.clipped_matches(&cb, n),
                    naive_matches(&a, &b, n),
                    "order {order} bits {bits} n {n}"
                );
                assert_eq!(ca.total(n), a.len().saturating_sub(n - 1) as u64);
            }
        }
    }

    #[test]
    fn skipped_symbols_never_match_but_count_in_totals() {
        let a = NgramCounts::new(&[1, UNKNOWN, 1], 2, 32, Some(UNKNOWN));
        let b = NgramCounts::new(&[1, 1], 2, 32, Some(UNKNOWN));
        assert_eq!(a.clipped_matches(&b, 1), 2);
        assert_eq!(a.clipped_matches(&b, 2), 0);
        assert_eq!(a.total(2), 2);
    }

    #[test]
    fn max_merge_keeps_maximum_counts() {
        let mut a = NgramCounts::new(&[1, 1, 2], 2, 32, None);
        let b = NgramCounts::new(&[2, 2, 1, 1, 1], 2, 32, None);
        a.max_merge(&b);
        let h = NgramCounts::new(&[1, 1, 1, 2, 2], 2, 32, None);
        // unigrams: min(3, max(2,3)) + min(2, max(1,2)) = 5
        assert_eq!(h.clipped_matches(&a, 1), 5);
    }
}
