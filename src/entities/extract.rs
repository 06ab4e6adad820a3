//! Name extraction from English text without a glossary.
//!
//! A name is a run of name words (Cho Tae-yul, Seattle-Tacoma International Airport),
//! possibly joined by particles (Ludwig van Beethoven) or, after an ordinary-word head, by
//! "of"/"for"/"and" (Department of Justice, Alternative for Germany, Securities and
//! Exchange Commission). Capitalisation alone is weak evidence in real text, so a word is
//! a name word only when the [`lexicon`] and the document agree:
//!
//! - a sentence-initial word that SCOWL lists in lowercase (Unfortunately, Critics, Yup)
//!   is an ordinary word unless the document capitalises it mid-sentence and never writes
//!   it in lowercase (Stumpy); one it lists both ways (Trump, Congress, Will) or not at all
//!   (Thassalin) is a name unless the document writes it in lowercase elsewhere (or it is
//!   an interjection: Heheh);
//! - in a title-case headline and in ALL-CAPS shouting, capitals carry no information:
//!   only words that are not ordinary English words count (ARKADIN, not MUCH or GUN);
//! - elsewhere an all-caps word of four or more letters that is an English word is
//!   emphasis (DIFFICULT), a shorter one an acronym (SEC, EPA);
//! - titles and roles (Rep., Jr., Crown Prince), days and months, hashtags, @handles and
//!   URLs are never name words, and a time unit after a number (2:34 PM) is not a name;
//! - a run made only of demonyms, language names or compass words (South Korean, French)
//!   is not a name, nor is one capitalised ordinary word on its own (the Commission).

use std::collections::HashSet;

use super::lexicon::{self, WordClass};
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

/// What the document says about words, beyond the line being read: which words it
/// writes in lowercase and which it capitalises in the middle of a sentence.
#[derive(Debug, Clone, Default)]
pub struct DocWords {
    lower: HashSet<String>,
    capitalised_inside: HashSet<String>,
    /// Acronyms the document defines as abbreviations of ordinary words: "private rented
    /// sector (PRS)", "exchange-traded products (ETPs)".
    common_acronyms: HashSet<String>,
}

impl DocWords {
    /// Collects the evidence of all `lines` (one document).
    pub fn new<S: AsRef<str>>(lines: &[S]) -> DocWords {
        let mut d = DocWords::default();
        for l in lines {
            let words = split_words(l.as_ref());
            let mut start = true;
            for w in &words {
                let first = w.core.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    d.lower.insert(w.core.to_string());
                } else if first.is_some_and(char::is_uppercase) && !start && !w.opens_quote {
                    d.capitalised_inside.insert(w.core.to_lowercase());
                }
                start = w.ends_sentence;
            }
            for (i, w) in words.iter().enumerate() {
                if let Some(a) = defined_common_acronym(&words, i) {
                    d.common_acronyms.insert(a);
                }
                let _ = w;
            }
        }
        d
    }

    /// Merges another document's evidence into this one.
    pub fn extend(&mut self, other: &DocWords) {
        self.lower.extend(other.lower.iter().cloned());
        self.capitalised_inside
            .extend(other.capitalised_inside.iter().cloned());
        self.common_acronyms
            .extend(other.common_acronyms.iter().cloned());
    }
}

