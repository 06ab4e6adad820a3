//! The `char` tokenizer: every code point is a token (`tokenizer_char.py`).
//!
//! sacreBLEU joins code points (not grapheme clusters) with spaces; spaces in the input
//! become empty tokens that the later `split()` drops.

use super::Tokenizer;

/// One token per code point.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerChar;

impl Tokenizer for TokenizerChar {
    fn signature(&self) -> &'static str {
        "char"
    }

    fn tokenize(&self, line: &str) -> String {
        let mut out = String::with_capacity(line.len() * 2);
        for (i, c) in line.chars().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_not_graphemes() {
        assert_eq!(TokenizerChar.tokenize("কি a"), "ক ি   a");
    }
}
