//! Place and language names from Unicode CLDR, so that names a translation *translates*
//! rather than transliterates are still recognised.
//!
//! "United States" is अमेरिका or মার্কিন যুক্তরাষ্ট্র, "Russia" is रूस, "Germany" is
//! Deutschland: no phonetic comparison finds these. The table (`data/places.tsv`) is
//! CLDR's territory names (with their short and variant forms), exemplar-city names and
//! English language names, generated from the CLDR JSON packages by `scripts/gen_places.py`
//! and embedded at compile time. Language names are used the other way round: "French" or
//! "Hindi" in a source is a language or nationality adjective, not a name to check.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::normalize::normalize;

const DATA: &str = include_str!("data/places.tsv");

/// A CLDR place: a territory code (`US`) or a time-zone id standing for its city
/// (`Europe/London`).
pub type PlaceId = &'static str;

struct Table {
    /// Lookup form of an English name → places.
    english: HashMap<String, Vec<PlaceId>>,
    /// `place\tlanguage` → its names in that language.
    names: HashMap<String, Vec<&'static str>>,
    /// Lookup forms of English language names (French, Scottish Gaelic).
    languages: HashSet<String>,
    /// Lookup forms of one-word English place names (for demonyms).
    single: Vec<String>,
    /// `place\tlanguage` → words of its multi-word names that stand for it alone.
    distinctive: HashMap<String, Vec<String>>,
}

/// The lookup form of an English name: normalised, dots removed, a leading "the" dropped
/// (U.S. = US, the United States = United States).
pub fn lookup_form(english: &str) -> String {
    let n = normalize(english).replace('.', "");
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
    n.strip_prefix("the ").map(str::to_string).unwrap_or(n)
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Table {
            english: HashMap::new(),
            names: HashMap::new(),
            languages: HashSet::new(),
            single: Vec::new(),
            distinctive: HashMap::new(),
        };
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(kind), Some(code), Some(lang), Some(name)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            if kind == "language" {
                if lang == "en" {
                    t.languages.insert(lookup_form(name));
                } else {
                    t.languages.insert(format!("{lang}\t{}", lookup_form(name)));
                }
                continue;
            }
            if lang == "en" {
                let key = lookup_form(name);
                if !key.contains(' ') && kind == "territory" {
                    t.single.push(key.clone());
                }
                let ids = t.english.entry(key).or_default();
                if !ids.contains(&code) {
                    ids.push(code);
                }
            }
            t.names
                .entry(format!("{code}\t{lang}"))
                .or_default()
                .push(name);
        }
        t.distinctive = distinctive_words(&t.names);
        t
    })
}

