//! Phonetic keys: Bengali, Devanagari and Latin words → a sequence of sound classes.
//!
//! General romanisers are a poor match key (they drop or keep the inherent vowel
//! inconsistently and write ভ/व्ह as `bh`/`vh`, not `v`; see `docs/entities-notes.md` §1),
//! so each script is mapped *directly* to a small symbol alphabet in which the sounds that
//! transliteration confuses already coincide: aspirates merge with plain stops, retroflex
//! with dental, শ/ষ/স with s, ভ/ব/व with v/b, ফ with f/p, ज़ with j/z.
//!
//! Bengali (U+0980–U+09FF) and Devanagari (U+0900–U+097F) share the ISCII-derived layout
//! (the same letter sits at the same offset), so one table indexed by offset serves both;
//! the few differences (Bengali য is *j*, য় is *y*) are handled explicitly.

use unicode_normalization::UnicodeNormalization;

/// Vowel bits of [`Sym::Vowel`].
pub const A: u8 = 1;
/// Vowel *e*.
pub const E: u8 = 2;
/// Vowel *i*.
pub const I: u8 = 4;
/// Vowel *o*.
pub const O: u8 = 8;
/// Vowel *u*.
pub const U: u8 = 16;
/// The inherent (unwritten) vowel of an abugida consonant.
pub const SCHWA: u8 = 32;

/// One phonetic symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sym {
    /// A consonant class: one of `K G C J T D N M P B R L S`.
    Cons(u8),
    /// A glide or weak sound: `Y`, `W`, `H`, or `~` for chandrabindu (a soft nasal).
    Glide(u8),
    /// A vowel cluster, as a set of vowel bits (`A|E|I|O|U|SCHWA`).
    Vowel(u8),
    /// A decimal digit (names such as Hwasong-19).
    Digit(u8),
}

impl Sym {
    /// Whether this is a vowel cluster (including a lone schwa).
    pub fn is_vowel(self) -> bool {
        matches!(self, Sym::Vowel(_))
    }
}

/// How to read the ambiguous letters of an English spelling. Names come from many
/// languages, so `ch` is *ch* (Charles), *k* (Christmas, Zach) or *sh* (Charlotte), and an
/// `s` between vowels is often *z* (Rosendale → रोज़नडेल, Newsweek → न्यूज़वीक).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// `ch` read as *k*.
    pub ch_k: bool,
    /// `ch` read as *sh*.
    pub ch_sh: bool,
    /// `s` between vowels, or after a vowel or voiced consonant at the end, read as *z*.
    pub s_z: bool,
    /// `u` between `g` and a vowel read as *w* (Paraguay → पराग्वे, Guatemala).
    pub gu_w: bool,
}

impl Reading {
    /// The default reading (`ch` = *ch*, `s` = *s*).
    pub const PLAIN: Reading = Reading {
        ch_k: false,
        ch_sh: false,
        s_z: false,
        gu_w: false,
    };
}

/// The phonetic keys of a word under every [`Reading`] that changes it, the plain one
/// first (for name tokens, where one spelling may stand for several sounds).
pub fn key_variants(word: &str) -> Vec<Vec<Sym>> {
    let mut out = vec![key(word)];
    let lower = word.to_lowercase();
    let mut readings = Vec::new();
    if lower.contains("ch") {
        readings.push(Reading {
            ch_k: true,
            ..Reading::PLAIN
        });
        readings.push(Reading {
            ch_sh: true,
            ..Reading::PLAIN
        });
    }
    if lower.contains('s') {
        readings.push(Reading {
            s_z: true,
            ..Reading::PLAIN
        });
    }
    if lower.contains("gu") {
        readings.push(Reading {
            gu_w: true,
            ..Reading::PLAIN
        });
    }
    for r in readings {
        let k = key_with(word, r);
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// The phonetic key of one word in any supported script. Other scripts' letters are
/// skipped (they contribute nothing), so the function is total on arbitrary input.
pub fn key(word: &str) -> Vec<Sym> {
    key_with(word, Reading::PLAIN)
}

/// [`key`] with English letters read as `reading` says.
pub fn key_with(word: &str, reading: Reading) -> Vec<Sym> {
    let w: String = word.nfc().flat_map(char::to_lowercase).collect();
    let mut raw = Vec::new();
    let chars: Vec<char> = w.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if is_indic(c) {
            while i < chars.len() && is_indic(chars[i]) {
                i += 1;
            }
            indic(&chars[start..i], &mut raw);
        } else if let Some(d) = super::normalize::digit_value(c) {
            raw.push(Sym::Digit(d as u8));
            i += 1;
        } else if fold_latin(c).is_some() {
            let mut s = String::new();
            while i < chars.len() {
                match fold_latin(chars[i]) {
                    Some(f) => s.push_str(f),
                    None => break,
                }
                i += 1;
            }
            latin(s.as_bytes(), reading, &mut raw);
        } else {
            i += 1;
        }
    }
    postprocess(raw)
}

fn is_indic(c: char) -> bool {
    ('\u{0900}'..='\u{09FF}').contains(&c) && super::normalize::digit_value(c).is_none()
}

/// ASCII spelling of a Latin letter, with diacritics removed (Juárez → juarez).
fn fold_latin(c: char) -> Option<&'static str> {
    const ASCII: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    if c.is_ascii_lowercase() {
        return Some(ASCII[(c as u8 - b'a') as usize]);
    }
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì'..='ï' | 'ī' | 'į' | 'ı' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'đ' | 'ď' => "d",
        'ł' | 'ľ' => "l",
        'ř' => "r",
        'ś' | 'š' | 'ș' | 'ş' => "s",
        'ț' | 'ţ' | 'ť' => "t",
        'ž' | 'ź' | 'ż' => "z",
        _ => return None,
    })
}

