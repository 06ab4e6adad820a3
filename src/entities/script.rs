//! Which writing system a text is in, and the languages the checker supports.
//!
//! The matcher reads Latin, Bengali and Devanagari. A hypothesis mostly in another
//! script (Japanese checked as `--target-lang hi`) would get a meaningless recall, so the
//! checker measures each system's letters first and refuses to report a recall for a
//! system whose output is not mostly in the script of the target language.

/// Writing systems the matcher understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin alphabet.
    Latin,
    /// Bengali–Assamese script.
    Bengali,
    /// Devanagari.
    Devanagari,
}

impl Script {
    /// The script's name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Bengali => "Bengali",
            Script::Devanagari => "Devanagari",
        }
    }
}

/// Languages accepted as entity-check targets, with their script. Latin-script targets are
/// limited to languages whose names are not inflected beyond what [`super::morph`] strips
/// (English and German genitive -s, Czech case endings); other Latin-script languages
/// (Polish, Finnish, Hungarian…) decline names in ways the checker would report as missing.
pub const TARGETS: &[(&str, Script)] = &[
    ("bn", Script::Bengali),
    ("as", Script::Bengali),
    ("hi", Script::Devanagari),
    ("mr", Script::Devanagari),
    ("ne", Script::Devanagari),
    ("mai", Script::Devanagari),
    ("bho", Script::Devanagari),
    ("en", Script::Latin),
    ("de", Script::Latin),
    ("fr", Script::Latin),
    ("es", Script::Latin),
    ("it", Script::Latin),
    ("pt", Script::Latin),
    ("nl", Script::Latin),
    ("cs", Script::Latin),
];

/// Languages accepted as sources: English (names are extracted), Bengali and Devanagari
/// languages (names found by agreement with the reference, or from a glossary).
pub const SOURCES: &[(&str, Script)] = &[
    ("en", Script::Latin),
    ("bn", Script::Bengali),
    ("as", Script::Bengali),
    ("hi", Script::Devanagari),
    ("mr", Script::Devanagari),
    ("ne", Script::Devanagari),
    ("mai", Script::Devanagari),
    ("bho", Script::Devanagari),
];

/// The script of a supported target language.
pub fn target_script(lang: &str) -> Option<Script> {
    TARGETS.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s)
}

/// The script of a supported source language.
pub fn source_script(lang: &str) -> Option<Script> {
    SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s)
}

/// The script of a letter, `None` for letters of other scripts.
fn letter_script(c: char) -> Option<Script> {
    match c {
        '\u{0900}'..='\u{097F}' => Some(Script::Devanagari),
        '\u{0980}'..='\u{09FF}' => Some(Script::Bengali),
        _ if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => {
            Some(Script::Latin)
        }
        _ => None,
    }
}

/// The share of the letters of `lines` written in `script` (1.0 when there are no
/// letters at all: an empty output is not a wrong-script output).
pub fn share<S: AsRef<str>>(lines: &[S], script: Script) -> f64 {
    let (mut hit, mut total) = (0usize, 0usize);
    for l in lines {
        for c in l.as_ref().chars().filter(|c| c.is_alphabetic()) {
            total += 1;
            if letter_script(c) == Some(script) {
                hit += 1;
            }
        }
    }
    if total == 0 {
        1.0
    } else {
        hit as f64 / total as f64
    }
}

/// Below this share of target-script letters a system's recall is not reported.
pub const MIN_SHARE: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares() {
        assert!(share(&["यह हिंदी है"], Script::Devanagari) > 0.99);
        assert!(share(&["これは日本語です"], Script::Devanagari) < 0.01);
        assert_eq!(share(&[""], Script::Devanagari), 1.0);
        assert_eq!(target_script("hi"), Some(Script::Devanagari));
        assert_eq!(target_script("ja"), None);
        assert_eq!(source_script("cs"), None);
    }
}
