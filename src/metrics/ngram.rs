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

use std::cell::RefCell;

use rustc_hash::FxHashMap;

/// The most orders the packed path stores (`max_order × bits ≤ 128` with `bits ≥ 16`).
const MAX_PACKED_ORDERS: usize = 8;

/// N-gram counts of one line, for orders `1..=max_order` (a reference side).
#[derive(Debug, Clone, Default)]
pub struct NgramCounts {
    /// Symbols in the line (the number of n-grams of order `n` is `len - n + 1`).
    len: usize,
    /// Orders counted.
    max_order: usize,
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    /// Distinct keys of every order, sorted within each order, with their counts; order
    /// `n`'s entries are `starts[n - 1]..starts[n]`.
    Sorted {
        keys: Vec<u128>,
        counts: Vec<u32>,
        starts: [u32; MAX_PACKED_ORDERS + 1],
    },
    /// Only the sorted packed windows (a reference matched by [`Windows::matches`] in one
    /// merge over all orders; see [`NgramCounts::windows`]).
    Windows {
        sorted: Vec<u128>,
        narrow: Vec<u64>,
        bits: u32,
    },
    /// One map per order (long orders).
    Hashed(Vec<FxHashMap<Box<[u32]>, u32>>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Hashed(Vec::new())
    }
}

fn packs(max_order: usize, bits: u32) -> bool {
    max_order <= MAX_PACKED_ORDERS && max_order as u32 * bits <= 128
}

thread_local! {
    /// Scratch windows for building reference counts, reused per thread.
    static SCRATCH: RefCell<Vec<u128>> = const { RefCell::new(Vec::new()) };
}

/// A packed window type: `u64` when `max_order × bits ≤ 64` (faster to sort and
/// compare), else `u128`.
trait Packed:
    Copy
    + Ord
    + Default
    + std::ops::Shl<u32, Output = Self>
    + std::ops::Shr<u32, Output = Self>
    + std::ops::BitOr<Output = Self>
    + std::ops::BitAnd<Output = Self>
    + std::ops::BitXor<Output = Self>
    + std::ops::Not<Output = Self>
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
{
    const BITS: u32;
    const ZERO: Self;
    const ONE: Self;
    const MAX: Self;
    fn from_u32(x: u32) -> Self;
    fn lz(self) -> u32;
    /// Runs `f` with this thread's scratch buffers for merging windows.
    fn with_scratch<R>(f: impl FnOnce(&mut Vec<Self>, &mut Vec<bool>) -> R) -> R;
}

macro_rules! packed {
    ($t:ty) => {
        impl Packed for $t {
            const BITS: u32 = <$t>::BITS;
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const MAX: Self = <$t>::MAX;
            #[inline]
            fn from_u32(x: u32) -> Self {
                x as $t
            }
            #[inline]
            fn lz(self) -> u32 {
                self.leading_zeros()
            }
            fn with_scratch<R>(f: impl FnOnce(&mut Vec<Self>, &mut Vec<bool>) -> R) -> R {
                thread_local! {
                    static SCRATCH: RefCell<(Vec<$t>, Vec<bool>)> =
                        const { RefCell::new((Vec::new(), Vec::new())) };
                }
                SCRATCH.with(|s| {
                    let (m, b) = &mut *s.borrow_mut();
                    f(m, b)
                })
            }
        }
    };
}
packed!(u64);
packed!(u128);

fn narrow(max_order: usize, bits: u32) -> bool {
    max_order as u32 * bits <= 64
}

/// Fills `out` with the sorted packed windows of `symbols` (see the module docs).
fn sorted_windows<K: Packed>(
    out: &mut Vec<K>,
    symbols: &[u32],
    max_order: usize,
    bits: u32,
    skip: Option<u32>,
) {
    out.clear();
    out.reserve(symbols.len());
    // A skipped symbol is stored as padding (0) so no counted n-gram contains it.
    let code = |s: u32| {
        if Some(s) == skip {
            K::ZERO
        } else {
            K::from_u32(s) + K::ONE
        }
    };
    let mut w = K::ZERO;
    // Build the window at position i from the one at i+1: shift right by one symbol and
    // put symbol i on top; walking backwards makes this O(1) per position.
    let top = bits * (max_order as u32 - 1);
    for &s in symbols.iter().rev() {
        let c = code(s);
        w = (w >> bits) | (c << top);
        // A window starting with a skipped symbol holds no n-gram of any order: leave it
        // out (totals come from the symbol count, not from the windows).
        if c != K::ZERO {
            out.push(w);
        }
    }
    out.sort_unstable();
}