fn vowel_bits(b: u8) -> Option<u8> {
    Some(match b {
        b'a' => A,
        b'e' => E,
        b'i' => I,
        b'o' => O,
        b'u' => U,
        _ => return None,
    })
}

/// English-orthography rules for a lowercase ASCII word.
fn latin(w: &[u8], reading: Reading, out: &mut Vec<Sym>) {
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let is_v = |b: u8| vowel_bits(b).is_some();
    // A final e after a consonant is silent (Yale, Wales, YouTube, Rosendale) when another
    // vowel comes before it; it lengthens the vowel before its consonant ("magic e":
    // Yale = yeil → येल, Face → फेस, Tube → ट्यूब).
    let silent_e = {
        let n = w.len();
        let pos = if n >= 2 && w[n - 1] == b'e' {
            Some(n - 1)
        } else if n >= 3 && w[n - 1] == b's' && w[n - 2] == b'e' {
            Some(n - 2)
        } else {
            None
        };
        pos.filter(|&p| p >= 2 && !is_v(w[p - 1]) && w[..p - 1].iter().any(|&b| is_v(b)))
    };
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let n = at(i + 1);
        if let Some(v) = vowel_bits(c) {
            if Some(i) == silent_e {
                out.push(Sym::Vowel(SCHWA));
            } else if silent_e == Some(i + 2) && !is_v(n) && !(i > 0 && is_v(w[i - 1])) {
                out.push(Sym::Vowel(match v {
                    A => A | E,
                    I => I | A,
                    U => U | I,
                    E => E | I,
                    o => o,
                }));
            } else {
                out.push(Sym::Vowel(v));
            }
            i += 1;
            continue;
        }
        // gh after a vowel and before t or the end is silent, and makes a preceding i
        // the diphthong ai (Dwight → द्वाइट, Leigh, Vaughan).
        if c == b'g' && n == b'h' && i > 0 && is_v(w[i - 1]) && matches!(at(i + 2), b't' | 0 | b'a')
        {
            if w[i - 1] == b'i' {
                if let Some(Sym::Vowel(v)) = out.last_mut() {
                    *v |= A;
                }
            }
            i += 2;
            continue;
        }
        // gu before a vowel, read as gw (Paraguay, Guatemala).
        if reading.gu_w && c == b'g' && n == b'u' && is_v(at(i + 2)) {
            out.push(Sym::Cons(b'G'));
            out.push(Sym::Glide(b'W'));
            i += 2;
            continue;
        }
        // qu before a vowel is kw (Aquilo → एक्विलो, Queens → क्वीन्स).
        if c == b'q' && n == b'u' && is_v(at(i + 2)) {
            out.push(Sym::Cons(b'K'));
            out.push(Sym::Glide(b'W'));
            i += 2;
            continue;
        }
        // ch before l or r is k (Christmas, Chloe); elsewhere as the reading says.
        if c == b'c' && n == b'h' {
            let k = matches!(at(i + 2), b'l' | b'r') || reading.ch_k;
            out.push(Sym::Cons(if k {
                b'K'
            } else if reading.ch_sh {
                b'S'
            } else {
                b'C'
            }));
            i += 2;
            continue;
        }
        // s sounding z: between vowels, or ending a word after a vowel or voiced consonant.
        if c == b's' && reading.s_z && i > 0 && n != b's' && w[i - 1] != b's' {
            let p = w[i - 1];
            let voiced_before = is_v(p)
                || matches!(
                    p,
                    b'n' | b'l' | b'r' | b'm' | b'd' | b'g' | b'b' | b'v' | b'w'
                );
            if (is_v(p) && is_v(n)) || (n == 0 && voiced_before) || (voiced_before && n == b'w') {
                out.push(Sym::Cons(b'J'));
                i += 1;
                continue;
            }
        }
        // English -tion/-sion is "shon" (Federation → ফেডারেশন, फेडरेशन).
        if i > 0 && (c == b't' || c == b's') && n == b'i' && at(i + 2) == b'o' && at(i + 3) == b'n'
        {
            out.push(Sym::Cons(b'S'));
            i += 2;
            continue;
        }
        // Trigraphs and digraphs first.
        if (c == b't' && n == b'c' && at(i + 2) == b'h')
            || (c == b's' && n == b'c' && at(i + 2) == b'h')
        {
            out.push(Sym::Cons(if c == b't' { b'C' } else { b'S' }));
            i += 3;
            continue;
        }
        let di = match (c, n) {
            (b's', b'h') => Some(Sym::Cons(b'S')),
            (b'z', b'h') => Some(Sym::Cons(b'J')),
            (b'k', b'h') | (b'c', b'k') => Some(Sym::Cons(b'K')),
            (b'g', b'h') => Some(Sym::Cons(b'G')),
            (b'p', b'h') => Some(Sym::Cons(b'P')),
            (b't', b'h') => Some(Sym::Cons(b'T')),
            (b'd', b'h') => Some(Sym::Cons(b'D')),
            (b'b', b'h') | (b'v', b'h') => Some(Sym::Cons(b'B')),
            (b'w', b'h') => Some(Sym::Glide(b'W')),
            _ => None,
        };
        if let Some(s) = di {
            out.push(s);
            i += 2;
            continue;
        }
        match c {
            b'c' => out.push(Sym::Cons(if matches!(n, b'e' | b'i' | b'y') {
                b'S'
            } else {
                b'K'
            })),
            b'q' => out.push(Sym::Cons(b'K')),
            b'x' => {
                out.push(Sym::Cons(b'K'));
                out.push(Sym::Cons(b'S'));
            }
            b'j' | b'z' => out.push(Sym::Cons(b'J')),
            b's' => out.push(Sym::Cons(b'S')),
            b'f' | b'p' => out.push(Sym::Cons(b'P')),
            b'v' | b'b' => out.push(Sym::Cons(b'B')),
            b'w' => {
                // Moscow, Warsaw: a w closing a vowel is the vowel u.
                let prev_v = i > 0 && is_v(w[i - 1]);
                if prev_v && !is_v(n) {
                    out.push(Sym::Vowel(U));
                } else {
                    out.push(Sym::Glide(b'W'));
                }
            }
            b'y' => {
                if is_v(n) {
                    out.push(Sym::Glide(b'Y'));
                } else {
                    out.push(Sym::Vowel(I));
                }
            }
            b'h' => out.push(Sym::Glide(b'H')),
            b'g' | b'k' | b'l' | b'm' | b'n' | b'r' | b't' | b'd' => {
                out.push(Sym::Cons(c.to_ascii_uppercase()))
            }
            _ => {}
        }
        i += 1;
    }
}