/// If word `i` is an acronym in brackets spelling the initials of the lowercase words
/// before it ("private rented sector (PRS)"), the acronym (lowercase, singular).
fn defined_common_acronym(words: &[Word<'_>], i: usize) -> Option<String> {
    let w = &words[i];
    if !w.break_before || !is_all_caps(w.core.trim_end_matches('s')) {
        return None;
    }
    let letters: String = w
        .core
        .trim_end_matches('s')
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let n = letters.chars().count();
    let mut initials: Vec<char> = Vec::new();
    for prev in words[..i].iter().rev() {
        if !prev.core.chars().next().is_some_and(char::is_lowercase) {
            break;
        }
        let parts: Vec<char> = prev
            .core
            .split('-')
            .filter_map(|p| p.chars().next())
            .collect();
        for c in parts.into_iter().rev() {
            initials.push(c);
        }
        if initials.len() >= n {
            break;
        }
    }
    initials.reverse();
    let tail: String = initials
        .iter()
        .skip(initials.len().saturating_sub(n))
        .collect();
    (initials.len() >= n && tail == letters).then_some(letters)
}

/// Titles, roles and honorifics: never part of a name, and they end a run
/// (SEC Chair Gary Gensler → SEC, Gary Gensler).
const TITLES: &[&str] = &[
    "president",
    "minister",
    "prime",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "chief",
    "mr",
    "mrs",
    "ms",
    "miss",
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
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
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
    "lt",
    "col",
    "capt",
    "captain",
    "emperor",
    "crown",
    "envoy",
    "judge",
    "senior",
    "former",
    "acting",
    "presidential",
    "ceo",
    "jr",
    "sr",
    "st",
    "mp",
    "mep",
    "sgt",
    "officer",
    "head",
    "saint",
    "rev",
    "reverend",
    "father",
    "sister",
    "brother",
    "uncle",
    "aunt",
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
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Words that join name words without being name words themselves.
const FUNCTION: &[&str] = &[
    "i", "the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by", "with", "vs", "v",
    "versus", "de", "da", "del", "la", "le", "van", "von", "der", "den", "du", "di", "bin", "al",
    "el", "y",
];

/// Particles of personal and place names (Ludwig van Beethoven, Rio de Janeiro).
const PARTICLES: &[&str] = &[
    "de", "da", "del", "la", "le", "van", "von", "der", "den", "du", "di", "bin", "al", "el",
];

/// Heads that take "of" although they are not ordinary words on their own terms
/// (People's Republic of China).
const OF_HEADS: &[&str] = &[
    "republic",
    "kingdom",
    "union",
    "federation",
    "bank",
    "university",
    "department",
    "ministry",
    "council",
    "court",
    "house",
    "church",
    "museum",
    "institute",
    "college",
    "port",
    "city",
    "province",
    "state",
    "states",
    "isle",
    "gulf",
    "sea",
    "bay",
    "lake",
];

/// Heads of organisation names that "and" can lead to (Securities and Exchange
/// Commission).
const ORG_HEADS: &[&str] = &[
    "commission",
    "committee",
    "council",
    "agency",
    "association",
    "board",
    "bureau",
    "department",
    "institute",
    "service",
    "services",
    "authority",
    "union",
    "party",
    "foundation",
    "corporation",
    "company",
    "group",
    "society",
    "administration",
    "office",
    "organisation",
    "organization",
    "university",
    "college",
    "museum",
    "bank",
    "fund",
];

const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
];

/// Words a title-case headline leaves in lowercase.
const TITLE_LOWER: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to", "by", "up",
    "as", "vs", "via", "with", "from", "into", "over",
];

/// Closed-class English words (pronouns, determiners, prepositions, conjunctions,
/// auxiliaries) that are never acronyms when written in capitals (the OR, IT, YES).
const CLOSED_CLASS: &[&str] = &[
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me",
    "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "we", "yes", "all", "and", "are",
    "but", "can", "did", "for", "has", "had", "her", "him", "his", "how", "its", "not", "now",
    "our", "out", "she", "the", "too", "was", "way", "who", "why", "you", "yet", "aka", "etc",
    "lol", "omg", "this", "that", "these", "those", "there", "here", "what", "when", "where",
    "which", "they", "them", "then", "than", "also", "just", "will", "would", "could", "should",
    "may", "might", "must", "shall", "have", "were", "with", "from",
];

/// Units that follow numbers (2:34 PM, 5 GB) and are not names.
const UNITS: &[&str] = &[
    "am", "pm", "gmt", "utc", "bst", "est", "edt", "pst", "pdt", "cet", "ist", "kb", "mb", "gb",
    "tb", "km", "kg", "mph", "kmh",
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
    /// A hashtag, @handle, URL or e-mail address: never part of a name.
    skip: bool,
}

