//! Text normalisation and tokenisation for entity matching.
//!
//! Owns the comparison form of text (NFC, zero-width characters removed, dashes unified,
//! digits of every script mapped to ASCII, lowercase) and the split of a line into word
//! tokens. Tokens are built from whole extended grapheme clusters, so a token's byte
//! span never cuts a cluster: reported surfaces are always slices on cluster boundaries.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// One word of a line: its byte span in the original line and its comparison form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the line.
    pub start: usize,
    /// Byte offset one past the last byte in the line.
    pub end: usize,
    /// [`normalize`]d text of the token.
    pub norm: String,
}

/// Characters that change rendering, not identity (ZWJ/ZWNJ, soft hyphen, BOM, variation
/// selectors); they are kept in surfaces and removed from comparison keys.
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Dash and hyphen variants, all treated as `-`.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Zero code points of the decimal-digit blocks we map to ASCII. `char::to_digit` only
/// knows ASCII, and NFKC does not fold Indic digits, so this table is needed.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
];

/// The value of a decimal digit in any of the common scripts (`১` → 1, `८` → 8).
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let cp = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&z| cp >= z && cp < z + 10)
        .map(|&z| cp - z)
}

/// Comparison form: NFC, ignorables removed, dashes → `-`, digits → ASCII, lowercase.
///
/// NFC matters for Indic text: it decomposes the composition-excluded nukta letters
/// (য় U+09DF → য + ়) so both encodings compare equal, and composes two-part vowel signs.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if is_ignorable(c) {
            continue;
        }
        if is_dash(c) {
            out.push('-');
        } else if let Some(d) = digit_value(c) {
            out.push(char::from_digit(d, 10).unwrap_or('0'));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Code points that continue a word although they are not alphanumeric: combining marks
/// and the whole Bengali and Devanagari blocks (virama, nukta, vowel signs) except danda.
fn is_word_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{0DFF}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{A8E0}'..='\u{A8FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether a character can be part of a word token.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_word_mark(c) || is_ignorable(c)
}

/// The writing system of a letter, for splitting words where the script changes
/// (`HTMLविशेषता` is two words). Digits and marks belong to no script and never split.
fn script_class(c: char) -> u8 {
    match c {
        '\u{0900}'..='\u{097F}' => 1,
        '\u{0980}'..='\u{09FF}' => 2,
        _ if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => 3,
        _ if c.is_alphabetic() => 4,
        _ => 0,
    }
}

/// Splits a line into word tokens. Separators are whitespace, punctuation, dashes and
/// danda, so `সন-হুই` and `সন হুই` give the same tokens; a change of script between two
/// letters also separates words. The decision is made per grapheme cluster (by its first
/// code point), so tokens never cut a cluster.
pub fn tokenize(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let mut prev_script = 0u8;
    for (i, g) in line.grapheme_indices(true) {
        let first = g.chars().next().unwrap_or(' ');
        // A cluster made only of ignorables (a lone ZWJ) does not start a word by itself.
        let word = is_word_char(first) && !(cur.is_none() && g.chars().all(is_ignorable));
        let script = script_class(first);
        if let (true, Some(s)) = (word, cur) {
            if script != 0 && prev_script != 0 && script != prev_script {
                push_token(&mut out, line, s, i);
                cur = Some(i);
            }
        }
        match (word, cur) {
            (true, None) => cur = Some(i),
            (false, Some(s)) => {
                push_token(&mut out, line, s, i);
                cur = None;
            }
            _ => {}
        }
        if script != 0 {
            prev_script = script;
        } else if !word {
            prev_script = 0;
        }
    }
    if let Some(s) = cur {
        push_token(&mut out, line, s, line.len());
    }
    out
}

fn push_token(out: &mut Vec<Token>, line: &str, start: usize, end: usize) {
    let norm = normalize(&line[start..end]);
    if !norm.is_empty() {
        out.push(Token { start, end, norm });
    }
}

/// Whether `s` is written (mostly) in Latin letters; decides the extraction path.
pub fn is_latin_text(s: &str) -> bool {
    let mut latin = 0usize;
    let mut other = 0usize;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin > other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_across_scripts() {
        assert_eq!(normalize("১৮"), "18");
        assert_eq!(normalize("१८"), "18");
        assert_eq!(digit_value('৯'), Some(9));
        assert_eq!(digit_value('x'), None);
    }

    #[test]
    fn nukta_forms_compare_equal() {
        assert_eq!(normalize("\u{09DF}"), normalize("\u{09AF}\u{09BC}"));
        assert_eq!(normalize("क़"), normalize("\u{0915}\u{093C}"));
    }

    #[test]
    fn zero_width_and_dashes() {
        assert_eq!(normalize("র\u{200D}্যাব"), "র্যাব");
        assert_eq!(normalize("Cho Tae\u{2011}yul"), "cho tae-yul");
    }

    #[test]
    fn hyphen_and_space_give_same_tokens() {
        let a: Vec<String> = tokenize("চোয়ে সন-হুই").into_iter().map(|t| t.norm).collect();
        let b: Vec<String> = tokenize("চোয়ে সন হুই।")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn script_change_splits() {
        let t: Vec<String> = tokenize("HTMLविशेषता और A350")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(t, vec!["html", "विशेषता", "और", "a350"]);
    }

    #[test]
    fn tokens_keep_spans() {
        let line = "Kim’s visit, Seoul.";
        let t = tokenize(line);
        assert_eq!(&line[t[0].start..t[0].end], "Kim");
        assert_eq!(t.last().map(|t| &line[t.start..t.end]), Some("Seoul"));
    }
}
