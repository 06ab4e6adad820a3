//! Spelling consistency: every distinct form of an entity per system, with counts, and two
//! separate findings.
//!
//! - **Inconsistent**: one entity spelled more than one way within one document
//!   (documents come from `--docids`; without them the whole output is one document).
//! - **Differs**: a spelling other than the reference's (in the same segment) or, with a
//!   glossary, other than its preferred forms (any listed form when none is preferred).
//!
//! Forms are compared after suffix stripping, NFC and zero-width removal, with hyphen and
//! space alike (`সন-হুই` = `সন হুই`), and, unless `--strict-spelling`, after folding the
//! orthographic variants that readers treat as one spelling ([`spelling_key`]): anusvara
//! and a nasal consonant with virama (ट्रंप = ट्रम्प), chandrabindu and anusvara (हाँ =
//! हां), and the Devanagari nukta (ज़ = ज). A form that is a contiguous run of another's
//! words is the same name written shorter (জোসেপ বোরেল and বোরেল), not another spelling.
//! Entities are never grouped with each other: "North Holland" and "South Holland" share
//! a word and nothing else.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::Variant;

const DEVANAGARI_NUKTA: char = '\u{093C}';

fn nasal_with_virama(c: char, next: Option<char>) -> bool {
    matches!(
        c,
        '\u{0919}'
            | '\u{091E}'
            | '\u{0923}'
            | '\u{0928}'
            | '\u{092E}'
            | '\u{0999}'
            | '\u{099E}'
            | '\u{09A3}'
            | '\u{09A8}'
            | '\u{09AE}'
    ) && matches!(next, Some('\u{094D}' | '\u{09CD}'))
}

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}' | '\u{0995}'..='\u{09B9}' | '\u{09DC}'..='\u{09DF}')
}

