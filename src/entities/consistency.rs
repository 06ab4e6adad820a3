//! Spelling consistency: every distinct form of an entity per system, with counts.
//!
//! An entity is inconsistent when it is spelled more than one way within one document
//! (documents come from `--docids`; without them the whole output is one document), when
//! a glossary names preferred forms and another form is used, or when references are
//! given and the translation's spelling differs from the reference's in some segment.
//! Forms are compared after suffix stripping, NFC and zero-width removal, with hyphen
//! and space treated alike (`সন-হুই` = `সন হুই`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::Variant;

/// Collects forms and decides consistency for one system.
#[derive(Debug, Default)]
pub struct Tracker {
    /// Entity ids in first-seen order.
    order: Vec<String>,
    forms: HashMap<String, BTreeMap<String, usize>>,
    per_doc: HashMap<(String, String), BTreeSet<String>>,
    flagged: HashSet<String>,
    /// Surname forms per (person group, document): "Vladimir Putin" and "Putin" are one
    /// person, so पुतीन in one mention and पुतिन in the other is an inconsistency.
    group_forms: HashMap<(String, String), BTreeSet<String>>,
    /// Entity ids per person group.
    group_members: HashMap<String, BTreeSet<String>>,
}

impl Tracker {
    /// Registers an entity (so it is listed even if never found).
    pub fn entity(&mut self, id: &str) {
        if !self.forms.contains_key(id) {
            self.order.push(id.to_string());
            self.forms.insert(id.to_string(), BTreeMap::new());
        }
    }

    /// Records one found mention of `id` spelled `form` in document `doc`.
    pub fn record(&mut self, id: &str, doc: &str, form: &str) {
        self.entity(id);
        if let Some(m) = self.forms.get_mut(id) {
            *m.entry(form.to_string()).or_insert(0) += 1;
        }
        self.per_doc
            .entry((id.to_string(), doc.to_string()))
            .or_default()
            .insert(form.to_string());
    }

    /// Records the spelling `form` of the last name token (the surname) of entity `id`,
    /// which belongs to the person group `group` (its last source token).
    pub fn record_surname(&mut self, group: &str, id: &str, doc: &str, form: &str) {
        self.group_members
            .entry(group.to_string())
            .or_default()
            .insert(id.to_string());
        self.group_forms
            .entry((group.to_string(), doc.to_string()))
            .or_default()
            .insert(form.to_string());
    }

    /// Marks `id` inconsistent for an external reason (non-preferred or not the
    /// reference's spelling).
    pub fn flag(&mut self, id: &str) {
        self.flagged.insert(id.to_string());
    }

    /// The variants, in first-seen order of the entities.
    pub fn finish(self) -> Vec<Variant> {
        let mut multi: HashSet<&str> = HashSet::new();
        for ((id, _), forms) in &self.per_doc {
            if conflicting(forms) {
                multi.insert(id);
            }
        }
        for ((group, _), forms) in &self.group_forms {
            if forms.len() > 1 {
                if let Some(ids) = self.group_members.get(group) {
                    multi.extend(ids.iter().map(String::as_str));
                }
            }
        }
        self.order
            .iter()
            .map(|id| Variant {
                entity: id.clone(),
                forms: self.forms.get(id).cloned().unwrap_or_default(),
                consistent: !multi.contains(id.as_str()) && !self.flagged.contains(id),
            })
            .collect()
    }
}

/// Whether some two forms are real spelling differences. A form that is a contiguous
/// run of another's words is the same name written shorter (জোসেপ বোরেল and বোরেল for
/// "Josep Borrell" and "Borrell"; চো তাই ইউল and চো for "Cho Tae-yul" and "Cho"), which
/// the research notes count as consistent: names are compared per source token.
fn conflicting(forms: &BTreeSet<String>) -> bool {
    let words: Vec<Vec<&str>> = forms.iter().map(|f| f.split(' ').collect()).collect();
    let part_of = |a: &[&str], b: &[&str]| a.len() <= b.len() && b.windows(a.len()).any(|w| w == a);
    words.iter().enumerate().any(|(i, a)| {
        words[i + 1..]
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
        assert!(conflicting(&set(&["জোসেপ বোরেল", "বোরেল", "বরেল"])));
    }

    #[test]
    fn per_document() {
        let mut t = Tracker::default();
        t.record("Lavrov", "d1", "ল্যাভরভ");
        t.record("Lavrov", "d2", "লাভরভ");
        t.record("Kim", "d1", "কিম");
        t.record("Kim", "d1", "কিম");
        t.entity("Peskov");
        let v = t.finish();
        assert!(v[0].consistent, "one form per document is consistent");
        assert_eq!(v[1].forms.get("কিম"), Some(&2));
        assert!(v[2].forms.is_empty() && v[2].consistent);

        let mut t = Tracker::default();
        t.record("Lavrov", "", "ল্যাভরভ");
        t.record("Lavrov", "", "লাভরভ");
        t.flag("Kim");
        t.entity("Kim");
        let v = t.finish();
        assert!(!v[0].consistent && !v[1].consistent);
    }
}
