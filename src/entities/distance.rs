//! Similarity of two phonetic keys: an Editex-like weighted edit distance plus a
//! consonant-skeleton gate.
//!
//! Costs (from the measurements in `docs/entities-notes.md` §2.1): vowels are cheap to
//! change because transliteration mostly disagrees on vowels (ল্যাভরভ/লাভরভ, चू/Choe);
//! consonants are expensive, and the gate caps the similarity when the consonants
//! differ by more than a small budget. The gate is what keeps `Jong`≁`Il`, `Lviv`≁`Lavrov`
//! and `Putin`≁`পুতুল` apart although their vowels agree.

use super::phonetic::{Sym, A, E, I, O, SCHWA, U};

/// Insertion/deletion cost of one symbol.
pub fn indel(s: Sym) -> f32 {
    match s {
        Sym::Cons(_) | Sym::Digit(_) => 1.0,
        Sym::Glide(_) => 0.4,
        Sym::Vowel(SCHWA) => 0.0,
        Sym::Vowel(_) => 0.35,
    }
}

fn vowel_sub(a: u8, b: u8) -> f32 {
    if a & SCHWA != 0 || b & SCHWA != 0 || (a & b) != 0 {
        return 0.0;
    }
    let mut best: f32 = 0.25;
    for x in [A, E, I, O, U] {
        for y in [A, E, I, O, U] {
            if a & x != 0 && b & y != 0 {
                let pair = (x | y) == (A | O) || (x | y) == (E | I) || (x | y) == (O | U);
                if pair {
                    best = best.min(0.15);
                }
            }
        }
    }
    best
}

fn cons_pair(a: u8, b: u8) -> Option<f32> {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    Some(match (x, y) {
        (b'M', b'N') => 0.3,
        (b'B', b'W') | (b'W', b'Y') => 0.3,
        (b'G', b'K') | (b'D', b'T') | (b'B', b'P') | (b'C', b'J') => 0.5,
        (b'G', b'J') => 0.6,
        (b'C', b'S') => 0.6,
        (b'J', b'S') | (b'L', b'R') => 0.7,
        (b'M', b'~') | (b'N', b'~') => 0.0,
        _ => return None,
    })
}

fn letter(s: Sym) -> Option<u8> {
    match s {
        Sym::Cons(c) | Sym::Glide(c) => Some(c),
        _ => None,
    }
}