/// What an offset in the Bengali/Devanagari block is.
enum Indic {
    Cons(u8),
    /// A vowel sign (matra) with its vowel bits.
    Sign(u8),
    /// An independent vowel letter.
    Letter(u8),
    Virama,
    Nukta,
    Anusvara,
    Chandrabindu,
    /// Vocalic r (ঋ, ऋ, ৃ): sounds *ri*.
    VocalicR(bool),
    /// Khanda ta (ৎ): a t with no vowel.
    KhandaTa,
    Skip,
}

fn indic_class(o: u32, bengali: bool) -> Indic {
    use Indic::*;
    match o {
        0x01 => Chandrabindu,
        0x02 => Anusvara,
        0x05 | 0x06 => Letter(A),
        0x07 | 0x08 => Letter(I),
        0x09 | 0x0A => Letter(U),
        0x0B | 0x60 => VocalicR(false),
        0x0C | 0x61 => Letter(I),
        0x0D..=0x0F => Letter(E),
        0x10 => Letter(if bengali { O | I } else { A | E }),
        0x11..=0x13 => Letter(O),
        0x14 => Letter(if bengali { O | U } else { A | U }),
        0x15 | 0x16 | 0x58 | 0x59 => Cons(b'K'),
        0x17 | 0x18 | 0x5A => Cons(b'G'),
        0x19 | 0x1E | 0x23 | 0x28 | 0x29 => Cons(b'N'),
        0x1A | 0x1B => Cons(b'C'),
        0x1C | 0x1D | 0x5B => Cons(b'J'),
        0x1F | 0x20 | 0x24 | 0x25 => Cons(b'T'),
        0x21 | 0x22 => Cons(b'D'),
        0x26 | 0x27 => Cons(b'D'),
        0x2A | 0x2B | 0x5E => Cons(b'P'),
        0x2C | 0x2D | 0x35 => Cons(b'B'),
        0x2E => Cons(b'M'),
        0x2F => Cons(if bengali { b'J' } else { b'Y' }),
        0x5F => Cons(b'Y'),
        0x30 | 0x31 | 0x5C | 0x5D => Cons(b'R'),
        0x32..=0x34 => Cons(b'L'),
        0x36..=0x38 => Cons(b'S'),
        0x39 => Cons(b'H'),
        0x3C => Nukta,
        0x3E => Sign(A),
        0x3F | 0x40 => Sign(I),
        0x41 | 0x42 => Sign(U),
        0x43 | 0x44 => VocalicR(true),
        0x45..=0x47 => Sign(E),
        0x48 => Sign(if bengali { O | I } else { A | E }),
        0x49..=0x4B => Sign(O),
        0x4C => Sign(if bengali { O | U } else { A | U }),
        0x4D => Virama,
        0x4E if bengali => KhandaTa,
        0x57 => Sign(O | U),
        0x62 | 0x63 => Sign(I),
        _ => Skip,
    }
}

