//! TER's own tokenizer, exactly as sacreBLEU 2.6.0 (`tokenizers/tokenizer_ter.py`,
//! `TercomTokenizer`, a port of Tercom's `Normalizer.java`).
//!
//! Steps, in sacreBLEU's order: lowercase (unless case-sensitive); with `normalized`, the
//! general and Western rules (`_normalize_general_and_western`) and, with `asian_support`,
//! the CJK rules (`_normalize_asian`); with `no_punct`, punctuation removal
//! (`_remove_punct`, plus `_remove_asian_punct` with `asian_support`); finally
//! `' '.join(sent.split())` with Python's whitespace set. It is not a BLEU tokenizer and is
//! therefore not listed in [`super::TokenizerKind`].

use std::sync::LazyLock;

use regex::Regex;

use super::Tokenizer;
use crate::text::{py_lower, py_normalize_space};

/// sacreBLEU's `TercomTokenizer` with its four switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TercomTokenizer {
    /// Apply the general and Western normalisation rules (and CJK splitting with
    /// `asian_support`).
    pub normalized: bool,
    /// Remove punctuation (and CJK / full-width punctuation with `asian_support`).
    pub no_punct: bool,
    /// Enable the CJK rules of `normalized` and `no_punct`.
    pub asian_support: bool,
    /// Keep case (TER lowercases by default).
    pub case_sensitive: bool,
}

/// The regular-expression rules of `_normalize_general_and_western` after padding. Python's
/// `re.sub` and `regex::Regex::replace_all` both replace leftmost, non-overlapping matches;
/// `[0-9]` is an ASCII range and `[^0-9]` also matches `\n` in both engines.
static WESTERN: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("static tokenizer pattern");
    [
        // tokenize punctuation: `([{-~[-` -&(-+:-@/])` -> ` \1 `
        re(r"([\{-\~\[-\` -\&\(-\+:-@/])"),
        // tokenize period and comma unless preceded by a digit
        re(r"([^0-9])([\.,])"),
        // tokenize period and comma unless followed by a digit
        re(r"([\.,])([^0-9])"),
        // tokenize dash when preceded by a digit
        re(r"([0-9])(-)"),
    ]
});

/// Replacements matching [`WESTERN`], in order.
const WESTERN_REPL: [&str; 4] = [" ${1} ", "${1} ${2} ", " ${1} ${2}", "${1} ${2} "];

/// `TercomTokenizer.ASIAN_PUNCT`: `[\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb]`.
#[inline]
fn is_asian_punct(c: char) -> bool {
    matches!(c, '\u{3001}' | '\u{3002}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}'
        | '\u{ff61}'..='\u{ff65}' | '\u{30fb}')
}

/// `TercomTokenizer.FULL_WIDTH_PUNCT`: `[\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09]`.
#[inline]
fn is_full_width_punct(c: char) -> bool {
    matches!(
        c,
        '\u{ff0e}'
            | '\u{ff0c}'
            | '\u{ff1f}'
            | '\u{ff1a}'
            | '\u{ff1b}'
            | '\u{ff01}'
            | '\u{ff02}'
            | '\u{ff08}'
            | '\u{ff09}'
    )
}

/// The characters `_normalize_asian` surrounds with spaces. Each of its substitutions
/// replaces a single character by ` c `; spaces belong to none of the classes, so applying
/// them one after another equals one pass over their union (extra spaces vanish in the
/// final whitespace normalisation). The ranges are sacreBLEU's, including `3200-3F22`
/// (wider than the "Enclosed CJK Letters and Months" block its comment names; the excess
/// overlaps the other ranges).
#[inline]
fn is_asian_split(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}'   // CJK Unified Ideographs (+ Ext. A)
        | '\u{31c0}'..='\u{31ef}' | '\u{2e80}'..='\u{2eff}' // CJK Strokes, Radicals Supplement
        | '\u{3300}'..='\u{33ff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{3200}'..='\u{3f22}')
        || is_asian_punct(c)
        || is_full_width_punct(c)
}

/// `_normalize_general_and_western`.
fn normalize_western(sent: &str) -> String {
    // general part: join hyphenated lines, join lines, unescape four XML entities
    let sent = sent
        .replace("\n-", "")
        .replace('\n', " ")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let mut sent = format!(" {sent} ");
    sent = WESTERN[0].replace_all(&sent, WESTERN_REPL[0]).into_owned();
    // possessives: `'s ` -> ` 's ` (a literal pattern, so `str::replace` has `re.sub`'s
    // leftmost non-overlapping semantics).
    sent = sent.replace("'s ", " 's ");
    // `'s$` -> ` 's`: unreachable since the padded line always ends with a space, kept for
    // fidelity. (`$` would also match before a final `\n`, but none is left.)
    if let Some(stem) = sent.strip_suffix("'s") {
        sent = format!("{stem} 's");
    }
    for (re, rep) in WESTERN.iter().zip(WESTERN_REPL).skip(1) {
        sent = re.replace_all(&sent, rep).into_owned();
    }
    sent
}

