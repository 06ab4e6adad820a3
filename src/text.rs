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
pub fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|t| !t.is_empty())
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

    #[test]
    fn lower_like_python() {
        assert_eq!(py_lower("ΟΔΟΣ"), "οδος");
        assert_eq!(py_lower("İ"), "i\u{307}");
    }
}
