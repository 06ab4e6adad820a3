//! Python's text primitives, reproduced exactly.
//!
//! sacreBLEU's scores depend on `str.split()`, `str.rstrip()` and `str.strip()`, which use
//! Python's `str.isspace()`. That set differs from Rust's `char::is_whitespace`: it also
//! holds U+001C..U+001F (the ASCII "information separators") and lacks nothing Rust has.
//! See `../shared/docs/sacrebleu-compat.md` b.2.

/// Python's `str.isspace()` for one code point (verified by enumeration against CPython 3.11).
#[inline]
pub fn is_py_space(c: char) -> bool {
    match c {
        '\t'..='\r' | '\x1c'..='\x1f' | ' ' => true,
        c if (c as u32) < 0x85 => false,
        '\u{85}'
        | '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}' => true,
        _ => false,
    }
}

/// Python's `s.split()`: runs of whitespace separate tokens; no empty tokens.
#[inline]
pub fn py_split(s: &str) -> PySplit<'_> {
    PySplit { s, pos: 0 }
}

/// A byte's class for splitting: [`ORDINARY`], [`SPACE`] (ASCII Python whitespace) or
/// [`MAYBE_SPACE`] (a lead byte that can start a non-ASCII Python space: U+0085, U+00A0,
/// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
pub(crate) static SPACE_CLASS: [u8; 256] = {
    let mut t = [ORDINARY; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | 0x1c..=0x20 => SPACE,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => MAYBE_SPACE,
            _ => ORDINARY,
        };
        b += 1;
    }
    t
};
/// See [`SPACE_CLASS`].
pub(crate) const ORDINARY: u8 = 0;
/// See [`SPACE_CLASS`].
pub(crate) const SPACE: u8 = 1;
/// See [`SPACE_CLASS`].
pub(crate) const MAYBE_SPACE: u8 = 2;

/// The byte length of the Python whitespace character starting at byte `i`, or 0.
/// Works on UTF-8 bytes directly: only a few lead bytes can start a non-ASCII space.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match SPACE_CLASS[b[i] as usize] {
        ORDINARY => 0,
        SPACE => 1,
        _ => wide_space_len(b, i),
    }
}

/// [`space_len`] for a [`MAYBE_SPACE`] lead byte.
#[inline(never)]
pub(crate) fn wide_space_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The iterator of [`py_split`].
#[derive(Debug, Clone)]
pub struct PySplit<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for PySplit<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let mut i = self.pos;
        loop {
            if i >= b.len() {
                self.pos = i;
                return None;
            }
            match space_len(b, i) {
                0 => break,
                n => i += n,
            }
        }
        let start = i;
        while i < b.len() && space_len(b, i) == 0 {
            i += 1;
        }
        self.pos = i;
        // `start` and `i` sit on character boundaries: both follow a whole whitespace
        // character or the string's ends, and a space's lead byte never continues a character.
        Some(&self.s[start..i])
    }
}

/// Python's `s.rstrip()`.
#[inline]
pub fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

/// Python's `s.strip()`.
#[inline]
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Python's `' '.join(s.split())`.
pub fn py_normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for tok in py_split(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(tok);
    }
    out
}

/// Python's `str.lower()`. Rust's `to_lowercase` applies the same full mapping, including
/// the context-sensitive final sigma (verified for `İ` and `ΟΔΟΣ`).
pub fn py_lower(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace_set() {
        let spaces: Vec<u32> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_py_space(c))
            .map(|c| c as u32)
            .collect();
        // Output of: [i for i in range(0x110000) if chr(i).isspace()]  (CPython 3.11)
        let python = [
            9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196,
            8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288,
        ];
        assert_eq!(spaces, python);
    }

    #[test]
    fn split_and_strip_like_python() {
        assert_eq!(py_split("a\x1cb  c\r").collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(py_rstrip("x \u{a0}\u{3000}\r"), "x");
        // ZWSP is not whitespace in Python either.
        assert_eq!(py_rstrip("x\u{200b}"), "x\u{200b}");
        assert_eq!(py_strip("  x y \t"), "x y");
        assert_eq!(py_normalize_space("  a \u{2028} b "), "a b");
    }

    proptest::proptest! {
        #[test]
        fn fast_split_equals_char_split(s in "(\\PC|[ \t\r\n\x1c\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{3001}\u{e1}\u{20ac}])*") {
            let slow: Vec<&str> = s.split(is_py_space).filter(|t| !t.is_empty()).collect();
            proptest::prop_assert_eq!(py_split(&s).collect::<Vec<_>>(), slow);
        }
    }

    #[test]
    fn lower_like_python() {
        assert_eq!(py_lower("ΟΔΟΣ"), "οδος");
        assert_eq!(py_lower("İ"), "i\u{307}");
    }
}
