//! The floating-point semantics of numpy and Python that sacreBLEU's resampling relies on.
//!
//! * [`Np`]: a value that is either a numpy `float32` scalar or a Python `float`, combined
//!   under numpy 2's NEP 50 rules (a Python float is "weak": `np.float32 op float` is
//!   computed in float32 after rounding the Python float to float32). sacreBLEU scores
//!   float32 statistics, so chrF's whole `_compute_f_score` and BLEU's precisions run in
//!   float32 during bootstrap resampling.
//! * [`pairwise_sum`]: numpy's pairwise summation (`@TYPE@_pairwise_sum` in
//!   `numpy/_core/src/umath/loops_utils.h.src`), which `np.mean` and `np.sum` use for a
//!   contiguous 1-D reduction; numpy starts from the identity `0` and adds the pairwise sum.
//! * [`np_mean`]: `ndarray.mean()` of a float64 or float32 array.
//! * [`exact_mean`]: Python's `statistics.mean` of floats: the exact rational mean,
//!   rounded once to the nearest double.

use std::ops::{Add, Div, Mul, Sub};

/// A numpy float32 scalar or a Python float, with NEP 50 promotion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Np {
    /// `np.float32`.
    F32(f32),
    /// A Python `float` (weak under NEP 50). sacreBLEU's float32 paths only ever meet
    /// Python floats and ints, never `np.float64`, which would promote to float64 instead.
    Py(f64),
}

impl Np {
    /// The value as a double (exact for both variants).
    pub fn to_f64(self) -> f64 {
        match self {
            Np::F32(v) => f64::from(v),
            Np::Py(v) => v,
        }
    }

    /// Whether the value is zero (Python truthiness of a number).
    pub fn is_zero(self) -> bool {
        self.to_f64() == 0.0
    }

    fn binop(self, o: Np, f32op: fn(f32, f32) -> f32, f64op: fn(f64, f64) -> f64) -> Np {
        match (self, o) {
            (Np::Py(a), Np::Py(b)) => Np::Py(f64op(a, b)),
            // NEP 50: the weak Python float is cast to float32 first.
            (Np::F32(a), Np::Py(b)) => Np::F32(f32op(a, b as f32)),
            (Np::Py(a), Np::F32(b)) => Np::F32(f32op(a as f32, b)),
            (Np::F32(a), Np::F32(b)) => Np::F32(f32op(a, b)),
        }
    }
}

impl Add for Np {
    type Output = Np;
    fn add(self, o: Np) -> Np {
        self.binop(o, |a, b| a + b, |a, b| a + b)
    }
}

impl Sub for Np {
    type Output = Np;
    fn sub(self, o: Np) -> Np {
        self.binop(o, |a, b| a - b, |a, b| a - b)
    }
}

impl Mul for Np {
    type Output = Np;
    fn mul(self, o: Np) -> Np {
        self.binop(o, |a, b| a * b, |a, b| a * b)
    }
}

impl Div for Np {
    type Output = Np;
    fn div(self, o: Np) -> Np {
        self.binop(o, |a, b| a / b, |a, b| a / b)
    }
}

/// Floats numpy sums pairwise.
pub trait NpFloat: Copy + Add<Output = Self> + Div<Output = Self> + PartialOrd {
    /// Zero.
    const ZERO: Self;
    /// `n` converted to this type (as numpy's `true_divide(sum, count)` does).
    fn from_count(n: usize) -> Self;
}

impl NpFloat for f64 {
    const ZERO: f64 = 0.0;
    fn from_count(n: usize) -> f64 {
        n as f64
    }
}

impl NpFloat for f32 {
    const ZERO: f32 = 0.0;
    fn from_count(n: usize) -> f32 {
        n as f32
    }
}

/// numpy's unrolled pairwise summation (blocks of 128, eight accumulators).
fn pairwise<T: NpFloat>(a: &[T]) -> T {
    let n = a.len();
    if n < 8 {
        let mut res = T::ZERO;
        for &v in a {
            res = res + v;
        }
        res
    } else if n <= 128 {
        let mut r: [T; 8] = std::array::from_fn(|j| a[j]);
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] = r[j] + a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in &a[i..] {
            res = res + v;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise(&a[..n2]) + pairwise(&a[n2..])
    }
}

/// `np.sum` of a contiguous 1-D array: the identity plus the pairwise sum.
pub fn pairwise_sum<T: NpFloat>(a: &[T]) -> T {
    T::ZERO + pairwise(a)
}

/// `ndarray.mean()`: pairwise sum divided by the count, in the array's own type
/// (`numpy/_core/_methods.py::_mean`).
pub fn np_mean<T: NpFloat>(a: &[T]) -> T {
    pairwise_sum(a) / T::from_count(a.len())
}

