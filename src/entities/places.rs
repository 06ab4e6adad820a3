//! Territory names from CLDR, so translated place names are not reported as missing.
//!
//! "South Korea" is written দক্ষিণ কোরিয়া, not সাউথ কোরিয়া, and "United States" is
//! মার্কিন যুক্তরাষ্ট্র: no phonetic comparison can find these. The table is CLDR's
//! territory display names for en, bn, hi, mr and ne, generated once with Babel (see
//! `data/README.md`) and embedded at compile time, plus a few curated aliases.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::normalize;

const DATA: &str = include_str!("data/territories.tsv");

struct Table {
    /// Normalised English name or alias → territory code.
    english: HashMap<String, &'static str>,
    /// (code, language) → names in that language (CLDR name first, then aliases).
    names: HashMap<(&'static str, &'static str), Vec<&'static str>>,
    /// Normalised single-word English names (for demonym detection).
    single: Vec<String>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Table {
            english: HashMap::new(),
            names: HashMap::new(),
            single: Vec::new(),
        };
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(code), Some(lang), Some(name)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let lang = lang.strip_suffix("+alias").unwrap_or(lang);
            if lang == "en" {
                let n = normalize(name);
                if !n.contains(' ') && !n.contains('.') {
                    t.single.push(n.clone());
                }
                t.english.entry(n.replace('.', "")).or_insert(code);
            }
            t.names.entry((code, lang)).or_default().push(name);
        }
        t
    })
}

/// The CLDR territory code of an English place name or alias ("U.S." → `US`).
pub fn territory_code(english: &str) -> Option<&'static str> {
    let n = normalize(english).replace('.', "");
    let n = n.strip_prefix("the ").unwrap_or(&n).to_string();
    table().english.get(&n).copied()
}

/// Names of territory `code` in language `lang` (empty if CLDR has none).
pub fn names_in(code: &str, lang: &str) -> Vec<&'static str> {
    table()
        .names
        .iter()
        .find(|((c, l), _)| *c == code && *l == lang)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Whether `lower` is a one-word English territory name (Russia, Ukraine).
pub fn is_single_word_place(lower: &str) -> bool {
    table().single.iter().any(|p| p == lower)
}

/// Whether a one-word English territory name starts with `stem` (Russ-ian → Russia).
pub fn single_word_place_starts_with(stem: &str) -> bool {
    table().single.iter().any(|p| p.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_territories() {
        assert_eq!(territory_code("South Korea"), Some("KR"));
        assert_eq!(territory_code("U.S."), Some("US"));
        assert_eq!(territory_code("the Republic of Korea"), Some("KR"));
        assert!(names_in("KR", "bn").contains(&"দক্ষিণ কোরিয়া"));
        assert!(names_in("US", "bn").contains(&"মার্কিন যুক্তরাষ্ট্র"));
        assert!(names_in("KP", "mr").contains(&"उत्तर कोरिया"));
        assert!(is_single_word_place("russia"));
        assert!(single_word_place_starts_with("ukrain"));
    }
}