/// Substitution cost of two symbols.
pub fn sub(a: Sym, b: Sym) -> f32 {
    if a == b {
        return 0.0;
    }
    match (a, b) {
        (Sym::Vowel(x), Sym::Vowel(y)) => return vowel_sub(x, y),
        // y written as a vowel in one script and a glide in the other (Sergey / सेर्गेय)
        (Sym::Glide(b'Y'), Sym::Vowel(v)) | (Sym::Vowel(v), Sym::Glide(b'Y'))
            if v & (I | E) != 0 =>
        {
            return 0.2
        }
        (Sym::Glide(b'W'), Sym::Vowel(v)) | (Sym::Vowel(v), Sym::Glide(b'W'))
            if v & (U | O) != 0 =>
        {
            return 0.2
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (letter(a), letter(b)) {
        if let Some(c) = cons_pair(x, y) {
            return c;
        }
    }
    indel(a).max(indel(b))
}

/// Weighted edit distance between two symbol sequences.
pub fn distance(a: &[Sym], b: &[Sym]) -> f32 {
    // Two DP rows on the stack for the usual short keys.
    const CAP: usize = 48;
    if b.len() < CAP {
        let mut p = [0.0f32; CAP];
        let mut c = [0.0f32; CAP];
        return distance_rows(a, b, &mut p[..=b.len()], &mut c[..=b.len()]);
    }
    let mut p = vec![0.0f32; b.len() + 1];
    let mut c = vec![0.0f32; b.len() + 1];
    distance_rows(a, b, &mut p, &mut c)
}

fn distance_rows<'r>(a: &[Sym], b: &[Sym], prev: &'r mut [f32], cur: &'r mut [f32]) -> f32 {
    let (mut prev, mut cur) = (prev, cur);
    prev[0] = 0.0;
    for (j, &y) in b.iter().enumerate() {
        prev[j + 1] = prev[j] + indel(y);
    }
    for &x in a {
        cur[0] = prev[0] + indel(x);
        for (j, &y) in b.iter().enumerate() {
            let d = prev[j] + sub(x, y);
            let del = prev[j + 1] + indel(x);
            let ins = cur[j] + indel(y);
            cur[j + 1] = d.min(del).min(ins);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0.0)
}

/// Sum of the indel costs: the size of a key.
pub fn weight(a: &[Sym]) -> f32 {
    a.iter().map(|&s| indel(s)).sum()
}

/// Similarity in [0, 1]: `1 − distance / max(weight(a), weight(b), 1)`, capped at 0.3
/// when the consonant skeletons differ by more than the gate allows.
pub fn similarity(a: &[Sym], b: &[Sym]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let d = distance(a, b);
    let denom = weight(a).max(weight(b)).max(1.0);
    let sim = (1.0 - d / denom).max(0.0);
    if !skeleton_ok(a, b) {
        return sim.min(0.3);
    }
    sim
}

/// Coarse class of a hard (consonant or digit) symbol: pairs that cost ≤ 0.5 to
/// substitute (K~G, T~D, P~B, C~J, M~N) share a class.
fn coarse(s: Sym) -> Option<u8> {
    match s {
        Sym::Cons(c) => Some(match c {
            b'G' => b'K',
            b'D' => b'T',
            b'B' => b'P',
            b'J' => b'C',
            b'M' => b'N',
            c => c,
        }),
        Sym::Digit(d) => Some(b'0'.wrapping_add(d)),
        _ => None,
    }
}

/// A fast necessary condition for [`skeleton_ok`] (and so for any similarity above
/// 0.3), used to skip the edit-distance DP on the many word pairs that obviously differ.
///
/// Within the gate's budget (≤ 1.0) at most one edit can involve a hard symbol in a way
/// that survives coarse classing (other hard edits cost ≥ 0.6 each), except where a hard
/// symbol pairs cheaply with a glide (B~W 0.3, M/N~chandrabindu 0), so each W or `~`
/// glide in either key allows one more coarse edit.
pub fn may_match(a: &[Sym], b: &[Sym]) -> bool {
    const CAP: usize = 24;
    let mut ca = [0u8; CAP];
    let mut cb = [0u8; CAP];
    let (mut la, mut lb, mut na, mut nb, mut slack) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for (key, buf, len, skel) in [
        (a, &mut ca, &mut la, &mut na),
        (b, &mut cb, &mut lb, &mut nb),
    ] {
        for &s in key {
            if s.is_vowel() {
                continue;
            }
            *skel += 1;
            if matches!(s, Sym::Glide(b'W') | Sym::Glide(b'~')) {
                slack += 1;
            }
            if let Some(c) = coarse(s) {
                if *len == CAP {
                    return true;
                }
                buf[*len] = c;
                *len += 1;
            }
        }
    }
    let allowed = usize::from(na.max(nb) >= 4) + slack;
    let (x, y) = (&ca[..la], &cb[..lb]);
    match allowed {
        0 => x == y,
        1 => within_one_edit(x, y),
        _ => true,
    }
}

/// Whether two byte strings differ by at most one insertion, deletion or substitution.
fn within_one_edit(x: &[u8], y: &[u8]) -> bool {
    let (x, y) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    match y.len() - x.len() {
        0 => x.iter().zip(y).filter(|(p, q)| p != q).count() <= 1,
        1 => {
            let i = x.iter().zip(y).take_while(|(p, q)| p == q).count();
            x[i..] == y[i + 1..]
        }
        _ => false,
    }
}

/// The consonant-skeleton gate: the distance between the non-vowel symbols must stay
/// within 0 (≤ 2 symbols), 0.5 (3) or 1.0 (≥ 4, by the longer skeleton).
pub fn skeleton_ok(a: &[Sym], b: &[Sym]) -> bool {
    // English w is written व/ওয় (our B): the same consonant for the gate (WiFi →
    // वाईफ़ाई, Wang → वांग), though the distance still charges for it.
    let norm = |s: Sym| match s {
        Sym::Glide(b'W') => Sym::Cons(b'B'),
        s => s,
    };
    let sa: Vec<Sym> = a
        .iter()
        .copied()
        .filter(|s| !s.is_vowel())
        .map(norm)
        .collect();
    let sb: Vec<Sym> = b
        .iter()
        .copied()
        .filter(|s| !s.is_vowel())
        .map(norm)
        .collect();
    let n = sa.len().max(sb.len());
    let budget = match n {
        0..=2 => 0.0,
        3 => 0.5,
        _ => 1.0,
    };
    distance(&sa, &sb) <= budget + 1e-4
}

#[cfg(test)]
mod tests {
    use super::super::phonetic::key;
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        similarity(&key(a), &key(b))
    }

    #[test]
    fn variants_are_close() {
        for (a, b) in [
            ("lavrov", "ল্যাভরভ"),
            ("lavrov", "লাভরভ"),
            ("lavrov", "लव्ह्रोव्ह"),
            ("lavrov", "लावरोव्ह"),
            ("lavrov", "लव्हरोव"),
            ("choe", "চোয়ে"),
            ("choe", "চো"),
            ("choe", "चू"),
            ("son", "সন"),
            ("hui", "হুই"),
            ("hui", "हूई"),
            ("sergey", "सेर्गेय"),
            ("sergei", "सेर्गे"),
            ("kim", "কিম"),
            ("jong", "জং"),
            ("pyongyang", "পিয়ংইয়ং"),
            ("pyongyang", "प्योंगियांग"),
            ("putin", "পুতিন"),
            ("moscow", "মস্কো"),
        ] {
            assert!(sim(a, b) >= 0.8, "{a} ~ {b}: {}", sim(a, b));
        }
    }

    #[test]
    fn different_names_are_far() {
        for (a, b) in [
            ("jong", "yong"),
            ("il", "উন"),
            ("lviv", "লাভরভ"),
            ("putin", "পুতুল"),
            ("putin", "peskov"),
            ("borrell", "blinken"),
            ("tae", "সন"),
            ("yul", "হুই"),
            ("hyun", "উন"),
        ] {
            assert!(sim(a, b) < 0.8, "{a} !~ {b}: {}", sim(a, b));
        }
    }

    #[test]
    fn empty_keys() {
        assert_eq!(similarity(&[], &[]), 1.0);
        assert_eq!(similarity(&key("a"), &[]), 0.0);
    }

    #[test]
    fn prefilter_never_rejects_what_the_gate_accepts() {
        let words = [
            "Lavrov",
            "ল্যাভরভ",
            "লাভরভ",
            "लव्ह्रोव्ह",
            "लावरोव्ह",
            "लव्हरोव",
            "Washington",
            "ওয়াশিংটন",
            "वॉशिंग्टन",
            "Warsaw",
            "वॉर्सा",
            "Sergey",
            "सेर्गेय",
            "সের্গেই",
            "Pyongyang",
            "পিয়ংইয়ং",
            "प्योंगियांग",
            "Choe",
            "চোয়ে",
            "चू",
            "Kim",
            "কিম",
            "Jong",
            "জং",
            "जोंग",
            "Vavilov",
            "ওয়াভিলভ",
            "Hwasong",
            "হোয়াসোং",
            "Putin",
            "পুতিন",
            "पुतीन",
            "Peskov",
            "পেসকভ",
            "Moscow",
            "মস্কো",
            "मॉस्को",
            "हाँ",
            "हां",
            "Andorra",
            "अँडोरा",
            "Beijing",
            "বেইজিং",
            "बीजिंग",
        ];
        for a in words {
            for b in words {
                let (ka, kb) = (key(a), key(b));
                if skeleton_ok(&ka, &kb) {
                    assert!(may_match(&ka, &kb), "{a} / {b}");
                }
            }
        }
    }
}