/// Dashes that join two names (Russia–North Korea): a word boundary and a run break.
fn is_joining_dash(c: char) -> bool {
    matches!(c, '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

fn split_words(line: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut pos = 0;
    for chunk in line.split_inclusive(|c: char| c.is_whitespace() || is_joining_dash(c)) {
        let start = pos;
        pos += chunk.len();
        let chunk_trim = chunk.trim_end_matches(|c: char| c.is_whitespace() || is_joining_dash(c));
        let dash_after = chunk.trim_end().ends_with(is_joining_dash);
        let skip = chunk_trim.starts_with(['#', '@'])
            || chunk_trim.contains("://")
            || chunk_trim.starts_with("www.")
            || (chunk_trim.contains('@') && chunk_trim.contains('.'))
            || chunk_trim.contains('/');
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
        let mut possessive = false;
        for p in ["'s", "’s", "‘s"] {
            if let Some(b) = body.strip_suffix(p) {
                body = b;
                possessive = true;
                break;
            }
        }
        if !possessive && (body.ends_with('\'') || body.ends_with('’')) && body.len() > 1 {
            // Plural possessive (the Greens' plan).
            body = &body[..body.len() - body.chars().last().map_or(0, char::len_utf8)];
            possessive = true;
        }
        if body.is_empty() {
            if let Some(w) = out.last_mut() {
                w.break_after = true;
                w.ends_sentence |= chunk_trim.contains(['.', '!', '?']);
                w.closes_quote |= chunk_trim.contains(['”', '"', '»']);
            }
            continue;
        }
        // Internal punctuation other than hyphens, dots and apostrophes ends the word there.
        let cut = body
            .char_indices()
            .find(|&(_, c)| {
                !(c.is_alphanumeric()
                    || c == '-'
                    || c == '.'
                    || c == '\u{2011}'
                    || c == '\''
                    || c == '’')
            })
            .map(|(i, _)| i);
        let mut inner_break = false;
        if let Some(i) = cut {
            body = &body[..i];
            inner_break = true;
        }
        let mut body = body.trim_end_matches(['-', '\'', '’']);
        // Contractions are not part of the word: I've, I'll, we're, don't.
        if let Some(p) = body.find(['\'', '’']) {
            let after = body[p..].trim_start_matches(['\'', '’']).to_lowercase();
            if matches!(after.as_str(), "s" | "ve" | "ll" | "re" | "d" | "m" | "t") {
                body = &body[..p];
                // Isn't, Doesn't: the n belongs to "not".
                if after == "t" {
                    body = body.strip_suffix(['n', 'N']).unwrap_or(body);
                }
            }
        }
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
            // A colon does not end a sentence: "Picture: Adobe" keeps Adobe mid-sentence.
            ends_sentence: trail_str.contains(['.', '!', '?']) && !is_abbreviation(body, trail_str),
            opens_quote: lead_str.chars().any(|c| matches!(c, '“' | '"' | '„' | '«')),
            closes_quote: trail_str.chars().any(|c| matches!(c, '”' | '"' | '»')),
            possessive,
            skip,
        });
    }
    out
}

/// Whether a period after `body` belongs to an abbreviation (Mr., Jr., Jan.) rather
/// than ending the sentence.
fn is_abbreviation(body: &str, trail: &str) -> bool {
    if !trail.starts_with('.') || trail.len() > 1 {
        return false;
    }
    super::lexicon::is_abbreviation(body)
        || (body.chars().count() == 1 && body.chars().all(char::is_uppercase))
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn letters(w: &str) -> impl Iterator<Item = char> + '_ {
    w.chars().filter(|c| c.is_alphabetic())
}

fn is_all_caps(w: &str) -> bool {
    letters(w).count() >= 2 && letters(w).all(char::is_uppercase)
}

/// Mixed case starting lowercase: iPhone, eBay.
fn is_inner_caps(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase) && w.chars().skip(1).any(char::is_uppercase)
}

/// Heheh, Hmm, Ooo: at most two distinct letters, and not a known name (Anna, Otto).
fn is_interjection(w: &str) -> bool {
    let lower: Vec<char> = w.to_lowercase().chars().collect();
    let mut distinct: Vec<char> = lower.clone();
    distinct.sort_unstable();
    distinct.dedup();
    lower.len() >= 3 && distinct.len() <= 2 && !is_all_caps(w) && !lexicon::is_known_name(w)
}