/// `_normalize_asian`. The three Hiragana / Katakana / Katakana-extension rules of the
/// Python code, e.g. `(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])`, can
/// only match a run starting at position 0 of the string (`^` without MULTILINE), but the
/// Western step always leaves a leading space there, so they never fire and are omitted.
fn normalize_asian(sent: &str) -> String {
    let mut out = String::with_capacity(sent.len() + sent.len() / 2);
    for c in sent.chars() {
        if is_asian_split(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

impl TercomTokenizer {
    /// Tokenizes one (already right-stripped) line as `TercomTokenizer.__call__`.
    pub fn tokenize_line(&self, sent: &str) -> String {
        if sent.is_empty() {
            return String::new();
        }
        let mut sent = if self.case_sensitive {
            sent.to_string()
        } else {
            py_lower(sent)
        };
        if self.normalized {
            sent = normalize_western(&sent);
            if self.asian_support {
                sent = normalize_asian(&sent);
            }
        }
        if self.no_punct {
            // `_remove_punct`: `[\.,\?:;!\"\(\)]`; `_remove_asian_punct` with asian_support.
            let asian = self.asian_support;
            sent.retain(|c| {
                !(matches!(c, '.' | ',' | '?' | ':' | ';' | '!' | '"' | '(' | ')')
                    || (asian && (is_asian_punct(c) || is_full_width_punct(c))))
            });
        }
        py_normalize_space(&sent)
    }
}

impl Tokenizer for TercomTokenizer {
    fn signature(&self) -> &'static str {
        "tercom"
    }

    fn tokenize(&self, line: &str) -> String {
        self.tokenize_line(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(
        normalized: bool,
        no_punct: bool,
        asian_support: bool,
        case_sensitive: bool,
    ) -> TercomTokenizer {
        TercomTokenizer {
            normalized,
            no_punct,
            asian_support,
            case_sensitive,
        }
    }

    // Expected values: python3 -c "from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer as T; print(repr(T(normalized=N, no_punct=P, asian_support=A, case_sensitive=C)(S)))"

    #[test]
    fn default_only_lowercases_and_normalizes_space() {
        let t = tok(false, false, false, false);
        assert_eq!(
            t.tokenize_line("Hello,  World!\u{a0}It's"),
            "hello, world! it's"
        );
        assert_eq!(t.tokenize_line(""), "");
        assert_eq!(
            tok(false, false, false, true).tokenize_line("ABC dEf"),
            "ABC dEf"
        );
    }

    #[test]
    fn western_rules() {
        let t = tok(true, false, false, false);
        assert_eq!(
            t.tokenize_line("He said: \"It's 3.5 (ok), 1990-2000!\" John's &amp; Mary's."),
            "he said : \" it 's 3.5 ( ok ) , 1990 - 2000 ! \" john 's & mary's ."
        );
        assert_eq!(
            t.tokenize_line("a\n-b\nc &lt;x&gt; &quot;q&quot;"),
            "ab c < x > \" q \""
        );
        assert_eq!(
            t.tokenize_line("a..b 1,000.5 x,y .5"),
            "a . . b 1,000.5 x , y . 5"
        );
    }

    #[test]
    fn no_punct_rules() {
        let t = tok(false, true, false, false);
        assert_eq!(
            t.tokenize_line("Hello, (world)! \"Yes\"? a:b; c."),
            "hello world yes ab c"
        );
        let t = tok(false, true, true, false);
        assert_eq!(
            t.tokenize_line("你好，世界。「引用」（括弧）！"),
            "你好世界引用括弧"
        );
    }

    #[test]
    fn asian_rules() {
        let t = tok(true, false, true, false);
        assert_eq!(
            t.tokenize_line("我爱北京天安门。"),
            "我 爱 北 京 天 安 门 。"
        );
        // Kana runs are not split (the kana rules never fire after padding).
        assert_eq!(t.tokenize_line("ひらがな"), "ひらがな");
        assert_eq!(
            t.tokenize_line("東京はカタカナ、ひらがな！ABC"),
            "東 京 はカタカナ 、 ひらがな ！ abc"
        );
        // Enclosed CJK (U+3250) is split, Hangul compatibility jamo (U+3131) is not.
        assert_eq!(
            t.tokenize_line("x\u{3250}y\u{3131}z"),
            "x \u{3250} y\u{3131}z"
        );
        // asian_support alone changes nothing
        assert_eq!(
            tok(false, false, true, false).tokenize_line("我爱 北京"),
            "我爱 北京"
        );
    }

    #[test]
    fn indic_text() {
        let t = tok(true, true, true, false);
        assert_eq!(
            t.tokenize_line("আমি ভাত খাই। हिन्दी, पाठ."),
            "আমি ভাত খাই। हिन्दी पाठ"
        );
    }
}
