//! Case-suffix stripping for Bengali, Hindi, Marathi, Nepali, German and Czech.
//!
//! Names take inflection suffixes written *inside* the word (ল্যাভরভের, लव्ह्रोव्हला,
//! किमने), so a target word is compared both as written and with each listed suffix
//! removed. Stripping works on code points, not grapheme clusters: the genitive `-ের`
//! begins with a vowel sign that belongs to the previous cluster (`ভে|র`). Emphatic
//! Bengali `-ই` is deliberately absent, because names end in ই (হুই, সের্গেই).

use super::normalize::is_word_char;

const VIRAMAS: [char; 2] = ['\u{094D}', '\u{09CD}'];

/// Bengali case and number suffixes (longest first is not required: all are tried).
pub const BENGALI: &[&str] = &[
    "য়েরা",
    "য়ের",
    "েরা",
    "দের",
    "এর",
    "ের",
    "র",
    "কেও",
    "কে",
    "তেও",
    "তে",
    "য়ে",
    "ে",
    "টির",
    "টি",
    "টা",
    "রা",
    "ও",
    "য়",
    "দেরকে",
];

/// Marathi case suffixes and fused postpositions.
pub const MARATHI: &[&str] = &[
    "च्यावर",
    "च्याशी",
    "च्या",
    "चा",
    "ची",
    "चे",
    "ला",
    "ना",
    "ने",
    "नी",
    "ंनी",
    "ंना",
    "ांनी",
    "ांना",
    "मध्ये",
    "शी",
    "कडे",
    "कडून",
    "साठी",
    "पासून",
    "वर",
    "ही",
    "त",
    "स",
    "चं",
    "विरुद्ध",
    "विरूद्ध",
    "विरुद्धच्या",
    "विरूद्धच्या",
    "बरोबर",
    "सोबत",
    // Locative/ablative and their genitive forms (उत्तर कोरियामधील, प्योंगयांगमधून).
    "मधील",
    "मधून",
    "मधल्या",
    "तील",
    "तून",
    "कडील",
    "पर्यंत",
    "विषयी",
    "प्रमाणे",
    "च्याकडे",
    "च्यासोबत",
    "च्याबरोबर",
];

/// Hindi writes case markers as separate words; only the oblique plural is fused.
pub const HINDI: &[&str] = &["ों", "ओं"];

/// Nepali case markers, usually written fused.
pub const NEPALI: &[&str] = &["ले", "लाई", "को", "का", "की", "मा", "बाट", "सँग", "हरू", "देखि"];

/// German genitive -s written without apostrophe (Merkels, Habecks).
pub const GERMAN: &[&str] = &["s"];

/// Czech case endings of names (Trumpa, Trumpovi, Trumpem, Bidenové, Prahy, Praze,
/// Prahou) and of the possessive adjectives formed from them (Bidenova administrativa,
/// Thassalinových čelistí, Nyssina); feminine surnames in -ová are not endings.
pub const CZECH: &[&str] = &[
    "a", "u", "e", "ě", "em", "ovi", "ou", "y", "i", "ům", "ách", "ech", "ami", "ové", "ovou",
    "ovy", "ova", "ovo", "ovu", "ově", "ových", "ovým", "ovými", "ův", "in", "ina", "ino", "inu",
    "iny", "ině", "iných", "iným",
];

/// The suffix list for a target language, falling back to the script's lists.
pub fn suffixes_for(lang: &str) -> Vec<&'static str> {
    match lang {
        "bn" | "as" => BENGALI.to_vec(),
        "mr" | "kok" => MARATHI.to_vec(),
        "hi" | "mai" | "bho" => HINDI.to_vec(),
        "ne" => NEPALI.to_vec(),
        "en" | "fr" | "es" | "it" | "pt" | "nl" => Vec::new(),
        "de" => GERMAN.to_vec(),
        "cs" => CZECH.to_vec(),
        // Unknown Devanagari-script language: every Devanagari list.
        _ => [MARATHI, HINDI, NEPALI].concat(),
    }
}

/// The word and its stems: `(stem, removed suffix)` with the word itself first (suffix
/// `""`). A stem must keep at least two code points and must not end in a virama.
pub fn stems<'a>(word: &'a str, suffixes: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut out = vec![(word, "")];
    for &suf in suffixes {
        if let Some(stem) = word.strip_suffix(suf) {
            let ok = stem.chars().count() >= 2
                && !stem.ends_with(VIRAMAS)
                && stem.chars().last().is_some_and(is_word_char);
            if ok && !out.iter().any(|(s, _)| *s == stem) {
                out.push((stem, suf));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, lang: &str, stem: &str) -> bool {
        stems(word, &suffixes_for(lang))
            .iter()
            .any(|(s, _)| *s == stem)
    }

    #[test]
    fn bengali() {
        assert!(has("ল্যাভরভের", "bn", "ল্যাভরভ"));
        assert!(has("লাভরভের", "bn", "লাভরভ"));
        assert!(has("কিমের", "bn", "কিম"));
        assert!(has("হুইয়ের", "bn", "হুই"));
        assert!(has("পিয়ংইয়ংয়ে", "bn", "পিয়ংইয়ং"));
        // ই is never stripped: হুই stays whole.
        assert!(!has("হুই", "bn", "হু"));
    }

    #[test]
    fn marathi_and_hindi() {
        assert!(has("लव्ह्रोव्हला", "mr", "लव्ह्रोव्ह"));
        assert!(has("किमने", "mr", "किम"));
        assert!(has("लावरोव्हच्या", "mr", "लावरोव्ह"));
        assert!(has("नेताओं", "hi", "नेता"));
        assert!(has("पुतिनले", "ne", "पुतिन"));
    }

    #[test]
    fn no_dangling_virama_or_tiny_stem() {
        // মস্কো minus ো? not a suffix; मॉस्को minus को would leave a virama (Nepali).
        assert!(!has("मॉस्को", "ne", "मॉस्"));
        assert!(!has("কে", "bn", ""));
    }
}
