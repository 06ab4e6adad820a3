//! numpy's default random generator, bit for bit.
//!
//! sacreBLEU draws its resampling indices with `numpy.random.default_rng(seed)`, i.e. a
//! `PCG64` bit generator seeded through `SeedSequence`. Reproducing its p-values and
//! confidence intervals exactly needs the same stream, so this module ports the pieces
//! sacreBLEU touches (numpy 2.4.6, `numpy/random/bit_generator.pyx`, `_pcg64.pyx`,
//! `src/pcg64/pcg64.h`, `src/distributions/distributions.c`):
//!
//! * [`seed_sequence_state`]: `SeedSequence(seed).generate_state(4, np.uint64)`;
//! * [`Pcg64`]: the 128-bit LCG with XSL-RR output, `next_uint64`, and `next_uint32`
//!   buffered low half first;
//! * [`Pcg64::bounded`]: `rng.integers(0, n)` / `rng.choice(n)` for `n <= 2^32`
//!   (numpy's 32-bit Lemire rejection, `bounded_lemire_uint32`, even for int64 output);
//! * [`Pcg64::bools`]: `rng.integers(2, size=..., dtype=bool)`
//!   (`buffered_bounded_bool`: one `next_uint32` per 32 draws, least significant bit first).
//!
//! Everything is checked against streams produced by numpy itself (see the tests).

/// `SeedSequence` hashing constants (`bit_generator.pyx`).
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;
/// `SeedSequence.pool_size` (`DEFAULT_POOL_SIZE`).
const POOL_SIZE: usize = 4;

/// PCG64's 128-bit LCG multiplier (`PCG_DEFAULT_MULTIPLIER_128`).
const PCG_MULT: u128 = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645;

/// `hashmix` of `bit_generator.pyx`: `hash_const` advances on every call.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

/// `mix` of `bit_generator.pyx`.
fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

/// The entropy words numpy derives from a Python int (`_int_to_uint32_array`): 32-bit
/// little-endian limbs, `[0]` for zero.
fn entropy_words(entropy: u128) -> Vec<u32> {
    if entropy == 0 {
        return vec![0];
    }
    let mut words = Vec::new();
    let mut n = entropy;
    while n > 0 {
        words.push(n as u32);
        n >>= 32;
    }
    words
}

/// `SeedSequence(entropy).generate_state(4, np.uint64)` (no spawn key): the four words
/// `PCG64` is seeded from. `entropy` is the Python int passed as the seed (numpy accepts
/// any non-negative int; sacreBLEU passes `int(SACREBLEU_SEED)` or 128 OS-random bits).
pub fn seed_sequence_state(entropy: u128) -> [u64; 4] {
    let entropy = entropy_words(entropy);
    // mix_entropy: fill the pool, cross-mix it, then fold in any extra entropy words.
    let mut pool = [0u32; POOL_SIZE];
    let mut hc = INIT_A;
    for (i, slot) in pool.iter_mut().enumerate() {
        *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hc);
    }
    for src in 0..POOL_SIZE {
        for dst in 0..POOL_SIZE {
            if src != dst {
                pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hc));
            }
        }
    }
    for &word in entropy.iter().skip(POOL_SIZE) {
        for slot in pool.iter_mut() {
            *slot = mix(*slot, hashmix(word, &mut hc));
        }
    }
    // generate_state: 8 uint32 words cycling over the pool, viewed as 4 little-endian u64.
    let mut hc = INIT_B;
    let mut words = [0u32; 2 * 4];
    for (i, w) in words.iter_mut().enumerate() {
        let mut v = pool[i % POOL_SIZE] ^ hc;
        hc = hc.wrapping_mul(MULT_B);
        v = v.wrapping_mul(hc);
        *w = v ^ (v >> XSHIFT);
    }
    std::array::from_fn(|i| u64::from(words[2 * i]) | (u64::from(words[2 * i + 1]) << 32))
}

/// numpy's `PCG64` bit generator (PCG XSL-RR 128/64) with its 32-bit output buffer.
#[derive(Debug, Clone)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    /// The high half of the last u64 split by [`Pcg64::next_u32`], if not yet used.
    spare_u32: Option<u32>,
}

