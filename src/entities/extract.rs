//! Name extraction from Latin-script text without a glossary.
//!
//! A name is a run of capitalised words (hyphenated words kept whole: Cho Tae-yul,
//! Hwasong-19), possibly with lowercase particles inside (Republic of Korea). Runs break
//! at punctuation and at titles (Foreign Minister, President), which are left out, as
//! are day and month names, demonyms (South Korean, Russian), runs inside quotation marks
//! (“Strategic Dialogue” is a phrase, not a name) and a sentence-initial common word.

use std::collections::HashSet;

use super::places;

/// A name found in a source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceName {
    /// Byte offset of the name in the line.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Canonical form: words joined by single spaces, possessive removed.
    pub text: String,
}

const TITLES: &[&str] = &[
    "president",
    "minister",
    "prime",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "state",
    "chief",
    "mr",
    "mrs",
    "ms",
    "dr",
    "leader",
    "general",
    "gen",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "senator",
    "governor",
    "mayor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "director",
    "deputy",
    "vice",
    "premier",
    "chancellor",
    "sir",
    "lord",
    "lady",
    "professor",
    "prof",
    "commander",
    "supreme",
    "lt",
    "col",
    "captain",
    "emperor",
    "crown",
    "interior",
    "finance",
    "affairs",
    "minister's",
    "ministry",
    "envoy",
    "official",
    "officials",
    "judge",
    "justice",
    "senior",
    "former",
    "acting",
    "presidential",
    "ceo",
];

const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Frequent sentence starters that are capitalised only because they start a sentence.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "in",
    "on",
    "at",
    "of",
    "for",
    "from",
    "to",
    "by",
    "with",
    "as",
    "after",
    "before",
    "during",
    "while",
    "when",
    "where",
    "since",
    "but",
    "and",
    "or",
    "so",
    "if",
    "although",
    "though",
    "however",
    "meanwhile",
    "also",
    "recently",
    "last",
    "next",
    "today",
    "yesterday",
    "tomorrow",
    "there",
    "here",
    "what",
    "who",
    "how",
    "why",
    "all",
    "some",
    "many",
    "most",
    "both",
    "each",
    "every",
    "no",
    "not",
    "one",
    "two",
    "three",
    "according",
    "earlier",
    "later",
    "now",
    "then",
    "see",
    "subscribe",
    "leave",
    "discover",
    "read",
    "photo",
    "source",
    "according",
    "under",
    "over",
    "about",
    "around",
    "between",
    "despite",
    "amid",
    "following",
    "other",
    "such",
    "thanks",
    "yes",
    "new",
    "several",
    "officials",
    "speaking",
    "asked",
];

const PARTICLES: &[&str] = &[
    "of", "de", "da", "del", "la", "le", "van", "von", "der", "den", "du", "di", "bin", "al", "el",
];

struct Word<'a> {
    start: usize,
    end: usize,
    core: &'a str,
    /// Punctuation before the word breaks a run (opening quote, bracket).
    break_before: bool,
    /// Punctuation after the word breaks a run (comma, period, possessive).
    break_after: bool,
    /// Ends a sentence (., !, ?, :).
    ends_sentence: bool,
    opens_quote: bool,
    closes_quote: bool,
}