fn hashed_orders(symbols: &[u32], max_order: usize, skip: Option<u32>) -> Repr {
    Repr::Hashed(
        (1..=max_order)
            .map(|n| {
                let mut m: FxHashMap<Box<[u32]>, u32> = FxHashMap::default();
                if symbols.len() >= n {
                    for w in symbols.windows(n) {
                        if skip.is_none_or(|s| !w.contains(&s)) {
                            *m.entry(w.into()).or_insert(0) += 1;
                        }
                    }
                }
                m
            })
            .collect(),
    )
}

impl NgramCounts {
    /// Counts the n-grams of orders `1..=max_order` of `symbols` (each `< 2^bits - 1`).
    /// Symbols equal to `skip` (if any) never form part of a counted n-gram; they are
    /// still counted in [`NgramCounts::total`].
    pub fn new(symbols: &[u32], max_order: usize, bits: u32, skip: Option<u32>) -> NgramCounts {
        let repr = if max_order == 0 {
            Repr::Hashed(Vec::new())
        } else if packs(max_order, bits) {
            SCRATCH.with(|w| {
                let windows = &mut *w.borrow_mut();
                sorted_windows(windows, symbols, max_order, bits, skip);
                sorted_counts(windows, max_order, bits, skip.is_some())
            })
        } else {
            hashed_orders(symbols, max_order, skip)
        };
        NgramCounts {
            len: symbols.len(),
            max_order,
            repr,
        }
    }

    /// Like [`NgramCounts::new`] without `skip`, but keeps only the sorted windows: cheaper
    /// to build, and matched against a hypothesis's [`Windows`] in one merge for all orders.
    /// Cannot be [`NgramCounts::max_merge`]d.
    pub fn windows(symbols: &[u32], max_order: usize, bits: u32) -> NgramCounts {
        let mut counts = NgramCounts::default();
        counts.fill_windows(symbols, max_order, bits);
        counts
    }

    /// Replaces the contents with [`NgramCounts::windows`] of `symbols`, reusing the
    /// allocation when `self` already holds windows.
    pub fn fill_windows(&mut self, symbols: &[u32], max_order: usize, bits: u32) {
        if max_order == 0 || !packs(max_order, bits) {
            *self = NgramCounts::new(symbols, max_order, bits, None);
            return;
        }
        if !matches!(self.repr, Repr::Windows { .. }) {
            self.repr = Repr::Windows {
                sorted: Vec::new(),
                narrow: Vec::new(),
                bits,
            };
        }
        let Repr::Windows {
            sorted,
            narrow: narrow_w,
            bits: b,
        } = &mut self.repr
        else {
            unreachable!("set just above")
        };
        *b = bits;
        if narrow(max_order, bits) {
            sorted.clear();
            sorted_windows(narrow_w, symbols, max_order, bits, None);
        } else {
            narrow_w.clear();
            sorted_windows(sorted, symbols, max_order, bits, None);
        }
        self.len = symbols.len();
        self.max_order = max_order;
    }

    /// The number of n-grams of order `n` (1-based), repeats included.
    pub fn total(&self, n: usize) -> u64 {
        total(self.len, self.max_order, n)
    }