/// Whether a word is a demonym of a known place (Russian, South Korean's "Korean"), or an
/// English language name, which doubles as the nationality adjective (French, Welsh).
pub(crate) fn is_demonym(lower: &str) -> bool {
    if places::is_language_name(lower) {
        return true;
    }
    let lower = lower.strip_suffix('s').unwrap_or(lower);
    if places::is_language_name(lower) {
        return true;
    }
    if places::is_single_word_place(lower) {
        return false;
    }
    // Adjectives of a name (Islamic, from Islam) are no more names than demonyms are.
    if let Some(stem) = lower.strip_suffix("ic") {
        if stem.chars().count() >= 4 && lexicon::class(stem) == WordClass::Proper {
            return true;
        }
    }
    place_of_demonym(lower).is_some()
}

/// The place (a one-word CLDR territory or SCOWL proper noun, lowercase) a demonym is
/// formed from: the demonym minus its ending, plus one of the endings place names take
/// (Korea+n, Iraq+i, Germ-an → Germ+any, Scott-ish → Scot+land, Ukrain-ian → Ukrain+e).
/// "Greens" is not a demonym of Greece: a bare -n or -i follows the whole place name.
pub(crate) fn place_of_demonym(lower: &str) -> Option<String> {
    // Place-name endings, the likelier first (Scot+land before Scott+y).
    const ENDINGS: &[&str] = &[
        "land", "ia", "a", "e", "ey", "any", "and", "ain", "en", "stan", "o", "y", "",
    ];
    let mut stems: Vec<&str> = Vec::new();
    for suf in ["ian", "ean", "an", "ese", "ish", "i", "n"] {
        let Some(stem) = lower.strip_suffix(suf) else {
            continue;
        };
        if stem.chars().count() < 3 {
            continue;
        }
        if matches!(suf, "i" | "n") {
            if places::is_single_word_place(stem) {
                return Some(stem.to_string());
            }
            continue;
        }
        stems.push(stem);
        // Scottish → Scott → Scot(land).
        if let [.., a, b] = stem.as_bytes() {
            if a == b {
                stems.push(&stem[..stem.len() - 1]);
            }
        }
    }
    let candidates = || {
        ENDINGS.iter().flat_map(|end| {
            stems
                .iter()
                .map(move |stem| format!("{stem}{end}"))
                .filter(|p| p != lower && p.chars().count() >= 4)
        })
    };
    // A CLDR territory first; else a SCOWL proper noun with a place ending (Scotland,
    // not the person name Scott).
    if let Some(p) = candidates().find(|p| places::is_single_word_place(p)) {
        return Some(p);
    }
    candidates().find(|p| lexicon::class(p) == WordClass::Proper && !stems.contains(&p.as_str()))
}

/// Per-sentence evidence: is it shouted in capitals, or a title-case headline? A sentence
/// is shouted when most of its words are in capitals and the line has capitalised
/// ordinary words of four letters or more (I LACK A GUN; YES. next to VERY MUCH SO).
fn sentence_modes(words: &[Word<'_>]) -> Vec<(bool, bool)> {
    let caps_word = |w: &Word<'_>| {
        let n = letters(w.core).count();
        n >= 1 && letters(w.core).all(char::is_uppercase)
    };
    let loud_words = words
        .iter()
        .filter(|w| {
            letters(w.core).count() >= 4
                && caps_word(w)
                && lexicon::class(w.core) == WordClass::Common
        })
        .count();
    let mut out = vec![(false, false); words.len()];
    let mut s = 0;
    while s < words.len() {
        let mut e = s;
        while e < words.len() && !(words[e].ends_sentence || words[e].closes_quote) {
            e += 1;
        }
        let e = e.min(words.len() - 1);
        let alpha: Vec<&Word<'_>> = words[s..=e]
            .iter()
            .filter(|w| letters(w.core).next().is_some())
            .collect();
        let caps = alpha.iter().filter(|w| caps_word(w)).count();
        let shouting = caps * 5 >= alpha.len() * 3 && caps >= 1 && (loud_words >= 2 || caps >= 3);
        // Title case: every word capitalised but the short function words that headlines
        // leave in lowercase ("Is Letting Corporate Criminals Off the Hook").
        let title = !shouting
            && alpha.len() >= 4
            && alpha
                .iter()
                .any(|w| w.core.len() > 3 && is_capitalised(w.core))
            && alpha.iter().all(|w| {
                is_capitalised(w.core) || TITLE_LOWER.contains(&w.core.to_lowercase().as_str())
            });
        for m in &mut out[s..=e] {
            *m = (shouting, title);
        }
        s = e + 1;
    }
    out
}