fn split_words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in line.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += chunk.len();
        let chunk_trim = chunk.trim_end();
        let lead = chunk_trim.len()
            - chunk_trim
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let mut body = &chunk_trim[lead..];
        let lead_str = &chunk_trim[..lead];
        // Keep the dots of abbreviations like U.S.; otherwise trim trailing punctuation.
        let abbrev = body.len() >= 4
            && body.chars().enumerate().all(|(k, c)| {
                if k % 2 == 0 {
                    c.is_ascii_uppercase()
                } else {
                    c == '.'
                }
            });
        let mut trail_str = "";
        if !abbrev {
            let t = body.trim_end_matches(|c: char| !c.is_alphanumeric());
            trail_str = &body[t.len()..];
            body = t;
        }
        // Possessive 's / ’s / ‘s.
        let mut possessive = false;
        for p in ["'s", "’s", "‘s"] {
            if let Some(b) = body.strip_suffix(p) {
                body = b;
                possessive = true;
                break;
            }
        }
        if body.is_empty() {
            if let Some(last) = out.last_mut() {
                let w: &mut Word = last;
                w.break_after = true;
                w.ends_sentence |= chunk_trim.contains(['.', '!', '?', ':']);
                w.closes_quote |= chunk_trim.contains(['”', '"']);
            }
            continue;
        }
        // Internal punctuation other than hyphens and dots (e.g. "Korea‘s" without a
        // recognised possessive) ends the word there.
        let cut = body
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '\u{2011}'))
            .map(|(i, _)| i);
        let mut inner_break = false;
        if let Some(i) = cut {
            body = &body[..i];
            inner_break = true;
        }
        let body = body.trim_end_matches('-');
        if body.is_empty() {
            continue;
        }
        let b_start = start + lead;
        out.push(Word {
            start: b_start,
            end: b_start + body.len(),
            core: body,
            break_before: lead_str.chars().any(|c| !c.is_whitespace()),
            break_after: possessive || inner_break || !trail_str.is_empty(),
            ends_sentence: trail_str.contains(['.', '!', '?', ':']),
            opens_quote: lead_str.chars().any(|c| matches!(c, '“' | '"' | '„' | '«')),
            closes_quote: trail_str.chars().any(|c| matches!(c, '”' | '"' | '»')),
        });
    }
    out
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether a word is a demonym of a known place (Russian, South Korean's "Korean").
fn is_demonym(lower: &str) -> bool {
    // Plurals: Russians, Koreans.
    let lower = if lower.ends_with("ns") {
        &lower[..lower.len() - 1]
    } else {
        lower
    };
    if places::is_single_word_place(lower) {
        return false;
    }
    const EXTRA: &[&str] = &[
        "korea", "europe", "america", "asia", "africa", "arabia", "britain",
    ];
    for suf in ["ian", "ean", "an", "ese", "ish", "i", "n"] {
        if let Some(stem) = lower.strip_suffix(suf) {
            if stem.chars().count() < 3 {
                continue;
            }
            if EXTRA.iter().any(|p| p.starts_with(stem))
                || places::single_word_place_starts_with(stem)
            {
                return true;
            }
        }
    }
    false
}

/// Extracts names from one Latin-script line. `lowercase_words` holds words seen in
/// lowercase anywhere in the document: a sentence-initial capitalised word that also
/// occurs in lowercase is a common word, not a name.
pub fn extract(line: &str, lowercase_words: &HashSet<String>) -> Vec<SourceName> {
    let words = split_words(line);
    let mut out = Vec::new();
    let mut in_quote = false;
    let mut run: Vec<usize> = Vec::new();
    let mut run_quoted = false;
    let mut sentence_start = true;
    let flush = |run: &mut Vec<usize>, quoted: bool, out: &mut Vec<SourceName>| {
        // Trailing particles are not part of a name.
        while run
            .last()
            .is_some_and(|&i| PARTICLES.contains(&words[i].core))
        {
            run.pop();
        }
        // A run that is exactly the quoted text (“Strategic Dialogue”) is a phrase.
        let quoted = quoted && run.last().is_some_and(|&i| words[i].closes_quote);
        if !run.is_empty() && !quoted {
            let lowers: Vec<String> = run.iter().map(|&i| words[i].core.to_lowercase()).collect();
            let all_weak = lowers.iter().all(|l| {
                is_demonym(l)
                    || matches!(
                        l.as_str(),
                        "north"
                            | "south"
                            | "east"
                            | "west"
                            | "central"
                            | "northern"
                            | "southern"
                            | "eastern"
                            | "western"
                    )
            });
            if !all_weak {
                let first = words[run[0]].start;
                let last = words[run[run.len() - 1]].end;
                let text = run
                    .iter()
                    .map(|&i| words[i].core)
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(SourceName {
                    start: first,
                    end: last,
                    text,
                });
            }
        }
        run.clear();
    };
    for (i, w) in words.iter().enumerate() {
        if w.opens_quote {
            flush(&mut run, run_quoted, &mut out);
            in_quote = true;
        }
        let lower = w.core.to_lowercase();
        let cap = is_capitalised(w.core);
        let particle = PARTICLES.contains(&lower.as_str())
            && !run.is_empty()
            && words.get(i + 1).is_some_and(|n| is_capitalised(n.core))
            && !words[i - 1].break_after;
        let excluded = TITLES.contains(&lower.as_str())
            || CALENDAR.contains(&lower.as_str())
            || (sentence_start
                && (COMMON.contains(&lower.as_str()) || lowercase_words.contains(&lower)))
            || (COMMON.contains(&lower.as_str()) && lower.len() <= 3 && lower != "un");
        if w.break_before && !w.opens_quote {
            flush(&mut run, run_quoted, &mut out);
        }
        if (cap && !excluded) || particle {
            if run.is_empty() {
                run_quoted = in_quote;
            }
            run.push(i);
        } else {
            flush(&mut run, run_quoted, &mut out);
        }
        if w.break_after {
            flush(&mut run, run_quoted, &mut out);
        }
        if w.closes_quote {
            flush(&mut run, run_quoted, &mut out);
            in_quote = false;
        }
        sentence_start = w.ends_sentence;
    }
    flush(&mut run, run_quoted, &mut out);
    out
}

/// Words that occur in lowercase in `lines` (used by [`extract`]).
pub fn lowercase_words<S: AsRef<str>>(lines: &[S]) -> HashSet<String> {
    let mut set = HashSet::new();
    for l in lines {
        for w in l.as_ref().split(|c: char| !c.is_alphanumeric()) {
            if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                set.insert(w.to_string());
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        let lw = lowercase_words(&[line]);
        extract(line, &lw).into_iter().map(|n| n.text).collect()
    }

    #[test]
    fn titles_and_hyphens() {
        assert_eq!(
            names("In their joint declaration, EU foreign policy chief Josep Borrell and South Korean Foreign Minister Cho Tae-yul denounced North Korea’s arms."),
            vec!["EU", "Josep Borrell", "Cho Tae-yul", "North Korea"]
        );
        assert_eq!(
            names("a missile known as Hwasong-19. U.S. Secretary of State Antony Blinken said"),
            vec!["Hwasong-19", "U.S.", "Antony Blinken"]
        );
    }

    #[test]
    fn calendar_quotes_and_sentence_start() {
        assert_eq!(names("During discussions in Moscow on Friday, North Korean Foreign Minister Choe Son Hui spoke."), vec!["Moscow", "Choe Son Hui"]);
        assert_eq!(
            names("The inaugural “Strategic Dialogue” meeting held in Seoul"),
            vec!["Seoul"]
        );
        assert_eq!(
            names("The Republic of Korea is positioned."),
            vec!["Republic of Korea"]
        );
        assert_eq!(
            names("Borrell also engaged with South Korean Defence Minister Kim Yong-hyun."),
            vec!["Borrell", "Kim Yong-hyun"]
        );
    }
}