    /// The same counts in the per-order sorted representation.
    fn to_sorted(&self) -> std::borrow::Cow<'_, NgramCounts> {
        match &self.repr {
            Repr::Windows {
                sorted,
                narrow: narrow_w,
                bits,
            } => {
                let wide: Vec<u128> = if narrow(self.max_order, *bits) {
                    narrow_w.iter().map(|&w| w as u128).collect()
                } else {
                    sorted.clone()
                };
                std::borrow::Cow::Owned(NgramCounts {
                    len: self.len,
                    max_order: self.max_order,
                    repr: sorted_counts(&wide, self.max_order, *bits, false),
                })
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// Whether there is no counted n-gram of order `n` (1-based).
    pub fn is_empty(&self, n: usize) -> bool {
        if n == 0 || n > self.max_order {
            return true;
        }
        match &self.repr {
            Repr::Sorted { starts, .. } => starts[n] == starts[n - 1],
            Repr::Windows { .. } => self.to_sorted().is_empty(n),
            Repr::Hashed(m) => m[n - 1].is_empty(),
        }
    }

    /// Order `n`'s sorted keys and counts (packed path only).
    fn order(&self, n: usize) -> Option<(&[u128], &[u32])> {
        match &self.repr {
            Repr::Sorted {
                keys,
                counts,
                starts,
                ..
            } if n >= 1 && n <= self.max_order => {
                let (a, b) = (starts[n - 1] as usize, starts[n] as usize);
                Some((&keys[a..b], &counts[a..b]))
            }
            _ => None,
        }
    }

    /// `Σ min(self count, other count)` over the n-grams of order `n` (1-based).
    pub fn clipped_matches(&self, other: &NgramCounts, n: usize) -> u64 {
        if matches!(self.repr, Repr::Windows { .. }) || matches!(other.repr, Repr::Windows { .. }) {
            return self.to_sorted().clipped_matches(&other.to_sorted(), n);
        }
        if let (Some((ka, ca)), Some((kb, cb))) = (self.order(n), other.order(n)) {
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
            return m;
        }
        match (&self.repr, &other.repr) {
            (Repr::Hashed(a), Repr::Hashed(b)) if n >= 1 && n <= a.len() && n <= b.len() => a
                [n - 1]
                .iter()
                .map(|(g, &c)| b[n - 1].get(g).map_or(0, |&r| c.min(r) as u64))
                .sum(),
            _ => 0,
        }
    }

    /// Merges `other` into `self` order by order, keeping the maximum count of each
    /// n-gram (BLEU's multi-reference rule).
    pub fn max_merge(&mut self, other: &NgramCounts) {
        if matches!(self.repr, Repr::Windows { .. }) {
            *self = self.to_sorted().into_owned();
        }
        let other = other.to_sorted();
        let other = other.as_ref();
        self.len = self.len.max(other.len);
        match (&mut self.repr, &other.repr) {
            (
                Repr::Sorted {
                    keys,
                    counts,
                    starts,
                    ..
                },
                Repr::Sorted { .. },
            ) => {
                let (mut nk, mut nc) = (
                    Vec::with_capacity(keys.len() + other.keys_len()),
                    Vec::with_capacity(keys.len() + other.keys_len()),
                );
                let mut ns = [0u32; MAX_PACKED_ORDERS + 1];
                for n in 1..=self.max_order {
                    let (a, b) = (starts[n - 1] as usize, starts[n] as usize);
                    let (ka, ca) = (&keys[a..b], &counts[a..b]);
                    let (kb, cb) = other.order(n).expect("same orders and bits on both sides");
                    let (mut i, mut j) = (0, 0);
                    while i < ka.len() || j < kb.len() {
                        let take_a = j >= kb.len() || (i < ka.len() && ka[i] <= kb[j]);
                        let take_b = i >= ka.len() || (j < kb.len() && kb[j] <= ka[i]);
                        let (k, c) = match (take_a, take_b) {
                            (true, true) => (ka[i], ca[i].max(cb[j])),
                            (true, false) => (ka[i], ca[i]),
                            _ => (kb[j], cb[j]),
                        };
                        nk.push(k);
                        nc.push(c);
                        i += take_a as usize;
                        j += take_b as usize;
                    }
                    ns[n] = nk.len() as u32;
                }
                *keys = nk;
                *counts = nc;
                *starts = ns;
            }
            (Repr::Hashed(ma), Repr::Hashed(mb)) => {
                for (ma, mb) in ma.iter_mut().zip(mb) {
                    for (g, &c) in mb {
                        let e = ma.entry(g.clone()).or_insert(0);
                        *e = (*e).max(c);
                    }
                }
            }
            _ => unreachable!("both sides are built with the same orders and bits"),
        }
    }

    fn keys_len(&self) -> usize {
        match &self.repr {
            Repr::Sorted { keys, .. } => keys.len(),
            Repr::Windows { .. } | Repr::Hashed(_) => 0,
        }
    }
}

fn total(len: usize, max_order: usize, n: usize) -> u64 {
    if n == 0 || n > max_order {
        0
    } else {
        len.saturating_sub(n - 1) as u64
    }
}

/// Reads each order's runs of equal prefixes off sorted windows.
/// Without skipped symbols, padding only ever ends a window, so an n-symbol prefix is real
/// exactly when its last symbol is; with them, every symbol is checked.
fn sorted_counts(windows: &[u128], max_order: usize, bits: u32, skipped: bool) -> Repr {
    let mask: u128 = (1u128 << bits) - 1;
    let mut keys: Vec<u128> = Vec::with_capacity(windows.len() * max_order);
    let mut counts: Vec<u32> = Vec::with_capacity(windows.len() * max_order);
    let mut starts = [0u32; MAX_PACKED_ORDERS + 1];
    for (n, start) in starts.iter_mut().enumerate().take(max_order + 1).skip(1) {
        let shift = bits * (max_order - n) as u32;
        let first = keys.len();
        for &w in windows {
            let p = w >> shift;
            // Each of the n symbols must be real (non-zero) for this to be an n-gram.
            if p & mask == 0 || (skipped && (1..n as u32).any(|k| (p >> (k * bits)) & mask == 0)) {
                continue;
            }
            if keys.len() > first && keys.last() == Some(&p) {
                *counts.last_mut().expect("counts parallel to keys") += 1;
            } else {
                keys.push(p);
                counts.push(1);
            }
        }
        *start = keys.len() as u32;
    }
    // Reserved for the worst case (all distinct); references stay alive for a block.
    keys.shrink_to_fit();
    counts.shrink_to_fit();
    Repr::Sorted {
        keys,
        counts,
        starts,
    }
}

/// The n-grams of a hypothesis, kept as its sorted packed windows only: matching walks
/// runs of equal prefixes against a reference's [`NgramCounts`], so nothing per order is
/// built. Reuse one `Windows` across segments to avoid allocating.
#[derive(Debug, Default)]
pub struct Windows {
    sorted: Vec<u128>,
    /// Used instead of `sorted` when `max_order × bits ≤ 64`.
    narrow: Vec<u64>,
    len: usize,
    max_order: usize,
    bits: u32,
    /// Long orders: plain counts.
    slow: Option<NgramCounts>,
}

impl Windows {
    /// Replaces the contents with the n-grams of `symbols` (see [`NgramCounts::new`]).
    pub fn fill(&mut self, symbols: &[u32], max_order: usize, bits: u32, skip: Option<u32>) {
        self.len = symbols.len();
        self.max_order = max_order;
        self.bits = bits;
        if max_order > 0 && packs(max_order, bits) {
            self.slow = None;
            if narrow(max_order, bits) {
                self.sorted.clear();
                sorted_windows(&mut self.narrow, symbols, max_order, bits, skip);
            } else {
                self.narrow.clear();
                sorted_windows(&mut self.sorted, symbols, max_order, bits, skip);
            }
        } else {
            self.sorted.clear();
            self.slow = Some(NgramCounts::new(symbols, max_order, bits, skip));
        }
    }

    /// The number of n-grams of order `n` (1-based), repeats included.
    pub fn total(&self, n: usize) -> u64 {
        total(self.len, self.max_order, n)
    }

    /// Clipped matches of every order against `r` (built with the same `max_order` and
    /// `bits`): `out[n - 1] = Σ min(self count, reference count)` over order-`n` n-grams.
    pub fn matches(&self, r: &NgramCounts, out: &mut [u64]) {
        match (&self.slow, &r.repr) {
            (
                None,
                Repr::Windows {
                    sorted,
                    narrow: n,
                    bits,
                },
            ) if *bits == self.bits => {
                if narrow(self.max_order, self.bits) {
                    merged_matches(&self.narrow, n, self.max_order, self.bits, out)
                } else {
                    merged_matches(&self.sorted, sorted, self.max_order, self.bits, out)
                }
            }
            _ => {
                for (n, o) in out.iter_mut().enumerate().take(self.max_order) {
                    *o = self.clipped_matches(r, n + 1);
                }
            }
        }
    }

    /// `Σ min(self count, reference count)` over the n-grams of order `n` (1-based);
    /// `r` must have been built with the same `max_order` and `bits`.
    pub fn clipped_matches(&self, r: &NgramCounts, n: usize) -> u64 {
        if let Some(slow) = &self.slow {
            return slow.clipped_matches(r, n);
        }
        if let Repr::Windows { .. } = r.repr {
            let mut out = [0u64; MAX_PACKED_ORDERS];
            self.matches(r, &mut out[..self.max_order]);
            return out.get(n.wrapping_sub(1)).copied().unwrap_or(0);
        }
        let Some((keys, counts)) = r.order(n) else {
            return 0;
        };
        let shift = self.bits * (self.max_order - n) as u32;
        let wide: Vec<u128>;
        let w = if narrow(self.max_order, self.bits) {
            wide = self.narrow.iter().map(|&w| w as u128).collect();
            &wide
        } else {
            &self.sorted
        };
        let (mut i, mut j, mut m) = (0usize, 0usize, 0u64);
        while i < w.len() && j < keys.len() {
            let p = w[i] >> shift;
            let mut k = i + 1;
            while k < w.len() && w[k] >> shift == p {
                k += 1;
            }
            let c = (k - i) as u32;
            i = k;
            // Reference keys are valid n-grams only, so a prefix holding padding (or a
            // skipped symbol) never finds an equal key.
            while j < keys.len() && keys[j] < p {
                j += 1;
            }
            if j < keys.len() && keys[j] == p {
                m += c.min(counts[j]) as u64;
                j += 1;
            }
        }
        m
    }
}

/// Clipped matches of all orders between two sorted window lists, in one merge.
///
/// Both lists are sorted by full window, hence by every prefix, so their merge visits the
/// n-grams of each order as runs of equal `n`-symbol prefixes. Consecutive windows share
/// their first `lcp` symbols: a run of order `n` ends where `lcp < n`. A window counts
/// towards the orders up to its number of leading real (non-zero) symbols, so prefixes
/// holding padding or a skipped symbol are never counted.
fn merged_matches<K: Packed>(a: &[K], b: &[K], max_order: usize, bits: u32, out: &mut [u64]) {
    macro_rules! dispatch {
        ($($n:literal)*) => {
            match max_order {
                $($n => merged_matches_n::<K, $n>(a, b, bits, out),)*
                _ => unreachable!("packed orders are 1..={MAX_PACKED_ORDERS}"),
            }
        };
    }
    dispatch!(1 2 3 4 5 6 7 8)
}

/// [`merged_matches`] for `N` orders: first a branch-free merge into one sorted list
/// with each window's side, then one branch-free pass that closes runs on all orders.
fn merged_matches_n<K: Packed, const N: usize>(a: &[K], b: &[K], bits: u32, out: &mut [u64]) {
    let spare = K::BITS - bits * N as u32;
    let fields: K = if spare == 0 {
        K::MAX
    } else {
        (K::ONE << (K::BITS - spare)) - K::ONE
    };
    // Whole symbols in a count of leading zero bits (`N` for equal windows: x = 0).
    let mut symbols_in = [0u8; 129];
    for (lz, s) in symbols_in.iter_mut().enumerate().skip(spare as usize) {
        *s = ((lz as u32 - spare) / bits).min(N as u32) as u8;
    }
    // The lowest and the highest bit of every symbol field.
    let low: K = (0..N as u32).fold(K::ZERO, |m, k| m | (K::ONE << (k * bits)));
    let high: K = low << (bits - 1);
    let below = high - low; // every field's bits under its high bit
                            // The number of leading real (non-zero) symbols of a window: a field is non-zero iff
                            // its high bit or (its low bits + all-ones low bits) carries into the high bit.
    let lead_valid = |w: K| -> u32 {
        let nonzero = (((w & below) + below) | w) & high;
        let zero = !nonzero & high & fields;
        // No zero field: lz(0) = BITS, which the table maps to N.
        symbols_in[(zero.lz() as usize).min(K::BITS as usize)] as u32
    };
    K::with_scratch(|merged, from_a| {
        merged.clear();
        from_a.clear();
        merged.reserve(a.len() + b.len());
        from_a.reserve(a.len() + b.len());
        let (mut i, mut j) = (0usize, 0usize);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            let take_a = x <= y;
            merged.push(if take_a { x } else { y });
            from_a.push(take_a);
            i += take_a as usize;
            j += !take_a as usize;
        }
        merged.extend_from_slice(&a[i..]);
        from_a.resize(from_a.len() + (a.len() - i), true);
        merged.extend_from_slice(&b[j..]);
        from_a.resize(from_a.len() + (b.len() - j), false);

        // Per order (lane `k` is order `k + 1`): the `a` and `b` windows seen when the
        // current run began, and the matches so far.
        let mut start_a = [0u32; N];
        let mut start_b = [0u32; N];
        let mut acc = [0u32; N];
        // Closes the runs of orders `from..` (1-based) that end before window index (i, j);
        // runs of orders up to `valid` are counted.
        let mut close = |from: u32, valid: u32, i: u32, j: u32| {
            for k in 0..N {
                let n = k as u32 + 1;
                let closing = n >= from;
                let counted = closing & (n <= valid);
                let m = (i - start_a[k]).min(j - start_b[k]);
                acc[k] += if counted { m } else { 0 };
                start_a[k] = if closing { i } else { start_a[k] };
                start_b[k] = if closing { j } else { start_b[k] };
            }
        };
        let (mut i, mut j) = (0u32, 0u32);
        let mut prev = K::ZERO;
        let mut prev_valid = 0u32;
        for (k, (&w, &side)) in merged.iter().zip(from_a.iter()).enumerate() {
            if k > 0 {
                // Symbols shared with the previous window (N if equal: nothing closes).
                let lcp = symbols_in[(prev ^ w).lz() as usize] as u32;
                close(lcp + 1, prev_valid, i, j);
            }
            prev_valid = lead_valid(w);
            prev = w;
            i += side as u32;
            j += !side as u32;
        }
        if !merged.is_empty() {
            close(1, prev_valid, i, j);
        }
        for (o, m) in out[..N].iter_mut().zip(acc) {
            *o = m as u64;
        }
    })
}

/// A per-segment vocabulary for packing words: the distinct reference words in order of
/// first appearance, stored in one string, with an open-addressing table from a word's hash
/// to its id. Lookups compare the strings, so ids are exact; there is no allocation per
/// word. A word of no reference gets [`UNKNOWN`].
#[derive(Debug, Clone)]
pub struct WordIds {
    text: String,
    /// End offset in `text` of each word, by id.
    ends: Vec<u32>,
    /// `id + 1` per slot (0 = empty); the length is a power of two, at least twice the
    /// number of words.
    table: Vec<u32>,
}

impl Default for WordIds {
    /// An empty vocabulary (allocates nothing until a word is interned).
    fn default() -> Self {
        WordIds {
            text: String::new(),
            ends: Vec::new(),
            table: Vec::new(),
        }
    }
}

#[inline]
fn word_hash(w: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(w)
}

impl WordIds {
    /// Forgets every word, keeping the allocations (a table grown for a very long segment
    /// is dropped, so clearing stays cheap for the short ones that follow).
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        if self.table.len() > 4096 {
            self.table = Vec::new();
        } else {
            self.table.fill(0);
        }
    }

