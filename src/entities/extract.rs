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
    // Modal and auxiliary verbs, frequent adverbs, adjectives and nouns that open news
    // sentences ("Should Putin go…", "Warm ties…", "Ahead of the visit…").
    "should",
    "would",
    "could",
    "will",
    "might",
    "must",
    "can",
    "shall",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "be",
    "ahead",
    "because",
    "unless",
    "until",
    "once",
    "whether",
    "instead",
    "still",
    "even",
    "only",
    "just",
    "again",
    "already",
    "yet",
    "thus",
    "therefore",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "indeed",
    "perhaps",
    "reportedly",
    "separately",
    "currently",
    "previously",
    "initially",
    "finally",
    "eventually",
    "together",
    "further",
    "warm",
    "close",
    "closer",
    "strong",
    "stronger",
    "good",
    "bad",
    "high",
    "low",
    "big",
    "large",
    "small",
    "first",
    "second",
    "third",
    "final",
    "former",
    "top",
    "key",
    "major",
    "local",
    "foreign",
    "military",
    "relations",
    "ties",
    "talks",
    "troops",
    "forces",
    "sources",
    "media",
    "state",
    "people",
    "analysts",
    "experts",
    "critics",
    "residents",
    "witnesses",
    "reports",
    "police",
    "earlier",
    "late",
    "early",
    "more",
    "less",
    "much",
    "few",
    "any",
    "another",
    "which",
    "whose",
    "whom",
    "instead",
    "within",
    "without",
    "against",
    "across",
    "through",
    "throughout",
    "into",
    "upon",
    "toward",
    "towards",
    "near",
    "like",
    "unlike",
    "beyond",
    "regarding",
    "following",
    "addressing",
    "welcoming",
    "meeting",
    "visiting",
    "citing",
    "quoting",
    "returning",
    "arriving",
    "writing",
    "talking",
    "responding",
    "referring",
];

/// Heads after which "of" continues a name (Republic of Korea, Bank of England) and
/// through whose possessive a name goes on (Democratic People's Republic). "Sergei
/// Lavrov of Russia" is two names.
const OF_HEADS: &[&str] = &[
    "republic",
    "kingdom",
    "union",
    "federation",
    "commonwealth",
    "state",
    "states",
    "emirate",
    "emirates",
    "sultanate",
    "principality",
    "duchy",
    "islands",
    "island",
    "isle",
    "isles",
    "gulf",
    "sea",
    "bay",
    "cape",
    "lake",
    "mount",
    "strait",
    "straits",
    "port",
    "city",
    "province",
    "district",
    "county",
    "bank",
    "university",
    "college",
    "school",
    "academy",
    "institute",
    "museum",
    "church",
    "court",
    "council",
    "ministry",
    "department",
    "office",
    "bureau",
    "board",
    "league",
    "organization",
    "organisation",
    "party",
    "army",
    "navy",
    "house",
    "chamber",
    "assembly",
    "congress",
    "parliament",
    "front",
    "order",
    "people",
    "peoples",
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
    /// Ends in a possessive 's.
    possessive: bool,
}

