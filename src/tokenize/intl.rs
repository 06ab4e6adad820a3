//! The `intl` tokenizer (mteval-v14 international, `tokenizer_intl.py`).
//!
//! Splits Unicode punctuation unless it sits between digits, and every symbol. There is
//! no padding, so a number followed by a final period ("1990.") keeps the period, which
//! reproduces mteval-v14's own behaviour.

use std::sync::LazyLock;

use regex::Regex;

use super::Tokenizer;
use crate::text::py_normalize_space;

/// mteval-v14 international tokenization.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerIntl;

static RULES: LazyLock<[(Regex, &'static str); 3]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("static tokenizer pattern");
    [
        (re(r"(\P{N})(\p{P})"), "${1} ${2} "),
        (re(r"(\p{P})(\P{N})"), " ${1} ${2}"),
        (re(r"(\p{S})"), " ${1} "),
    ]
});

impl Tokenizer for TokenizerIntl {
    fn signature(&self) -> &'static str {
        "intl"
    }

    fn tokenize(&self, line: &str) -> String {
        let mut line = std::borrow::Cow::Borrowed(line);
        for (re, rep) in RULES.iter() {
            if let std::borrow::Cow::Owned(s) = re.replace_all(&line, *rep) {
                line = std::borrow::Cow::Owned(s);
            }
        }
        py_normalize_space(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v14_cases() {
        // Expected values from sacrebleu 2.6.0 TokenizerV14International()(...).
        assert_eq!(
            TokenizerIntl.tokenize("In 1990. Hello, \"world\"!"),
            "In 1990 . Hello , \" world \" !"
        );
        assert_eq!(TokenizerIntl.tokenize("1990."), "1990.");
        assert_eq!(
            TokenizerIntl.tokenize("1,000.5 €10 a+b"),
            "1,000.5 € 10 a + b"
        );
        assert_eq!(TokenizerIntl.tokenize("মস্কো। দিল্লি"), "মস্কো । দিল্লি");
    }
}