/// Limbs of the fixed-point accumulator: bit 0 weighs 2^-1074 (the smallest subnormal);
/// 2^1024 needs bit 2098, plus headroom for carries from up to 2^64 terms.
const LIMBS: usize = 35;

/// An exact sum of finite doubles of one sign, as an integer multiple of 2^-1074.
struct Fixed([u64; LIMBS]);

impl Fixed {
    fn add(&mut self, x: f64) {
        let bits = x.abs().to_bits();
        let exp = (bits >> 52) as usize;
        let frac = bits & ((1 << 52) - 1);
        // value = mant * 2^(shift - 1074)
        let (mant, shift) = if exp == 0 {
            (frac, 0)
        } else {
            (frac | (1 << 52), exp - 1)
        };
        let (limb, bit) = (shift / 64, shift % 64);
        let wide = u128::from(mant) << bit;
        let mut carry = 0u128;
        for (k, part) in [wide as u64, (wide >> 64) as u64].into_iter().enumerate() {
            let s = u128::from(self.0[limb + k]) + u128::from(part) + carry;
            self.0[limb + k] = s as u64;
            carry = s >> 64;
        }
        let mut k = limb + 2;
        while carry != 0 {
            let s = u128::from(self.0[k]) + carry;
            self.0[k] = s as u64;
            carry = s >> 64;
            k += 1;
        }
    }

    /// `self - other`, assuming `self >= other`.
    fn sub(&mut self, other: &Fixed) {
        let mut borrow = 0u64;
        for k in 0..LIMBS {
            let (d1, b1) = self.0[k].overflowing_sub(other.0[k]);
            let (d2, b2) = d1.overflowing_sub(borrow);
            self.0[k] = d2;
            borrow = u64::from(b1 || b2);
        }
    }

    fn ge(&self, other: &Fixed) -> bool {
        for k in (0..LIMBS).rev() {
            if self.0[k] != other.0[k] {
                return self.0[k] > other.0[k];
            }
        }
        true
    }

    /// Divides in place by `n`; returns the remainder.
    fn div_rem(&mut self, n: u64) -> u64 {
        let mut rem = 0u128;
        for k in (0..LIMBS).rev() {
            let cur = (rem << 64) | u128::from(self.0[k]);
            self.0[k] = (cur / u128::from(n)) as u64;
            rem = cur % u128::from(n);
        }
        rem as u64
    }