/// The comparison key of a (normalised) form: with `strict`, the form itself; otherwise
/// the form with orthographic variants folded (see the module docs).
pub fn spelling_key(form: &str, strict: bool) -> String {
    if strict {
        return form.to_string();
    }
    let chars: Vec<char> = form.chars().collect();
    let mut out = String::with_capacity(form.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            DEVANAGARI_NUKTA => {}
            '\u{0901}' => out.push('\u{0902}'),
            '\u{0981}' => out.push('\u{0982}'),
            _ if nasal_with_virama(c, chars.get(i + 1).copied())
                && chars.get(i + 2).copied().is_some_and(is_consonant) =>
            {
                out.push(if c < '\u{0980}' {
                    '\u{0902}'
                } else {
                    '\u{0982}'
                });
                i += 1; // the virama
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Collects forms and decides the findings for one system.
#[derive(Debug, Default)]
pub struct Tracker {
    strict: bool,
    /// Entity ids in first-seen order.
    order: Vec<String>,
    /// Forms as written (suffix stripped) per entity, with counts.
    forms: HashMap<String, BTreeMap<String, usize>>,
    /// Spelling keys per (entity, document).
    per_doc: HashMap<(String, String), BTreeSet<String>>,
    /// Expected forms per entity (reference or glossary), as written.
    expected: HashMap<String, BTreeSet<String>>,
    differs: HashSet<String>,
    /// (short, long): the short entity's name is the tail of the long one's (Putin,
    /// Vladimir Putin): the long one's last words must be spelled as the short one.
    tails: Vec<(String, String)>,
}

impl Tracker {
    /// A tracker comparing spellings strictly (`--strict-spelling`) or with orthographic
    /// variants folded.
    pub fn new(strict: bool) -> Tracker {
        Tracker {
            strict,
            ..Tracker::default()
        }
    }

    /// Declares that entity `short` names the same person as the tail of `long` (see
    /// [`super::inventory::Inventory::tails`]): पुतीन for Vladimir Putin and पुतिन for
    /// Putin in one document is an inconsistency. Only such pairs are compared; entities
    /// are never grouped by a shared word.
    pub fn relate(&mut self, short: &str, long: &str) {
        self.tails.push((short.to_string(), long.to_string()));
    }

    /// Registers an entity (so it is listed even if never found).
    pub fn entity(&mut self, id: &str) {
        if !self.forms.contains_key(id) {
            self.order.push(id.to_string());
            self.forms.insert(id.to_string(), BTreeMap::new());
        }
    }

    /// Records one found mention of `id` spelled `form` in document `doc`; `expected` are
    /// the forms the reference or glossary asks for here (empty: no expectation).
    pub fn record(&mut self, id: &str, doc: &str, form: &str, expected: &[String]) {
        self.entity(id);
        if let Some(m) = self.forms.get_mut(id) {
            *m.entry(form.to_string()).or_insert(0) += 1;
        }
        let k = spelling_key(form, self.strict);
        self.per_doc
            .entry((id.to_string(), doc.to_string()))
            .or_default()
            .insert(k.clone());
        if !expected.is_empty() {
            let e = self.expected.entry(id.to_string()).or_default();
            e.extend(expected.iter().cloned());
            let same = expected.iter().any(|x| {
                let xk = spelling_key(x, self.strict);
                xk == k || part_of(&xk, &k) || part_of(&k, &xk)
            });
            if !same {
                self.differs.insert(id.to_string());
            }
        }
    }

    /// The variants, in first-seen order of the entities.
    pub fn finish(self) -> Vec<Variant> {
        let mut multi: HashSet<&str> = HashSet::new();
        for ((id, _), forms) in &self.per_doc {
            if conflicting(forms) {
                multi.insert(id);
            }
        }
        for (short, long) in &self.tails {
            for ((id, doc), forms) in &self.per_doc {
                if id != short {
                    continue;
                }
                let Some(long_forms) = self.per_doc.get(&(long.clone(), doc.clone())) else {
                    continue;
                };
                let clash = forms.iter().any(|a| {
                    let n = a.split(' ').count();
                    long_forms.iter().any(|b| {
                        let words: Vec<&str> = b.split(' ').collect();
                        words.len() > n && words[words.len() - n..].join(" ") != *a
                    })
                });
                if clash {
                    multi.insert(short.as_str());
                    multi.insert(long.as_str());
                }
            }
        }
        self.order
            .iter()
            .map(|id| {
                let inconsistent = multi.contains(id.as_str());
                let differs = self.differs.contains(id);
                Variant {
                    entity: id.clone(),
                    forms: self.forms.get(id).cloned().unwrap_or_default(),
                    inconsistent,
                    differs,
                    expected: self
                        .expected
                        .get(id)
                        .map(|s| s.iter().cloned().collect())
                        .unwrap_or_default(),
                    consistent: !inconsistent && !differs,
                }
            })
            .collect()
    }
}

/// Whether the words of `a` are a contiguous run of the words of `b`.
fn part_of(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split(' ').collect();
    let b: Vec<&str> = b.split(' ').collect();
    a.len() <= b.len() && b.windows(a.len()).any(|w| w == a.as_slice())
}

/// Whether some two forms are real spelling differences. A form that is a contiguous
/// run of another's words is the same name written shorter (জোসেপ বোরেল and বোরেল for
/// "Josep Borrell" and "Borrell"; চো তাই ইউল and চো for "Cho Tae-yul" and "Cho"), which
/// the research notes count as consistent: names are compared per source token.
fn conflicting(forms: &BTreeSet<String>) -> bool {
    let forms: Vec<&String> = forms.iter().collect();
    forms.iter().enumerate().any(|(i, a)| {
        forms[i + 1..]
            .iter()
            .any(|b| !part_of(a, b) && !part_of(b, a))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorter_forms_of_one_name_are_consistent() {
        let set = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<BTreeSet<String>>()
        };
        assert!(!conflicting(&set(&["জোসেপ বোরেল", "বোরেল"])));
        assert!(!conflicting(&set(&["চো তাই ইউল", "চো"])));
        assert!(conflicting(&set(&["জোসেপ বোরেল", "বরেল"])));
        assert!(conflicting(&set(&["চোয়ে সন হুই", "চো সন হুই"])));
    }

    #[test]
    fn orthographic_variants_fold() {
        assert_eq!(spelling_key("ट्रंप", false), spelling_key("ट्रम्प", false));
        assert_eq!(spelling_key("हाँ", false), spelling_key("हां", false));
        assert_eq!(spelling_key("ज़ैक", false), spelling_key("जैक", false));
        assert_ne!(spelling_key("ट्रंप", true), spelling_key("ट्रम्प", true));
        // Bengali য় and য are different letters: not folded.
        assert_ne!(spelling_key("য়", false), spelling_key("য", false));
    }

    #[test]
    fn per_document_and_expected() {
        let mut t = Tracker::new(false);
        t.record("Lavrov", "d1", "ল্যাভরভ", &[]);
        t.record("Lavrov", "d2", "লাভরভ", &[]);
        t.record("Kim", "d1", "কিম", &[]);
        t.record("Kim", "d1", "কিম", &[]);
        t.entity("Peskov");
        t.record("Trump", "d1", "ट्रंप", &[]);
        t.record("Trump", "d1", "ट्रम्प", &[]);
        t.record("Siso", "d1", "सिसो", &["सीसो".to_string()]);
        let v = t.finish();
        assert!(v[0].consistent, "one form per document is consistent");
        assert_eq!(v[1].forms.get("কিম"), Some(&2));
        assert!(v[2].forms.is_empty() && v[2].consistent);
        assert!(
            !v[3].inconsistent,
            "anusvara and nasal+virama are one spelling"
        );
        assert!(
            v[4].differs && !v[4].inconsistent,
            "differs from the reference only"
        );

        // A person's surname alone and in full are compared; two places sharing a word
        // are not.
        let mut t = Tracker::new(false);
        t.relate("Putin", "Vladimir Putin");
        t.record("Vladimir Putin", "d", "व्लादिमीर पुतीन", &[]);
        t.record("Putin", "d", "पुतिन", &[]);
        t.record("North Holland", "d", "नॉर्थ हॉलैंड", &[]);
        t.record("South Holland", "d", "साउथ होलैंड", &[]);
        let v = t.finish();
        assert!(v[0].inconsistent && v[1].inconsistent);
        assert!(!v[2].inconsistent && !v[3].inconsistent);
    }
}