    fn word(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.ends[id - 1] as usize
        };
        &self.text[start..self.ends[id] as usize]
    }

    /// The slot holding `word`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, word: &str, hash: u64) -> usize {
        let mask = self.table.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.table[slot] {
                0 => return slot,
                id if self.word(id as usize - 1) == word => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The id of `word`, adding it if new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if self.table.is_empty() {
            self.table = vec![0; 64];
        }
        let h = word_hash(word);
        let slot = self.slot(word, h);
        if self.table[slot] != 0 {
            return self.table[slot] - 1;
        }
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        let id = self.ends.len() as u32;
        self.table[slot] = id;
        if self.ends.len() * 2 > self.table.len() {
            let mut table = vec![0u32; self.table.len() * 2];
            let mask = table.len() - 1;
            for id in 1..=self.ends.len() {
                let mut s = word_hash(self.word(id - 1)) as usize & mask;
                while table[s] != 0 {
                    s = (s + 1) & mask;
                }
                table[s] = id as u32;
            }
            self.table = table;
        }
        id - 1
    }

    /// The id of `word`, or [`UNKNOWN`].
    #[inline]
    pub fn lookup(&self, word: &str) -> u32 {
        if self.table.is_empty() {
            return UNKNOWN;
        }
        match self.table[self.slot(word, word_hash(word))] {
            0 => UNKNOWN,
            id => id - 1,
        }
    }
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
                let mut w = Windows::default();
                w.fill(&a, order, bits, None);
                assert_eq!(w.clipped_matches(&cb, n), naive_matches(&a, &b, n));
                let rb = NgramCounts::windows(&b, order, bits);
                assert_eq!(w.clipped_matches(&rb, n), naive_matches(&a, &b, n));
                assert_eq!(ca.clipped_matches(&rb, n), naive_matches(&a, &b, n));
                assert_eq!(w.total(n), ca.total(n));
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

    proptest::proptest! {
        #[test]
        fn windows_merge_equals_naive(
            a in proptest::collection::vec(0u32..6, 0..40),
            b in proptest::collection::vec(0u32..6, 0..40),
            cfg in proptest::sample::select(vec![(6usize, 21u32), (4, 32), (2, 32), (1, 21), (5, 21)]),
        ) {
            let (order, bits) = cfg;
            // Symbol 5 plays the unknown word on the hypothesis side.
            let skip = |v: &[u32]| -> Vec<u32> { v.iter().map(|&x| if x == 5 { UNKNOWN } else { x }).collect() };
            let ha = skip(&a);
            let mut w = Windows::default();
            w.fill(&ha, order, bits, Some(UNKNOWN));
            let rb = NgramCounts::windows(&b, order, bits);
            let mut out = vec![0u64; order];
            w.matches(&rb, &mut out);
            for n in 1..=order {
                let mut na = naive(&ha, n);
                na.retain(|g, _| !g.contains(&UNKNOWN));
                let nb = naive(&b, n);
                let expect: u64 = na.iter().map(|(g, &c)| nb.get(g).map_or(0, |&r| c.min(r) as u64)).sum();
                proptest::prop_assert_eq!(out[n - 1], expect, "n {}", n);
            }
        }
    }

    #[test]
    fn windows_skip_unknown_symbols() {
        let r = NgramCounts::new(&[1, 1], 2, 32, None);
        let mut w = Windows::default();
        w.fill(&[1, UNKNOWN, 1], 2, 32, Some(UNKNOWN));
        assert_eq!(w.clipped_matches(&r, 1), 2);
        assert_eq!(w.clipped_matches(&r, 2), 0);
        assert_eq!(w.total(2), 2);
    }

    #[test]
    fn word_ids_are_exact_and_grow() {
        let mut v = WordIds::default();
        assert_eq!(
            ["b", "a", "b", "ab", ""].map(|w| v.intern(w)),
            [0, 1, 0, 2, 3]
        );
        assert_eq!(
            ["", "a", "ab", "b", "c"].map(|w| v.lookup(w)),
            [3, 1, 2, 0, UNKNOWN]
        );
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), i as u32 + 4);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.lookup(w), i as u32 + 4);
        }
        assert_eq!(v.lookup("w1000"), UNKNOWN);
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