    fn bit(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    fn top_bit(&self) -> Option<usize> {
        (0..LIMBS)
            .rev()
            .find(|&k| self.0[k] != 0)
            .map(|k| k * 64 + 63 - self.0[k].leading_zeros() as usize)
    }

    /// Bits `lo..lo+len` (len <= 64) as an integer.
    fn bits(&self, lo: usize, len: usize) -> u64 {
        (0..len).fold(0u64, |acc, i| acc | (u64::from(self.bit(lo + i)) << i))
    }
}

/// `x * 2^k`, exact whenever the result is a normal double or `x * 2^k` is exactly
/// representable (applied in steps so no intermediate leaves the normal range).
fn ldexp(mut x: f64, mut k: i32) -> f64 {
    let pow2 = |e: i32| f64::from_bits(((e + 1023) as u64) << 52);
    while k < -1000 {
        x *= pow2(-1000);
        k += 1000;
    }
    while k > 1000 {
        x *= pow2(1000);
        k -= 1000;
    }
    x * pow2(k)
}

/// Python's `statistics.mean` of finite floats: the exact mean, correctly rounded (ties to
/// even) to a double (`statistics._sum` adds exact fractions; `Fraction.__float__` rounds
/// once). Panics on an empty slice, as Python raises. With an infinity or NaN among the
/// values the result is what Python gives, infinite or NaN (inputs are checked to be
/// finite before they get here; this only keeps a missed case from aborting).
pub fn exact_mean(values: &[f64]) -> f64 {
    assert!(!values.is_empty(), "mean requires at least one data point");
    if values.iter().any(|v| !v.is_finite()) {
        return values.iter().sum::<f64>() / values.len() as f64;
    }
    let (mut pos, mut neg) = (Fixed([0; LIMBS]), Fixed([0; LIMBS]));
    for &v in values {
        if v.is_sign_negative() {
            neg.add(v);
        } else {
            pos.add(v);
        }
    }
    let negative = !pos.ge(&neg);
    let mut q = if negative {
        neg.sub(&pos);
        neg
    } else {
        pos.sub(&neg);
        pos
    };
    let n = values.len() as u64;
    let rem = q.div_rem(n);
    // How the remainder rem/n (below bit 0 of the quotient) compares with one half.
    let half = (2 * u128::from(rem)).cmp(&u128::from(n));
    let magnitude = match q.top_bit() {
        // Below 2^53 units the spacing of doubles is exactly one unit (2^-1074).
        None | Some(0..=52) => {
            let mut m = q.bits(0, 53);
            if half.is_gt() || (half.is_eq() && m & 1 == 1) {
                m += 1;
            }
            ldexp(m as f64, -1074)
        }
        Some(top) => {
            // Keep 53 bits; round half to even, with every lower bit (and any division
            // remainder) as sticky.
            let drop = top - 52;
            let mut m = q.bits(drop, 53);
            let round_bit = q.bit(drop - 1);
            let sticky = rem != 0 || (0..drop - 1).any(|i| q.bit(i));
            if round_bit && (sticky || m & 1 == 1) {
                m += 1;
            }
            ldexp(m as f64, drop as i32 - 1074)
        }
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    //! Expected bits come from numpy 2.4.6 and Python 3.11:
    //!
    //! ```python
    //! def gen(n):
    //!     return [((i * 7919) % 1000) / 7.0 + (i % 13) * 1e-3 * 3.3 for i in range(n)]
    //! for n in [5, 100, 129, 1000, 10001]:
    //!     a = np.array(gen(n)); b = a.astype(np.float32)
    //!     print(n, bits(a.sum()), bits(a.mean()), bits(b.sum()), bits(b.mean()),
    //!           bits(statistics.mean(gen(n))))
    //! ```
    use super::*;

    fn gen(n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| ((i * 7919) % 1000) as f64 / 7.0 + (i % 13) as f64 * 1e-3 * 3.3)
            .collect()
    }

    #[test]
    fn sums_and_means_match_numpy_and_python() {
        let cases: [(usize, u64, u64, u32, u32, u64); 5] = [
            (
                5,
                0x407c7bf4e1dd7a00,
                0x4056c990b4b12e66,
                0x43e3dfa7,
                0x42b64c86,
                0x4056c990b4b12e67,
            ),
            (
                100,
                0x40bb61103eba3144,
                0x405185ccf4f20b0d,
                0x45db0882,
                0x428c2e68,
                0x405185ccf4f20b0d,
            ),
            (
                129,
                0x40c1ef8d8bca66a2,
                0x4051cbf5a08953fa,
                0x460f7c6c,
                0x428e5fad,
                0x4051cbf5a08953fa,
            ),
            (
                1000,
                0x40f16d0ec4d7910e,
                0x4051d81f81e2e25c,
                0x478b6876,
                0x428ec0fc,
                0x4051d81f81e2e25d,
            ),
            (
                10001,
                0x4125c852c727435a,
                0x4051d7aad5a8d36a,
                0x492e4296,
                0x428ebd56,
                0x4051d7aad5a8d36a,
            ),
        ];
        for (n, sum64, mean64, sum32, mean32, stat_mean) in cases {
            let a = gen(n);
            let b: Vec<f32> = a.iter().map(|&x| x as f32).collect();
            assert_eq!(pairwise_sum(&a).to_bits(), sum64, "sum f64 n={n}");
            assert_eq!(np_mean(&a).to_bits(), mean64, "mean f64 n={n}");
            assert_eq!(pairwise_sum(&b).to_bits(), sum32, "sum f32 n={n}");
            assert_eq!(np_mean(&b).to_bits(), mean32, "mean f32 n={n}");
            assert_eq!(exact_mean(&a).to_bits(), stat_mean, "statistics.mean n={n}");
        }
    }

    #[test]
    fn exact_mean_edge_cases() {
        let mixed = [1e-310, -3.5, 2.25, 1e300, -1e300, 5e-324, 0.1];
        assert_eq!(exact_mean(&mixed).to_bits(), 0xbfc5075075075075);
        assert_eq!(
            exact_mean(&[-0.1, -0.2, -0.4]).to_bits(),
            0xbfcdddddddddddde
        );
        assert_eq!(exact_mean(&[5e-324, 5e-324, 0.0]).to_bits(), 1);
        assert_eq!(exact_mean(&[1e308, 1e308]).to_bits(), 0x7fe1ccf385ebc8a0);
        assert_eq!(exact_mean(&[0.0]), 0.0);
    }

    #[test]
    fn nep50_promotion() {
        // np.float32(1) + 1e-16 stays float32 (the Python float is rounded to float32).
        assert_eq!(Np::F32(1.0) + Np::Py(1e-16), Np::F32(1.0));
        assert_eq!(Np::Py(0.5) * Np::Py(0.25), Np::Py(0.125));
        assert_eq!(Np::Py(0.1) + Np::F32(0.0), Np::F32(0.1f32));
    }
}