/// Bengali/Devanagari letters → symbols, with the inherent vowel made explicit.
fn indic(cs: &[char], out: &mut Vec<Sym>) {
    let mut i = 0;
    // Whether the previous consonant was followed by a virama (a conjunct), which makes a
    // following ह silent (Marathi व्ह = v) and a Bengali য a ya-phala glide.
    let mut after_virama = false;
    while i < cs.len() {
        let c = cs[i] as u32;
        let bengali = c >= 0x0980;
        let o = c - if bengali { 0x0980 } else { 0x0900 };
        match indic_class(o, bengali) {
            Indic::Cons(mut s) => {
                let mut j = i + 1;
                let mut nukta = false;
                if j < cs.len() && (cs[j] as u32 & 0x7F) == 0x3C {
                    nukta = true;
                    j += 1;
                }
                if nukta {
                    s = match s {
                        b'J' if bengali => b'Y',
                        b'D' => b'R',
                        other => other,
                    };
                }
                // Bengali য after a virama is the ya-phala glide (ল্যা = lya).
                let glide_y = s == b'Y' || (bengali && o == 0x2F && after_virama && !nukta);
                let silent_h = s == b'H' && after_virama;
                if silent_h {
                    // dropped: व्ह is one sound
                } else if glide_y {
                    out.push(Sym::Glide(b'Y'));
                } else if s == b'H' {
                    out.push(Sym::Glide(b'H'));
                } else {
                    out.push(Sym::Cons(s));
                }
                after_virama = false;
                // The vowel that follows, or the inherent one.
                match cs.get(j).map(|&n| indic_class((n as u32) & 0x7F, bengali)) {
                    Some(Indic::Sign(v)) => {
                        out.push(Sym::Vowel(v));
                        j += 1;
                    }
                    Some(Indic::VocalicR(true)) => {
                        out.push(Sym::Cons(b'R'));
                        out.push(Sym::Vowel(I));
                        j += 1;
                    }
                    Some(Indic::Virama) => {
                        after_virama = true;
                        j += 1;
                    }
                    _ => out.push(Sym::Vowel(SCHWA)),
                }
                i = j;
                continue;
            }
            Indic::Sign(v) | Indic::Letter(v) => out.push(Sym::Vowel(v)),
            Indic::VocalicR(_) => {
                out.push(Sym::Cons(b'R'));
                out.push(Sym::Vowel(I));
            }
            Indic::Anusvara => out.push(Sym::Cons(b'N')),
            Indic::Chandrabindu => out.push(Sym::Glide(b'~')),
            Indic::KhandaTa => out.push(Sym::Cons(b'T')),
            Indic::Virama | Indic::Nukta | Indic::Skip => {}
        }
        after_virama = false;
        i += 1;
    }
}