/// For every place and language, the words of its multi-word names that name no other
/// place, except places named after it: মার্কিন and যুক্তরাষ্ট্র each stand for the United
/// States (the only other places using them are the U.S. Virgin Islands and Outlying
/// Islands), while কোরিয়া is shared by North and South Korea and stands for neither.
fn distinctive_words(names: &HashMap<String, Vec<&'static str>>) -> HashMap<String, Vec<String>> {
    // Each place's CLDR display name (its first English name), and all its English names.
    let mut primary: HashMap<&str, Vec<String>> = HashMap::new();
    let mut english: HashMap<&str, Vec<Vec<String>>> = HashMap::new();
    let mut by_word: HashMap<(String, String), Vec<&str>> = HashMap::new();
    for (key, list) in names {
        let Some((id, lang)) = key.split_once('\t') else {
            continue;
        };
        for name in list {
            let words: Vec<String> = lookup_form(name)
                .split(|c: char| !c.is_alphanumeric() && !super::normalize::is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if lang == "en" {
                primary.entry(id).or_insert_with(|| words.clone());
                english.entry(id).or_default().push(words.clone());
            }
            if words.len() >= 2 {
                for w in words {
                    let ids = by_word.entry((lang.to_string(), w)).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
    }
    // Q is named after P when one of Q's English names contains P's display name
    // (U.S. Virgin Islands, but not "Democratic People's Republic of Korea" for South
    // Korea, whose alias "Republic of Korea" it happens to contain).
    let named_after = |q: &str, p: &str| {
        let (Some(qn), Some(pw)) = (english.get(q), primary.get(p)) else {
            return false;
        };
        !pw.is_empty()
            && qn
                .iter()
                .any(|qw| qw.windows(pw.len()).any(|w| w == pw.as_slice()))
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for ((lang, word), ids) in &by_word {
        if word.chars().count() < 3 || lang == "en" {
            continue;
        }
        for &p in ids {
            if ids.iter().all(|&q| q == p || named_after(q, p)) {
                out.entry(format!("{p}\t{lang}"))
                    .or_default()
                    .push(word.clone());
            }
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// Words of place `id`'s multi-word names in `lang` that stand for it alone (see
/// `distinctive_words`).
pub fn distinctive_in(id: PlaceId, lang: &str) -> &'static [String] {
    table()
        .distinctive
        .get(&format!("{id}\t{lang}"))
        .map_or(&[], Vec::as_slice)
}

/// The CLDR places an English name stands for ("U.S." → `US`, "London" → `Europe/London`).
pub fn places_named(english: &str) -> &'static [PlaceId] {
    table()
        .english
        .get(&lookup_form(english))
        .map_or(&[], Vec::as_slice)
}

/// Whether an English name is a CLDR territory (countries and regions only, not cities).
pub fn is_territory(english: &str) -> bool {
    places_named(english).iter().any(|id| !id.contains('/'))
}

/// Names of place `id` in language `lang` (empty if CLDR has none).
pub fn names_in(id: PlaceId, lang: &str) -> &'static [&'static str] {
    table()
        .names
        .get(&format!("{id}\t{lang}"))
        .map_or(&[], Vec::as_slice)
}

/// Whether `word` (any case) is an English language name (French, Hindi, Scottish Gaelic),
/// which is also the nationality adjective for many.
pub fn is_language_name(word: &str) -> bool {
    table().languages.contains(&lookup_form(word))
}

/// Whether `word` is a language name in `lang`'s own CLDR names (जापानी in Hindi), which
/// for many languages is also the nationality adjective.
pub fn is_language_name_in(word: &str, lang: &str) -> bool {
    table()
        .languages
        .contains(&format!("{lang}\t{}", lookup_form(word)))
}

/// Whether `lower` is a one-word English territory name (Russia, Ukraine).
pub fn is_single_word_place(lower: &str) -> bool {
    table().single.iter().any(|p| p == lower)
}

/// The one-word English territory names that start with `stem` (Russ-ian → Russia).
pub fn single_word_places_starting(stem: &str) -> impl Iterator<Item = &'static str> + '_ {
    table()
        .single
        .iter()
        .filter(move |p| p.starts_with(stem))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_territories_and_cities() {
        assert_eq!(places_named("U.S."), &["US"]);
        assert_eq!(places_named("the United States"), &["US"]);
        assert!(names_in("US", "hi").contains(&"अमेरिका"));
        assert!(names_in("RU", "hi").contains(&"रूस"));
        assert!(names_in("KR", "bn").contains(&"দক্ষিণ কোরিয়া"));
        assert!(names_in("Europe/London", "hi").contains(&"लंदन"));
        assert!(is_territory("Russia"));
        assert!(!is_territory("London"));
        assert!(is_language_name("French"));
        assert!(is_language_name("hindi"));
        assert!(is_language_name_in("जापानी", "hi"));
        assert!(is_single_word_place("russia"));
        assert!(distinctive_in("US", "bn").iter().any(|w| w == "মার্কিন"));
        assert!(!distinctive_in("KR", "bn").iter().any(|w| w == "কোরিয়া"));
        assert_eq!(places_named("Republic of Korea"), &["KR"]);
        assert!(single_word_places_starting("ukrain").any(|p| p == "ukraine"));
    }
}
