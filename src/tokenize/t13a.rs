//! The `13a` tokenizer (mteval-v13a, `tokenizer_13a.py` + `tokenizer_re.py`).
//!
//! Steps: drop `<skipped>`, join `-\n`, turn `\n` into a space, unescape four HTML
//! entities (only if the line holds `&`, in sacreBLEU's order), pad with one space on each
//! side, then the four regular-expression rules of [`TokenizerRegexp`] and whitespace
//! normalisation with Python's whitespace set.

use super::Tokenizer;
use crate::text::{py_normalize_space, space_len, wide_space_len, ORDINARY, SPACE, SPACE_CLASS};

/// mteval-v13a tokenization.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tokenizer13a;

impl Tokenizer for Tokenizer13a {
    fn signature(&self) -> &'static str {
        "13a"
    }

    fn tokenize(&self, line: &str) -> String {
        self.with_unescaped(line, |line| {
            TokenizerRegexp::with_spaced(line, true, py_normalize_space)
        })
    }
}

impl Tokenizer13a {
    /// Calls `f` with every token of the tokenized line, in order (the tokens of
    /// `self.tokenize(line)`), each a slice of the line after the entity and `<skipped>`
    /// steps.
    ///
    /// The rules never look across whitespace: each pattern matches two adjacent
    /// characters, a whitespace character is never a digit, period, comma or dash, and it
    /// is never the second character of a rule-2 or rule-4 match nor the first of a
    /// rule-3 or rule-4 one. So every rule's scan is in the same state at every whitespace
    /// character, and the line tokenizes as its whitespace-separated words each tokenized
    /// alone (padded, as 13a pads the line). A word without any byte the rules name comes
    /// out whole; the others go through the rules, which only insert spaces, so their
    /// tokens are consecutive slices of the word. (Checked against the regular-expression
    /// oracle by property tests below.)
    pub fn for_each_token(&self, line: &str, mut f: impl FnMut(&str)) {
        self.with_unescaped(line, |line| {
            let b = line.as_bytes();
            let mut i = 0;
            loop {
                // Skip whitespace, then take a word, noting whether it holds a special byte.
                while i < b.len() {
                    match space_len(b, i) {
                        0 => break,
                        n => i += n,
                    }
                }
                if i >= b.len() {
                    break;
                }
                let start = i;
                let mut special = false;
                while i < b.len() {
                    match CLASS[b[i] as usize] {
                        ORDINARY => i += 1,
                        SPECIAL => {
                            special = true;
                            i += 1;
                        }
                        SPACE => break,
                        _ if wide_space_len(b, i) > 0 => break,
                        _ => i += 1,
                    }
                }
                // Both ends are character boundaries: after whitespace or a line end.
                let word = &line[start..i];
                if !special {
                    f(word);
                    continue;
                }
                TokenizerRegexp::with_rules(word.as_bytes(), |out| {
                    let mut pos = 0;
                    for run in out.split(|&b| b == b' ').filter(|r| !r.is_empty()) {
                        f(&word[pos..pos + run.len()]);
                        pos += run.len();
                    }
                    debug_assert_eq!(pos, word.len(), "the rules only insert spaces");
                });
            }
        })
    }

    /// 13a's steps before the rules: drop `<skipped>`, join `-\n`, turn `\n` into a space,
    /// unescape four HTML entities (in sacreBLEU's order).
    fn with_unescaped<R>(&self, line: &str, f: impl FnOnce(&str) -> R) -> R {
        // Each step needs a `<`, `\n` or `&`; most lines have none (one SIMD scan).
        if memchr::memchr3(b'<', b'\n', b'&', line.as_bytes()).is_none() {
            return f(line);
        }
        let mut line = std::borrow::Cow::Borrowed(line);
        if line.contains("<skipped>") {
            line = line.replace("<skipped>", "").into();
        }
        if line.contains('\n') {
            line = line.replace("-\n", "").replace('\n', " ").into();
        }
        if line.contains('&') {
            line = line
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .into();
        }
        // The padding (added by the caller) matters: it makes a leading ".5" or a final
        // "5." split.
        f(&line)
    }
}

/// [`crate::text::SPACE_CLASS`] plus [`SPECIAL`]: bytes the rules can split next to
/// (rule 1's class, period, comma, dash).
static CLASS: [u8; 256] = {
    let mut t = SPACE_CLASS;
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if t[b] == ORDINARY && (is_rule1(c) || c == b'.' || c == b',' || c == b'-') {
            t[b] = SPECIAL;
        }
        b += 1;
    }
    t
};
const SPECIAL: u8 = 3;

