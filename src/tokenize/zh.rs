//! The `zh` tokenizer (`tokenizer_zh.py`): CJK characters become single tokens, then the
//! 13a punctuation rules (without 13a's entity unescaping and padding).
//!
//! sacreBLEU writes two of its ranges as `'\u20000'`/`'\u2a6d6'` and
//! `'\u2f800'`/`'\u2fa1d'`. Python's `\u` takes four hex digits, so these are two-character
//! strings, and comparing a one-character string against them selects U+2001..=U+2A6D
//! (general punctuation, currency, arrows, maths, dingbats…) and U+2F81..=U+2FA1, while real
//! CJK Extension B (U+20000…) is *not* split. We reproduce this (upstream issue #298),
//! because exact scores are the point.

use super::t13a::TokenizerRegexp;
use super::Tokenizer;
use crate::text::py_strip;

/// Chinese tokenization.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerZh;

/// Inclusive ranges of code points sacreBLEU treats as Chinese, after the `\u` parsing
/// quirk described in the module docs.
const RANGES: &[(u32, u32)] = &[
    (0x3400, 0x4db5),
    (0x4e00, 0x9fa5),
    (0x9fa6, 0x9fbb),
    (0xf900, 0xfa2d),
    (0xfa30, 0xfa6a),
    (0xfa70, 0xfad9),
    (0x2001, 0x2a6d), // written '\u20000'..'\u2a6d6' upstream
    (0x2f81, 0x2fa1), // written '\u2f800'..'\u2fa1d' upstream
    (0xff00, 0xffef),
    (0x2e80, 0x2eff),
    (0x3000, 0x303f),
    (0x31c0, 0x31ef),
    (0x2f00, 0x2fdf),
    (0x2ff0, 0x2fff),
    (0x3100, 0x312f),
    (0x31a0, 0x31bf),
    (0xfe10, 0xfe1f),
    (0xfe30, 0xfe4f),
    (0x2600, 0x26ff),
    (0x2700, 0x27bf),
    (0x3200, 0x32ff),
    (0x3300, 0x33ff),
];

/// Whether sacreBLEU's `_is_chinese_char` holds for `c`.
pub fn is_chinese_char(c: char) -> bool {
    let c = c as u32;
    RANGES.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

impl Tokenizer for TokenizerZh {
    fn signature(&self) -> &'static str {
        "zh"
    }

    fn tokenize(&self, line: &str) -> String {
        self.with_spaced(line, crate::text::py_normalize_space)
    }
}

impl TokenizerZh {
    /// Calls `f` with the tokenized line before whitespace normalisation.
    pub fn with_spaced<R>(&self, line: &str, f: impl FnOnce(&str) -> R) -> R {
        let line = py_strip(line);
        let mut spaced = String::with_capacity(line.len() * 2);
        for c in line.chars() {
            if is_chinese_char(c) {
                spaced.push(' ');
                spaced.push(c);
                spaced.push(' ');
            } else {
                spaced.push(c);
            }
        }
        TokenizerRegexp::with_spaced(&spaced, false, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicates_range_bug() {
        // sacrebleu 2.6.0: TokenizerZh()('Hello—world “quote” 10€ 中文')
        assert_eq!(
            TokenizerZh.tokenize("Hello—world “quote” 10€ 中文"),
            "Hello — world “ quote ” 10 € 中 文"
        );
        assert!(!is_chinese_char('\u{20000}'));
        assert!(is_chinese_char('\u{2001}'));
        assert!(!is_chinese_char('\u{2000}'));
    }
}