impl Pcg64 {
    /// `numpy.random.PCG64(seed)`, i.e. the bit generator of `default_rng(seed)`.
    pub fn new(seed: u128) -> Pcg64 {
        let s = seed_sequence_state(seed);
        let initstate = (u128::from(s[0]) << 64) | u128::from(s[1]);
        let initseq = (u128::from(s[2]) << 64) | u128::from(s[3]);
        // pcg_setseq_128_srandom_r
        let mut rng = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            spare_u32: None,
        };
        rng.step();
        rng.state = rng.state.wrapping_add(initstate);
        rng.step();
        rng
    }

    /// A generator seeded from OS entropy, as `default_rng(None)` (which draws 128 bits
    /// from the OS). The bits come from std's randomly keyed hasher, so no extra
    /// dependency is needed; the stream is of course not reproducible.
    pub fn from_entropy() -> Pcg64 {
        use std::hash::{BuildHasher, Hasher};
        let word = |salt: u64| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(salt);
            if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
                h.write_u128(t.as_nanos());
            }
            h.finish()
        };
        Pcg64::new((u128::from(word(1)) << 64) | u128::from(word(2)))
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }

    /// `next_uint64`: advance, then the XSL-RR output of the new state.
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let xored = ((s >> 64) as u64) ^ (s as u64);
        xored.rotate_right((s >> 122) as u32)
    }

    /// `next_uint32`: the low half of a fresh u64, then its high half on the next call.
    pub fn next_u32(&mut self) -> u32 {
        if let Some(hi) = self.spare_u32.take() {
            return hi;
        }
        let v = self.next_u64();
        self.spare_u32 = Some((v >> 32) as u32);
        v as u32
    }

    /// One draw of `rng.integers(0, n)` (int64) for `1 <= n <= 2^32`; also what
    /// `rng.choice(n, replace=True)` draws. numpy's `random_bounded_uint64_fill` takes the
    /// 32-bit path whenever `n - 1 <= 0xFFFFFFFF`: Lemire's multiply-shift with
    /// rejection threshold `(2^32 - n) % n` (`bounded_lemire_uint32`).
    pub fn bounded(&mut self, n: u64) -> u64 {
        assert!(
            (1..=1 << 32).contains(&n),
            "bounded draws need 1 <= n <= 2^32"
        );
        let rng = n - 1;
        if rng == 0 {
            return 0;
        }
        if rng == 0xFFFF_FFFF {
            return u64::from(self.next_u32());
        }
        let m = u64::from(self.next_u32()) * n;
        let mut low = m & 0xFFFF_FFFF;
        let mut m = m;
        if low < n {
            let threshold = (0xFFFF_FFFF - rng) % n;
            while low < threshold {
                m = u64::from(self.next_u32()) * n;
                low = m & 0xFFFF_FFFF;
            }
        }
        m >> 32
    }

    /// `rng.choice(n, size=(rows, n))` (equivalently `rng.integers(0, n, size=...)`), row
    /// major: `rows` resamples of `n` indices each.
    pub fn choice_matrix(&mut self, n: usize, rows: usize) -> Vec<Vec<u32>> {
        (0..rows)
            .map(|_| (0..n).map(|_| self.bounded(n as u64) as u32).collect())
            .collect()
    }

    /// `rng.integers(2, size=count, dtype=bool)` as one call: numpy's `buffered_bounded_bool`
    /// keeps a 32-bit buffer for the duration of the call and hands out its bits from the
    /// least significant one.
    pub fn bools(&mut self, count: usize) -> Vec<bool> {
        let mut out = Vec::with_capacity(count);
        let mut buf = 0u32;
        let mut left = 0u32;
        for _ in 0..count {
            if left == 0 {
                buf = self.next_u32();
                left = 31;
            } else {
                buf >>= 1;
                left -= 1;
            }
            out.push(buf & 1 == 1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    //! Expected values come from numpy 2.4.6:
    //!
    //! ```python
    //! import numpy as np
    //! from numpy.random import SeedSequence, PCG64, default_rng
    //! for s in [0, 1, 12345, 2**40]:
    //!     print(s, [hex(x) for x in SeedSequence(s).generate_state(4, np.uint64)])
    //!     print(list(map(int, PCG64(s).random_raw(20))))
    //! for n in [3, 1000, 3004, 100003]:
    //!     print(n, default_rng(12345).choice(n, size=(3, 8)).ravel().tolist())
    //! print(default_rng(12345).integers(2, size=(3, 25), dtype=bool).astype(int).ravel().tolist())
    //! print(default_rng(0).integers(2, size=(70,), dtype=bool).astype(int).ravel().tolist())
    //! print(default_rng(12345).choice(3000000000, size=(12,)).tolist())   # frequent rejections
    //! print(default_rng(12345).integers(0, 2**32, size=(6,)).tolist())    # full 32-bit range
    //! r = default_rng(7)  # calls share the u32 buffer of the bit generator
    //! print(r.choice(10, size=5).tolist(), r.integers(2, size=40, dtype=bool).astype(int).tolist(),
    //!       r.choice(10, size=5).tolist())
    //! ```
    use super::*;

    #[test]
    fn seed_sequence_matches_numpy() {
        assert_eq!(
            seed_sequence_state(0),
            [
                0xdb2cd7e7b0f478be,
                0xabf4641a2c71ba49,
                0x20c6ed6d9d7b8d41,
                0x2c4099de223c39d4
            ]
        );
        assert_eq!(
            seed_sequence_state(1),
            [
                0x672d8ee56d6791ff,
                0x8ae19ca14eb1072c,
                0x4915796d1322fc4a,
                0xd0cc2bdcaba049bd
            ]
        );
        assert_eq!(
            seed_sequence_state(12345),
            [
                0xb5ae6482a03d837c,
                0xbbe2996ffa1f7a2f,
                0x64e39a9f37158f94,
                0x3ebb0f96a013fd73
            ]
        );
        assert_eq!(
            seed_sequence_state(1 << 40),
            [
                0xdbc8086944f01ab8,
                0xa81239e01699b3aa,
                0xf50bdb2a254be6f3,
                0x4b95fbd7a198a28b
            ]
        );
    }

    fn raw(seed: u128) -> Vec<u64> {
        let mut r = Pcg64::new(seed);
        (0..20).map(|_| r.next_u64()).collect()
    }

    #[test]
    fn u64_streams_match_numpy() {
        assert_eq!(
            raw(0),
            [
                11749869230777074271,
                4976686463289251617,
                755828109848996024,
                304881062738325533,
                15002187965291974971,
                16837368535893154894,
                11190454901533422207,
                13456836363123071557,
                10028111089635196863,
                17249041691996241901,
                15049841714506250060,
                50516411784532144,
                15816317257914971632,
                619544512228201759,
                13459767282281468793,
                3240274278364030886,
                15922840670408769294,
                9988196555773475118,
                5528708540590789176,
                7797202992660666097
            ]
        );
        assert_eq!(
            raw(1),
            [
                9441442522235856127,
                17532960557476522086,
                2659275481604167885,
                17499493567006797778,
                5752274989370667689,
                7808994663829368904,
                15268417917351259428,
                7548391743784893130,
                10138214101031189034,
                508375908893262434,
                13899863471909450293,
                9926991973934144676,
                6082476587243706696,
                14543942512510424330,
                5592957420415031621,
                8365559505216998446,
                2472632884324106763,
                7436122093778941277,
                3753086755207914837,
                4838827058250644972
            ]
        );
        assert_eq!(
            raw(12345),
            [
                4193609425186963869,
                5843160025838961886,
                14708796524633321433,
                12474696839993944336,
                7214697784736971533,
                6139333351517228867,
                11036848454483043741,
                3444637731644279391,
                12410158567978999341,
                17373196423520889855,
                4579325165166831839,
                17503767764235957903,
                12308358533736350677,
                1769004675101667915,
                8150503243410908965,
                16352668198317408530,
                12865746215636678246,
                6022361370512326083,
                13538584997437440018,
                4060773186625015466
            ]
        );
        assert_eq!(
            raw(1 << 40),
            [
                6655761860222389633,
                11588987068175201250,
                18358741258079589334,
                2909451881781558500,
                12734596937435337336,
                8711649354251495999,
                17970231058414340922,
                13227296283472155610,
                414543486317149360,
                2194638461470062537,
                4204992510352788314,
                1469172379620468135,
                15201715765178815363,
                14033470701406304105,
                14023644805060416001,
                8346495247009303717,
                10015767379367550077,
                7231154051197916865,
                2208804070361444716,
                13052654061962193232
            ]
        );
    }

    fn choice(n: u64, count: usize) -> Vec<u64> {
        let mut r = Pcg64::new(12345);
        (0..count).map(|_| r.bounded(n)).collect()
    }

    #[test]
    fn choice_streams_match_numpy() {
        assert_eq!(
            choice(3, 24),
            [2, 0, 2, 0, 0, 2, 1, 2, 2, 1, 2, 0, 1, 1, 0, 0, 0, 2, 1, 2, 2, 0, 2, 2]
        );
        assert_eq!(
            choice(1000, 24),
            [
                699, 227, 788, 316, 204, 797, 642, 676, 988, 391, 839, 332, 567, 598, 213, 186,
                229, 672, 613, 941, 706, 248, 914, 948
            ]
        );
        assert_eq!(
            choice(3004, 24),
            [
                2100, 682, 2369, 951, 613, 2395, 1930, 2031, 2969, 1174, 2521, 999, 1704, 1797,
                640, 560, 688, 2020, 1842, 2829, 2121, 745, 2748, 2850
            ]
        );
        assert_eq!(
            choice(100003, 24),
            [
                69923, 22734, 78867, 31676, 20418, 79738, 64270, 67627, 98848, 39112, 83945, 33282,
                56752, 59832, 21314, 18673, 22914, 67277, 61349, 94183, 70617, 24825, 91494, 94890
            ]
        );
        // Frequent rejections (threshold ≈ 1.3e9): exercises the redraw loop.
        assert_eq!(
            choice(3_000_000_000, 12),
            [
                2097645094, 682008066, 2365940964, 950275018, 2392096371, 2028764011, 2518275128,
                1794926260, 639429039, 560202556, 687406213, 2018268131
            ]
        );
        assert_eq!(
            choice(1 << 32, 6),
            [3003105693, 976400781, 3387213022, 1360466709, 876933081, 3424658562]
        );
        assert_eq!(choice(1, 3), [0, 0, 0]);
        let m = Pcg64::new(12345).choice_matrix(3004, 3);
        assert_eq!(m[0][..8], [2100, 682, 2369, 951, 613, 2395, 1930, 2031]);
        // default_rng(12345).choice(3004, size=(3, 3004))[1, :8]
        assert_eq!(m[1][..8], [1188, 332, 670, 1284, 1064, 2497, 795, 770]);
    }

    fn bits(v: &[bool]) -> Vec<u8> {
        v.iter().map(|&b| u8::from(b)).collect()
    }

    #[test]
    fn bool_streams_match_numpy() {
        assert_eq!(
            bits(&Pcg64::new(12345).bools(75)),
            [
                1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0,
                1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0,
                0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1
            ]
        );
        assert_eq!(
            bits(&Pcg64::new(0).bools(70)),
            [
                1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1,
                1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
                1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1
            ]
        );
    }

    #[test]
    fn calls_share_the_u32_buffer() {
        let mut r = Pcg64::new(7);
        let a: Vec<u64> = (0..5).map(|_| r.bounded(10)).collect();
        let b = bits(&r.bools(40));
        let c: Vec<u64> = (0..5).map(|_| r.bounded(10)).collect();
        assert_eq!(a, [9, 6, 6, 8, 5]);
        assert_eq!(
            b,
            [
                1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0,
                0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0
            ]
        );
        assert_eq!(c, [2, 0, 3, 2, 8]);
    }

    #[test]
    fn entropy_seeding_differs() {
        let a = Pcg64::from_entropy().next_u64();
        let b = Pcg64::from_entropy().next_u64();
        assert_ne!(a, b);
    }
}