/// Rules applied to every script's raw symbols (notes §2.1 step 3, "both sides").
fn postprocess(raw: Vec<Sym>) -> Vec<Sym> {
    // Word-final inherent vowel is not pronounced (ল্যাভরভ = lyavrov, not lyavrova).
    let mut v = raw;
    if matches!(v.last(), Some(Sym::Vowel(SCHWA))) {
        v.pop();
    }
    let mut out: Vec<Sym> = Vec::with_capacity(v.len());
    for (idx, &s) in v.iter().enumerate() {
        let prev = out.last().copied();
        let next = v.get(idx + 1).copied();
        match s {
            Sym::Cons(c) => {
                if prev == Some(s) {
                    continue; // doubled consonant
                }
                if c == b'G' && prev == Some(Sym::Cons(b'N')) {
                    continue; // ng, ং, ंग: the g is part of the nasal
                }
                out.push(s);
            }
            Sym::Glide(g) => {
                if prev == Some(s) {
                    continue;
                }
                if g == b'H' && matches!(prev, Some(Sym::Cons(_))) {
                    continue; // aspiration
                }
                if g == b'Y' {
                    let next_v = next.is_some_and(Sym::is_vowel);
                    if out.is_empty() && next_v {
                        out.push(Sym::Vowel(I)); // word-initial y: Yoon ≈ ইউন
                        continue;
                    }
                    if prev.is_some_and(Sym::is_vowel) && next_v {
                        continue; // hiatus glide: চোয়ে ≈ Choe
                    }
                }
                out.push(s);
            }
            Sym::Vowel(bits) => {
                if let Some(Sym::Vowel(p)) = out.last_mut() {
                    *p |= bits;
                    continue;
                }
                out.push(s);
            }
            Sym::Digit(_) => out.push(s),
        }
    }
    out
}

/// A compact printable form of a key, for tests and debugging.
pub fn display(key: &[Sym]) -> String {
    let mut s = String::new();
    for k in key {
        match *k {
            Sym::Cons(c) | Sym::Glide(c) => s.push(c as char),
            Sym::Digit(d) => s.push(char::from(b'0' + d % 10)),
            Sym::Vowel(bits) => {
                s.push('(');
                for (b, ch) in [
                    (A, 'a'),
                    (E, 'e'),
                    (I, 'i'),
                    (O, 'o'),
                    (U, 'u'),
                    (SCHWA, '@'),
                ] {
                    if bits & b != 0 {
                        s.push(ch);
                    }
                }
                s.push(')');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        display(&key(s))
    }

    #[test]
    fn lavrov_in_three_scripts() {
        assert_eq!(k("lavrov"), "L(a)BR(o)B");
        assert_eq!(k("লাভরভ"), "L(a)B(@)R(@)B");
        assert_eq!(k("ল্যাভরভ"), "LY(a)B(@)R(@)B");
        assert_eq!(k("लव्ह्रोव्ह"), "L(@)BR(o)B");
        assert_eq!(k("लावरोव्ह"), "L(a)B(@)R(o)B");
        assert_eq!(k("लव्हरोव"), "L(@)B(@)R(o)B");
    }

    #[test]
    fn choe_son_hui() {
        assert_eq!(k("choe"), "C(eo)");
        assert_eq!(k("চোয়ে"), "C(eo)");
        assert_eq!(k("চো"), "C(o)");
        assert_eq!(k("चू"), "C(u)");
        assert_eq!(k("সন"), "S(@)N");
        assert_eq!(k("हूई"), "H(iu)");
    }

    #[test]
    fn sergey() {
        assert_eq!(k("sergey"), "S(e)RG(ei)");
        assert_eq!(k("সের্গেই"), "S(e)RG(ei)");
        assert_eq!(k("सेर्गे"), "S(e)RG(e)");
        assert_eq!(k("सेर्गेय"), "S(e)RG(e)Y");
    }

    #[test]
    fn nasals_and_nukta() {
        assert_eq!(k("জং"), "J(@)N");
        assert_eq!(k("jong"), "J(o)N");
        assert_eq!(k("ইয়ং"), "(i@)N");
        assert_eq!(k("ज़ेलेंस्की"), k("जेलेंस्की"));
    }

    #[test]
    fn other_scripts_are_skipped() {
        assert!(key("최선희").is_empty());
        assert_eq!(k("Juárez"), k("juarez"));
    }
}