/// Extracts names from one English line. `doc` holds the evidence of the line's document
/// (see [`DocWords`]).
pub fn extract(line: &str, doc: &DocWords) -> Vec<SourceName> {
    let words = split_words(line);
    let modes = sentence_modes(&words);
    let n = words.len();
    // Decide, word by word, whether it is a name word.
    let mut name_word = vec![false; n];
    let mut weak = vec![false; n];
    // Capitalised ordinary words left out only for opening a sentence ("Strategic" of
    // “Strategic Dialogue”): a run right after one continues a capitalised phrase.
    let mut initial_common = vec![false; n];
    let mut sentence_start = true;
    let mut prev_number = false;
    // Inside "Secretary of State", "Minister of Finance": ordinary words after a title
    // and "of" belong to the title.
    let mut title_of = false;
    for (i, w) in words.iter().enumerate() {
        let lower = w.core.to_lowercase();
        if lower == "of" && i > 0 && TITLES.contains(&words[i - 1].core.to_lowercase().as_str()) {
            title_of = true;
            sentence_start = false;
            continue;
        }
        if title_of {
            if is_capitalised(w.core) && lexicon::class(w.core) == WordClass::Common {
                sentence_start = w.ends_sentence;
                continue;
            }
            title_of = false;
        }
        let start = sentence_start || w.opens_quote || w.break_before && i == 0;
        let (shouting, title) = modes[i];
        let class = lexicon::class(w.core);
        // A capitalised particle inside a sentence is a name of its own (Hoang Le, Al).
        let name_particle = PARTICLES.contains(&lower.as_str()) && is_capitalised(w.core) && !start;
        let banned = w.skip
            || TITLES.contains(&lower.as_str())
            || CALENDAR.contains(&lower.as_str())
            || CALENDAR.contains(&lower.trim_end_matches('s'))
            || (FUNCTION.contains(&lower.as_str()) && !name_particle);
        let has_letter = letters(w.core).next().is_some();
        let is_name = if banned
            || !has_letter
            || is_interjection(w.core)
            || doc.common_acronyms.contains(&lower)
            || w.core
                .strip_suffix('s')
                .is_some_and(|x| doc.common_acronyms.contains(&x.to_lowercase()))
        {
            false
        } else if is_all_caps(w.core) {
            if CLOSED_CLASS.contains(&lower.as_str()) && places::places_named(w.core).is_empty() {
                false
            } else if shouting {
                !class.is_word()
            } else if letters(w.core).count() >= 4 && class.is_word() {
                false // emphasis: DIFFICULT
            } else {
                !(prev_number && UNITS.contains(&lower.as_str()))
            }
        } else if is_inner_caps(w.core) {
            true
        } else if !is_capitalised(w.core) {
            false
        } else if title || shouting {
            !matches!(class, WordClass::Common)
        } else if start {
            // The document decides: a word it capitalises mid-sentence and never writes in
            // lowercase is a name even when it opens a sentence (Stumpy).
            let named_inside =
                doc.capitalised_inside.contains(&lower) && !doc.lower.contains(&lower);
            // A sentence-initial word followed by a pronoun or determiner is a verb or an
            // adverb (Hope you enjoyed it; Thank you), not a name.
            let next_lower = words
                .get(i + 1)
                .map(|n| n.core.to_lowercase())
                .unwrap_or_default();
            let before_pronoun = !w.break_after
                && matches!(
                    next_lower.as_str(),
                    "you"
                        | "i"
                        | "we"
                        | "he"
                        | "she"
                        | "they"
                        | "it"
                        | "the"
                        | "a"
                        | "an"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "your"
                        | "my"
                        | "our"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "me"
                        | "us"
                        | "him"
                        | "them"
                );
            match class {
                _ if CLOSED_CLASS.contains(&lower.as_str()) || before_pronoun => false,
                WordClass::Common => named_inside,
                // Trump, Congress: a name unless the document uses the word in lowercase.
                WordClass::Ambivalent => named_inside || !doc.lower.contains(&lower),
                WordClass::Proper => true,
                WordClass::Unknown => !doc.lower.contains(w.core) && !is_interjection(w.core),
            }
        } else {
            true
        };
        name_word[i] = is_name;
        initial_common[i] = !is_name
            && start
            && !FUNCTION.contains(&lower.as_str())
            && is_capitalised(w.core)
            && !is_all_caps(w.core)
            && lexicon::class(w.core).is_word();
        weak[i] = is_name && (is_demonym(&lower) || COMPASS.contains(&lower.as_str()));
        prev_number = w.core.chars().all(|c| c.is_ascii_digit() || c == ':');
        sentence_start = w.ends_sentence;
    }
    // Group name words into runs.
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !name_word[i] {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i;
        loop {
            let last = &words[j];
            if last.break_after && !possessive_before_head(&words, j) {
                break;
            }
            let Some(next) = words.get(j + 1) else { break };
            if next.break_before {
                break;
            }
            if name_word[j + 1]
                || (is_number(next.core) && !run.is_empty() && is_capitalised(words[i].core))
            {
                run.push(j + 1);
                j += 1;
                continue;
            }
            // A joiner followed by a name word.
            if let Some(k) = joiner(&words, &name_word, &run, j + 1) {
                run.extend(j + 1..=k);
                j = k;
                continue;
            }
            break;
        }
        i = j + 1;
        // Trailing numbers belong to product names (Boeing 737), not to other names;
        // trailing function words never belong.
        while run.len() > 1
            && run
                .last()
                .is_some_and(|&k| !name_word[k] && !is_number(words[k].core))
        {
            run.pop();
        }
        let all_weak = run.iter().all(|&k| weak[k] || !name_word[k]);
        // The rest of a capitalised phrase of ordinary words (“Strategic Dialogue”).
        let phrase_tail = run[0] > 0
            && initial_common[run[0] - 1]
            && !words[run[0] - 1].break_after
            && run
                .iter()
                .all(|&k| !name_word[k] || lexicon::class(words[k].core) == WordClass::Common);
        if phrase_tail {
            continue;
        }
        // People named by a plural demonym (Main Street Americans) are not a name.
        let people = run.last().is_some_and(|&k| {
            let l = words[k].core.to_lowercase();
            weak[k] && l.ends_with('s') && is_demonym(&l)
        });
        if people {
            continue;
        }
        let content: Vec<usize> = run.iter().copied().filter(|&k| name_word[k]).collect();
        // One capitalised ordinary word is a name only if the document never writes it
        // in lowercase (Telegram, but not "the Commission" next to "a commission").
        let lone_common = content.len() == 1
            && run.len() == 1
            && !is_all_caps(words[content[0]].core)
            && lexicon::class(words[content[0]].core) == WordClass::Common
            && doc.lower.contains(&words[content[0]].core.to_lowercase());
        if all_weak || lone_common || content.is_empty() {
            continue;
        }
        let first = words[run[0]].start;
        let last = words[run[run.len() - 1]].end;
        // Inner possessives stay as written (People's Republic).
        let text = run
            .iter()
            .enumerate()
            .map(|(k, &idx)| {
                let w = &words[idx];
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
    out
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A possessive before an institutional head stays inside the name (Democratic People's
/// Republic of Korea).
fn possessive_before_head(words: &[Word<'_>], j: usize) -> bool {
    words[j].possessive
        && words.get(j + 1).is_some_and(|n| {
            is_capitalised(n.core) && OF_HEADS.contains(&n.core.to_lowercase().as_str())
        })
}

/// If the words from `at` on are a joiner (particle, of/for/and/the/vs) followed by a
/// name word, the index of that name word's predecessor's last joiner word; `None` when
/// the run ends before `at`.
fn joiner(words: &[Word<'_>], name_word: &[bool], run: &[usize], at: usize) -> Option<usize> {
    let w = words.get(at)?;
    if w.break_before {
        return None;
    }
    let lower = w.core.to_lowercase();
    let next_is_name = |k: usize| {
        name_word.get(k).copied().unwrap_or(false) && !words.get(k).is_some_and(|x| x.break_before)
    };
    let head_words: Vec<&str> = run.iter().map(|&k| words[k].core).collect();
    let head_is_common = head_words.len() <= 2
        && head_words.iter().all(|h| lexicon::is_common_word(h))
        || head_words
            .last()
            .is_some_and(|h| OF_HEADS.contains(&h.to_lowercase().as_str()));
    match lower.as_str() {
        _ if PARTICLES.contains(&lower.as_str()) && lower != "of" => {
            // Personal-name particles continue a run of proper words.
            (next_is_name(at + 1) && !w.break_after).then_some(at)
        }
        "of" | "for" if head_is_common && !w.break_after => next_is_name(at + 1).then_some(at),
        "and" if !w.break_after && next_is_name(at + 1) => {
            // Bosnia and Herzegovina; Securities and Exchange Commission.
            let mut k = at + 1;
            while next_is_name(k) && !words[k].break_after {
                k += 1;
            }
            let end = if next_is_name(k) { k } else { k - 1 };
            let joined: Vec<&str> = run
                .iter()
                .map(|&r| words[r].core)
                .chain(words[at..=end].iter().map(|x| x.core))
                .collect();
            let phrase = joined.join(" ");
            let org = head_is_common
                && end > at + 1
                && ORG_HEADS.contains(&words[end].core.to_lowercase().as_str());
            (org || !places::places_named(&phrase).is_empty()).then_some(at)
        }
        "the" | "vs" | "v" | "versus" if is_capitalised(w.core) && !w.break_after => {
            next_is_name(at + 1).then_some(at)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        let d = DocWords::new(&[line]);
        extract(line, &d).into_iter().map(|n| n.text).collect()
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
        assert_eq!(
            names("Kenneth Polite Jr., former assistant attorney general for DOJ's Criminal Division, said."),
            vec!["Kenneth Polite", "DOJ", "Criminal Division"]
        );
        assert_eq!(
            names("SEC Chair Gary Gensler said."),
            vec!["SEC", "Gary Gensler"]
        );
    }

    #[test]
    fn calendar_quotes_and_sentence_start() {
        assert_eq!(
            names("During discussions in Moscow on Friday, North Korean Foreign Minister Choe Son Hui spoke."),
            vec!["Moscow", "Choe Son Hui"]
        );
        assert_eq!(
            names("The Republic of Korea is positioned."),
            vec!["Republic of Korea"]
        );
        assert_eq!(
            names("Borrell also engaged with South Korean Defence Minister Kim Yong-hyun."),
            vec!["Borrell", "Kim Yong-hyun"]
        );
        assert_eq!(
            names("Unfortunately, critics said. Critics agreed. Yup. Aw baby. Heheh not one."),
            Vec::<String>::new()
        );
        assert_eq!(names("Thassalin tried to retreat."), vec!["Thassalin"]);
        assert_eq!(
            names("They held the first “Strategic Dialogue” meeting on 18 October. Photo: AFP"),
            vec!["AFP"]
        );
    }

    #[test]
    fn of_dashes_possessives_and_starters() {
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
            names("The Department of Justice's approach and the Port of Seattle and Alternative for Germany."),
            vec!["Department of Justice", "Port of Seattle", "Alternative for Germany"]
        );
        assert_eq!(
            names("Relations between Russia and Japan grew. Should Putin go? Warm ties follow."),
            vec!["Russia", "Japan", "Putin"]
        );
    }

    #[test]
    fn caps_headlines_hashtags_times() {
        assert_eq!(
            names("\"YES. I LACK A GUN. YOU REMIND ME OF MY OLD FRIEND ARKADIN.\""),
            vec!["ARKADIN"]
        );
        assert_eq!(
            names("my brain is having a DIFFICULT time with EPA staff"),
            vec!["EPA"]
        );
        assert_eq!(
            names("Is Letting Corporate Criminals Off the Hook"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("I hate lava #PilotTraining at 2:34 PM"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("German farmers and Scottish tenants speak French."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("the latest Scottish Government statistics"),
            vec!["Scottish Government"]
        );
        assert_eq!(
            names("in the private rented sector (PRS) while the PRS grows, Main Street Americans"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("a flight on a Boeing 737 MAX 9 jet"),
            vec!["Boeing 737 MAX 9"]
        );
    }
}
