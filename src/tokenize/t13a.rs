//! The `13a` tokenizer (mteval-v13a, `tokenizer_13a.py` + `tokenizer_re.py`).
//!
//! Steps: drop `<skipped>`, join `-\n`, turn `\n` into a space, unescape four HTML
//! entities (only if the line holds `&`, in sacreBLEU's order), pad with one space on each
//! side, then the four regular-expression rules of [`TokenizerRegexp`] and whitespace
//! normalisation with Python's whitespace set.

use std::sync::LazyLock;

use regex::Regex;

use super::Tokenizer;
use crate::text::py_normalize_space;

/// mteval-v13a tokenization.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tokenizer13a;

impl Tokenizer for Tokenizer13a {
    fn signature(&self) -> &'static str {
        "13a"
    }

    fn tokenize(&self, line: &str) -> String {
        let mut line = line
            .replace("<skipped>", "")
            .replace("-\n", "")
            .replace('\n', " ");
        if line.contains('&') {
            line = line
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        }
        TokenizerRegexp.tokenize(&format!(" {line} "))
    }
}

/// The punctuation rules shared by `13a` and `zh` (`tokenizer_re.py`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerRegexp;

/// The rules in sacreBLEU's order. Replacement is leftmost, non-overlapping and
/// replace-all in both Python's `re.sub` and `regex::Regex::replace_all`.
static RULES: LazyLock<[(Regex, &'static str); 4]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("static tokenizer pattern");
    [
        // ASCII punctuation and symbols except ' - . , (and the space, which is harmless).
        (re(r"([\{-\~\[-\` -\&\(-\+:-@/])"), " ${1} "),
        // Period and comma unless preceded by a digit.
        (re(r"([^0-9])([\.,])"), "${1} ${2} "),
        // Period and comma unless followed by a digit.
        (re(r"([\.,])([^0-9])"), " ${1} ${2}"),
        // Dash when preceded by a digit.
        (re(r"([0-9])(-)"), "${1} ${2} "),
    ]
});

impl Tokenizer for TokenizerRegexp {
    fn signature(&self) -> &'static str {
        "re"
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

    fn t(s: &str) -> String {
        Tokenizer13a.tokenize(s)
    }

    #[test]
    fn mteval_13a_cases() {
        // Expected values from sacrebleu 2.6.0 Tokenizer13a()(...).
        assert_eq!(
            t("Hello, world! It's 3.5 (ok)."),
            "Hello , world ! It's 3.5 ( ok ) ."
        );
        assert_eq!(t("a\x1cb c\r"), "a b c");
        assert_eq!(t("1990-2000, a-b"), "1990 - 2000 , a-b");
        assert_eq!(t("&quot;x&quot; &amp;lt; &lt;y&gt;"), "\" x \" < < y >");
        assert_eq!(t("a<skipped>b"), "ab");
        assert_eq!(t("a..b 1,000.5"), "a . . b 1,000.5");
        assert_eq!(t(""), "");
    }
}