/// The punctuation rules shared by `13a` and `zh` (`tokenizer_re.py`).
///
/// sacreBLEU applies four regular expressions in turn, each with `re.sub` (leftmost,
/// non-overlapping, replace all):
///
/// 1. `([\{-\~\[-\` -\&\(-\+:-@/])` → `" \1 "`: ASCII punctuation and symbols except
///    `'`, `-`, `.`, `,` (and the space, which is harmless);
/// 2. `([^0-9])([\.,])` → `"\1 \2 "`: period and comma unless preceded by a digit;
/// 3. `([\.,])([^0-9])` → `" \1 \2"`: period and comma unless followed by a digit;
/// 4. `([0-9])(-)` → `"\1 \2 "`: dash when preceded by a digit;
///
/// then normalises whitespace. Each pattern matches exactly two characters (one for
/// rule 1), so leftmost non-overlapping matching is a left-to-right scan that, at a
/// match, emits the replacement and skips both characters. The scans here work on bytes:
/// every character the patterns name is ASCII, and the bytes of a multi-byte character are
/// all "not a digit", so a byte scan makes the same matches as a character scan. The
/// regular-expression version is kept in the tests as the oracle (a property test over
/// arbitrary Unicode).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerRegexp;

/// Rule 1's character class.
#[inline]
const fn is_rule1(b: u8) -> bool {
    matches!(b, b'{'..=b'~' | b'['..=b'`' | b' '..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/')
}

#[inline]
fn is_period_comma(b: u8) -> bool {
    b == b'.' || b == b','
}

/// Rules 2 to 4 fused: each rule's left-to-right scan is a transducer holding at most one
/// pending byte (the first byte of a possible match), and the rules are chained so every
/// byte flows through all three without intermediate buffers.
struct Fused<'a> {
    out: &'a mut Vec<u8>,
    /// Pending byte of rules 2, 3 and 4 (`NONE` if none).
    p2: u16,
    p3: u16,
    p4: u16,
}

const NONE: u16 = 256;

#[inline(always)]
fn is_ascii_py_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | 0x1c..=0x20)
}

impl Fused<'_> {
    /// Rule 2: non-digit then period/comma.
    #[inline(always)]
    fn r2(&mut self, b: u8) {
        let p = self.p2;
        if p == NONE {
            self.p2 = b as u16;
        } else if !(p as u8).is_ascii_digit() && is_period_comma(b) {
            self.p2 = NONE;
            self.r3(p as u8);
            self.r3(b' ');
            self.r3(b);
            self.r3(b' ');
        } else {
            self.p2 = b as u16;
            self.r3(p as u8);
        }
    }

    /// Rule 3: period/comma then non-digit.
    #[inline(always)]
    fn r3(&mut self, b: u8) {
        let p = self.p3;
        if p == NONE {
            self.p3 = b as u16;
        } else if is_period_comma(p as u8) && !b.is_ascii_digit() {
            self.p3 = NONE;
            self.r4(b' ');
            self.r4(p as u8);
            self.r4(b' ');
            self.r4(b);
        } else {
            self.p3 = b as u16;
            self.r4(p as u8);
        }
    }

    /// Rule 4: digit then dash.
    #[inline(always)]
    fn r4(&mut self, b: u8) {
        let p = self.p4;
        if p == NONE {
            self.p4 = b as u16;
        } else if (p as u8).is_ascii_digit() && b == b'-' {
            self.p4 = NONE;
            self.sink(p as u8);
            self.sink(b' ');
            self.sink(b'-');
            self.sink(b' ');
        } else {
            self.p4 = b as u16;
            self.sink(p as u8);
        }
    }

    #[inline(always)]
    fn sink(&mut self, b: u8) {
        self.out.push(b);
    }

    /// Flushes the pending bytes, rule by rule.
    fn finish(&mut self) {
        let p = std::mem::replace(&mut self.p2, NONE);
        if p != NONE {
            self.r3(p as u8);
        }
        let p = std::mem::replace(&mut self.p3, NONE);
        if p != NONE {
            self.r4(p as u8);
        }
        let p = std::mem::replace(&mut self.p4, NONE);
        if p != NONE {
            self.sink(p as u8);
        }
    }
}

impl TokenizerRegexp {
    /// The four rules from `src` (padded with a space on each side if `pad`, as 13a
    /// does) into `out`, via `tmp`.
    ///
    /// Pass 1 applies rule 1 and writes every run of ASCII whitespace (original or
    /// inserted) as one space. Rules 2 to 4 treat a whitespace byte like a letter (never
    /// a digit, period, comma or dash; never the second byte of a rule-2 or rule-4 match,
    /// nor the first of a rule-3 one), so a run of them acts as one. Pass 2 runs rules 2
    /// to 4 as chained transducers ([`Fused`]), but only around periods, commas and
    /// dashes: within a run of other bytes, once three have entered the chain, each
    /// further byte pushes the oldest pending one out unchanged, so the middle of the run
    /// is copied in bulk.
    fn apply_rules(src: &[u8], pad: bool, out: &mut Vec<u8>, tmp: &mut Vec<u8>) {
        tmp.clear();
        tmp.reserve(src.len() + src.len() / 2 + 4);
        if pad {
            tmp.push(b' ');
        }
        for &b in src {
            if is_ascii_py_space(b) {
                if tmp.last() != Some(&b' ') {
                    tmp.push(b' ');
                }
            } else if is_rule1(b) {
                if tmp.last() != Some(&b' ') {
                    tmp.push(b' ');
                }
                tmp.extend_from_slice(&[b, b' ']);
            } else {
                tmp.push(b);
            }
        }
        if pad && tmp.last() != Some(&b' ') {
            tmp.push(b' ');
        }
        out.clear();
        out.reserve(tmp.len() + tmp.len() / 4 + 8);
        let mut f = Fused {
            out,
            p2: NONE,
            p3: NONE,
            p4: NONE,
        };
        let t = &tmp[..];
        let mut i = 0;
        while i < t.len() {
            let mut j = i;
            while j < t.len() && !matches!(t[j], b'.' | b',' | b'-') {
                j += 1;
            }
            if j - i >= 3 {
                f.r2(t[i]);
                f.r2(t[i + 1]);
                f.r2(t[i + 2]);
                f.out.extend_from_slice(&t[i..j - 3]);
                f.p4 = t[j - 3] as u16;
                f.p3 = t[j - 2] as u16;
                f.p2 = t[j - 1] as u16;
            } else {
                for &b in &t[i..j] {
                    f.r2(b);
                }
            }
            if j < t.len() {
                f.r2(t[j]);
            }
            i = j + 1;
        }
        f.finish();
    }
}