/// Dashes that join two names (Russia–North Korea): a word boundary and a run break.
fn is_joining_dash(c: char) -> bool {
    matches!(c, '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

fn split_words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in line.split_inclusive(|c: char| c.is_whitespace() || is_joining_dash(c)) {
        let start = pos;
        pos += chunk.len();
        let chunk_trim = chunk.trim_end_matches(|c: char| c.is_whitespace() || is_joining_dash(c));
        let dash_after = chunk.trim_end().ends_with(is_joining_dash);
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
            break_after: possessive || inner_break || dash_after || !trail_str.is_empty(),
            ends_sentence: trail_str.contains(['.', '!', '?', ':']),
            opens_quote: lead_str.chars().any(|c| matches!(c, '“' | '"' | '„' | '«')),
            closes_quote: trail_str.chars().any(|c| matches!(c, '”' | '"' | '»')),
            possessive,
        });
    }
    out
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether a word is a demonym of a known place (Russian, South Korean's "Korean").
pub(crate) fn is_demonym(lower: &str) -> bool {
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
    // Index of the word that opened the current quotation.
    let mut in_quote: Option<usize> = None;
    let mut run: Vec<usize> = Vec::new();
    let mut run_quoted: Option<usize> = None;
    let mut sentence_start = true;
    let flush = |run: &mut Vec<usize>, quoted: Option<usize>, out: &mut Vec<SourceName>| {
        // Trailing particles are not part of a name.
        while run
            .last()
            .is_some_and(|&i| PARTICLES.contains(&words[i].core))
        {
            run.pop();
        }
        // A run that is exactly the quoted text (“Strategic Dialogue”) is a phrase; a name
        // that merely ends a longer quotation (“… against Ukraine.”) is kept.
        let quoted = match (quoted, run.last()) {
            (Some(q), Some(&last)) => {
                words[last].closes_quote
                    && words[q..=last].iter().all(|w| {
                        is_capitalised(w.core)
                            || PARTICLES.contains(&w.core.to_lowercase().as_str())
                    })
            }
            _ => false,
        };
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
                // Inner possessives stay as written (People's Republic).
                let text = run
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let w = &words[i];
                        if w.possessive && k + 1 < run.len() {
                            line.get(w.start..w.end + 2).unwrap_or(w.core)
                        } else {
                            w.core
                        }
                    })
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
            in_quote = Some(i);
        }
        if w.opens_quote {
            // Quoted speech starts a sentence (“The Republic of Korea is …”).
            sentence_start = true;
        }
        let lower = w.core.to_lowercase();
        let cap = is_capitalised(w.core);
        let next = words.get(i + 1);
        let next_lower = next.map(|n| n.core.to_lowercase()).unwrap_or_default();
        // "of" continues only institutional and geographic heads (Republic of Korea);
        // other particles (de, van, bin) belong to personal names.
        let particle = PARTICLES.contains(&lower.as_str())
            && !run.is_empty()
            && next.is_some_and(|n| is_capitalised(n.core))
            && !words[i - 1].break_after
            && (lower != "of" || OF_HEADS.contains(&words[i - 1].core.to_lowercase().as_str()));
        // A sentence-initial word followed by a determiner is a verb or preposition
        // ("Addressing a reception"), and abstract plurals are common nouns ("Relations").
        let before_determiner = !w.break_after
            && matches!(
                next_lower.as_str(),
                "a" | "an"
                    | "the"
                    | "this"
                    | "these"
                    | "those"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
            );
        let common_shape = ["ions", "ments", "ities", "nesses"]
            .iter()
            .any(|suf| lower.ends_with(suf));
        let excluded = TITLES.contains(&lower.as_str())
            || CALENDAR.contains(&lower.as_str())
            || (sentence_start
                && (COMMON.contains(&lower.as_str())
                    || lowercase_words.contains(&lower)
                    || ((before_determiner || common_shape)
                        && !places::is_single_word_place(&lower))))
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
        // A possessive before an institutional head stays inside the name
        // (Democratic People's Republic of Korea); otherwise it ends the name.
        let possessive_head = w.possessive
            && !run.is_empty()
            && next
                .is_some_and(|n| is_capitalised(n.core) && OF_HEADS.contains(&next_lower.as_str()));
        if w.break_after && !possessive_head {
            flush(&mut run, run_quoted, &mut out);
        }
        if w.closes_quote {
            flush(&mut run, run_quoted, &mut out);
            in_quote = None;
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

    #[test]
    fn of_dashes_possessives_quotes_and_starters() {
        assert_eq!(
            names("Sergei Lavrov of Russia (left) and Kim."),
            vec!["Sergei Lavrov", "Russia", "Kim"]
        );
        assert_eq!(
            names("We saw Russia–North Korea relations grow."),
            vec!["Russia", "North Korea"]
        );
        assert_eq!(
            names("It is the Democratic People's Republic of Korea."),
            vec!["Democratic People's Republic of Korea"]
        );
        assert_eq!(
            names("He condemned “arms transfers for use against Ukraine.”"),
            vec!["Ukraine"]
        );
        assert_eq!(
            names("Addressing a reception, Lavrov spoke."),
            vec!["Lavrov"]
        );
        assert_eq!(
            names("Relations between Russia and Japan grew. Should Putin go? Warm ties follow."),
            vec!["Russia", "Japan", "Putin"]
        );
        assert_eq!(names("Putin arrived today."), vec!["Putin"]);
    }
}
