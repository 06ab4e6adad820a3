//! BLEU's tokenizers, exactly as sacreBLEU 2.6.0 (`sacrebleu/tokenizers/`).
//!
//! Each tokenizer lives in its own file and implements [`Tokenizer`]; [`TokenizerKind`]
//! names them and dispatches with a `match`. Tokenizers sacreBLEU loads from external
//! models or C libraries (`ja-mecab`, `ko-mecab`, `flores101`, `flores200`, `spBLEU-1K`)
//! are recognised by name and refused with a clear error rather than approximated.

mod char;
mod intl;
mod none;
mod spm;
mod t13a;
mod tercom;
mod zh;

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};

pub use self::char::TokenizerChar;
pub use self::intl::TokenizerIntl;
pub use self::none::TokenizerNone;
pub use self::spm::SpmModel;
pub use self::t13a::{Tokenizer13a, TokenizerRegexp};
pub use self::tercom::TercomTokenizer;
pub use self::zh::TokenizerZh;

/// A BLEU tokenizer: a line in, a space-separated line out.
pub trait Tokenizer: Send + Sync {
    /// The name recorded in signatures (`tok:13a`).
    fn signature(&self) -> &'static str;
    /// Tokenizes one line.
    fn tokenize(&self, line: &str) -> String;
}

/// The tokenizers available by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenizerKind {
    /// No tokenization.
    None,
    /// mteval-v13a, WMT's standard (sacreBLEU's default).
    T13a,
    /// mteval-v14 international tokenization.
    Intl,
    /// One token per code point.
    Char,
    /// Chinese: every CJK character is a token, the rest follows 13a.
    Zh,
}

impl TokenizerKind {
    /// All names `--tokenize` accepts, including the ones refused as unsupported.
    pub const NAMES: &'static [&'static str] = &[
        "none",
        "13a",
        "intl",
        "char",
        "zh",
        "ja-mecab",
        "ko-mecab",
        "flores101",
        "flores200",
        "spBLEU-1K",
    ];

    /// The tokenizer sacreBLEU's CLI picks for a target language when none is given
    /// (`zh` for Chinese; Japanese and Korean need MeCab, which is not supported).
    pub fn default_for_lang(target_lang: Option<&str>) -> Result<TokenizerKind> {
        match target_lang {
            Some("zh") => Ok(TokenizerKind::Zh),
            Some(l @ ("ja" | "ko")) => Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "the default tokenizer for target language '{l}' ({}-mecab) is not supported yet; \
                     pass --tokenize explicitly (e.g. char)",
                    if l == "ja" { "ja" } else { "ko" }
                ),
            )),
            _ => Ok(TokenizerKind::T13a),
        }
    }

    /// Dispatches `tokenize` without boxing.
    pub fn tokenize(&self, line: &str) -> String {
        match self {
            TokenizerKind::None => TokenizerNone.tokenize(line),
            TokenizerKind::T13a => Tokenizer13a.tokenize(line),
            TokenizerKind::Intl => TokenizerIntl.tokenize(line),
            TokenizerKind::Char => TokenizerChar.tokenize(line),
            TokenizerKind::Zh => TokenizerZh.tokenize(line),
        }
    }

    /// Calls `f` with every token of the tokenized line, in order: the words of
    /// [`TokenizerKind::tokenize`]'s output under Python's `split()`, without building
    /// that string where the tokenizer allows (13a hands out slices of the line; zh's
    /// output is split before whitespace normalisation).
    pub fn for_each_token(&self, line: &str, mut f: impl FnMut(&str)) {
        match self {
            TokenizerKind::T13a => Tokenizer13a.for_each_token(line, f),
            TokenizerKind::Zh => {
                TokenizerZh.with_spaced(line, |t| crate::text::py_split(t).for_each(&mut f))
            }
            _ => crate::text::py_split(&self.tokenize(line)).for_each(f),
        }
    }

    /// The signature name (`13a`, `intl`, …).
    pub fn signature(&self) -> &'static str {
        match self {
            TokenizerKind::None => TokenizerNone.signature(),
            TokenizerKind::T13a => Tokenizer13a.signature(),
            TokenizerKind::Intl => TokenizerIntl.signature(),
            TokenizerKind::Char => TokenizerChar.signature(),
            TokenizerKind::Zh => TokenizerZh.signature(),
        }
    }
}

impl FromStr for TokenizerKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<TokenizerKind> {
        match s {
            "none" => Ok(TokenizerKind::None),
            "13a" => Ok(TokenizerKind::T13a),
            "intl" => Ok(TokenizerKind::Intl),
            "char" => Ok(TokenizerKind::Char),
            "zh" => Ok(TokenizerKind::Zh),
            "ja-mecab" | "ko-mecab" | "spm" | "flores101" | "flores200" | "spBLEU-1K" => Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "tokenizer '{s}' is not supported yet (it needs {}); supported: none, 13a, intl, char, zh",
                    if s.ends_with("mecab") { "MeCab and its dictionary" } else { "a SentencePiece model" }
                ),
            )),
            _ => Err(Error::config(format!(
                "unknown tokenizer '{s}' (expected one of: {})",
                TokenizerKind::NAMES.join(", ")
            ))),
        }
    }
}

impl fmt::Display for TokenizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.signature())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_refusals() {
        for name in ["none", "13a", "intl", "char", "zh"] {
            assert_eq!(name.parse::<TokenizerKind>().unwrap().signature(), name);
        }
        let e = "ja-mecab".parse::<TokenizerKind>().unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Unsupported);
        assert!(e.to_string().contains("not supported yet"));
        let e = "13b".parse::<TokenizerKind>().unwrap_err();
        assert!(e.to_string().starts_with("unknown tokenizer '13b'"));
    }
}