impl Tokenizer for TokenizerRegexp {
    fn signature(&self) -> &'static str {
        "re"
    }

    fn tokenize(&self, line: &str) -> String {
        Self::with_spaced(line, false, py_normalize_space)
    }
}

impl TokenizerRegexp {
    /// Applies the rules to `line` (padded with a space on each side if `pad`) and calls
    /// `f` with the result before whitespace normalisation.
    pub fn with_spaced<R>(line: &str, pad: bool, f: impl FnOnce(&str) -> R) -> R {
        Self::with_output(line.as_bytes(), pad, |out| {
            // The rules only insert ASCII spaces next to ASCII bytes, and copy every
            // other byte in order, so the result is UTF-8.
            f(std::str::from_utf8(out).expect("rules keep UTF-8 intact"))
        })
    }

    /// The rules applied to `word` padded with a space on each side, as bytes.
    fn with_rules<R>(word: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
        Self::with_output(word, true, f)
    }

    fn with_output<R>(src: &[u8], pad: bool, f: impl FnOnce(&[u8]) -> R) -> R {
        thread_local! {
            static BUFS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const {
                std::cell::RefCell::new((Vec::new(), Vec::new()))
            };
        }
        BUFS.with(|bufs| {
            let (out, tmp) = &mut *bufs.borrow_mut();
            Self::apply_rules(src, pad, out, tmp);
            f(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        Tokenizer13a.tokenize(s)
    }

    /// sacreBLEU's regular-expression implementation, kept as the oracle.
    mod oracle {
        use regex::Regex;
        use std::sync::LazyLock;

        static RULES: LazyLock<[(Regex, &'static str); 4]> = LazyLock::new(|| {
            let re = |p: &str| Regex::new(p).expect("static tokenizer pattern");
            [
                (re(r"([\{-\~\[-\` -\&\(-\+:-@/])"), " ${1} "),
                (re(r"([^0-9])([\.,])"), "${1} ${2} "),
                (re(r"([\.,])([^0-9])"), " ${1} ${2}"),
                (re(r"([0-9])(-)"), "${1} ${2} "),
            ]
        });

        pub fn regexp(line: &str) -> String {
            let mut line = line.to_string();
            for (re, rep) in RULES.iter() {
                line = re.replace_all(&line, *rep).into_owned();
            }
            crate::text::py_normalize_space(&line)
        }

        pub fn t13a(line: &str) -> String {
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
            regexp(&format!(" {line} "))
        }
    }

    /// Strings rich in the characters the rules care about, plus arbitrary Unicode.
    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => proptest::sample::select(vec![
                ".", ",", "-", "0", "7", " ", "a", "&", "&quot;", "&amp;", "&lt;", "&gt;",
                "<skipped>", "\n", "-\n", "'", "/", "\u{a0}", "\u{1c}", "é", "中", "\u{2028}",
                "!", "$", "`", "~", "[", "{", "১", "٣",
            ])
            .prop_map(|s| s.to_string()),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn scan_equals_regex_oracle(s in tricky()) {
            proptest::prop_assert_eq!(TokenizerRegexp.tokenize(&s), oracle::regexp(&s));
            proptest::prop_assert_eq!(Tokenizer13a.tokenize(&s), oracle::t13a(&s));
        }

        #[test]
        fn scan_equals_regex_oracle_any_unicode(s in "\\PC*") {
            proptest::prop_assert_eq!(Tokenizer13a.tokenize(&s), oracle::t13a(&s));
        }

        #[test]
        fn word_tokens_equal_regex_oracle(s in tricky()) {
            let mut tokens = Vec::new();
            Tokenizer13a.for_each_token(&s, |t| tokens.push(t.to_string()));
            proptest::prop_assert_eq!(tokens.join(" "), oracle::t13a(&s));
        }

        #[test]
        fn word_tokens_equal_regex_oracle_any_unicode(s in "\\PC*") {
            let mut tokens = Vec::new();
            Tokenizer13a.for_each_token(&s, |t| tokens.push(t.to_string()));
            proptest::prop_assert_eq!(tokens.join(" "), oracle::t13a(&s));
        }
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
