//! Signatures in sacreBLEU's format (`metrics/base.py::Signature`).
//!
//! A signature lists the settings a score depends on: global keys first (`nrefs`, then
//! `bs`/`ar` and `seed` when a resampling test ran), then the metric's own keys, with
//! `version` always last, joined as `key:value` with `|`. The version field names this
//! tool (`mteval-0.1.0`), so that a score is never mistaken for sacreBLEU's own.

use serde::{Deserialize, Serialize};

/// The version string written into every signature.
pub const VERSION: &str = concat!("mteval-", env!("CARGO_PKG_VERSION"));

/// An ordered list of `key:value` settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    entries: Vec<(String, String)>,
}

impl Signature {
    /// A signature for `nrefs` reference streams followed by the metric's `keys`.
    pub fn new(nrefs: usize, keys: &[(&str, String)]) -> Signature {
        let mut entries = vec![("nrefs".to_string(), nrefs.to_string())];
        entries.extend(keys.iter().map(|(k, v)| (k.to_string(), v.clone())));
        Signature { entries }
    }

    /// Records a resampling test: `bs:<n>` or `ar:<n>` (by `key`), then `seed:<seed>`,
    /// placed right after `nrefs` as sacreBLEU does.
    pub fn with_resampling(mut self, key: &str, n: usize, seed: Option<u64>) -> Signature {
        let seed = seed.map_or("none".to_string(), |s| s.to_string());
        self.entries.insert(1, (key.to_string(), n.to_string()));
        self.entries.insert(2, ("seed".to_string(), seed));
        self
    }

    /// Reads a formatted signature back (as reports and statistics files store it): its
    /// `key:value` entries in order, without the `version` entry, which [`Signature::format`]
    /// adds itself. Parts without a `:` are ignored.
    pub fn parse(formatted: &str) -> Signature {
        let entries = formatted
            .split('|')
            .filter_map(|p| p.split_once(':'))
            .filter(|(k, _)| *k != "version")
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Signature { entries }
    }

    /// The first key that appears twice, if any (a hand-edited signature; which of two
    /// values was meant cannot be known).
    pub fn repeated_key(&self) -> Option<&str> {
        self.entries
            .iter()
            .enumerate()
            .find(|(i, (k, _))| self.entries[..*i].iter().any(|(j, _)| j == k))
            .map(|(_, (k, _))| k.as_str())
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The `key:value` entries in order, without `version`.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The full form: `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:mteval-0.1.0`.
    pub fn format(&self) -> String {
        self.render(false)
    }

    /// sacreBLEU's `--short` form: `#:1|c:mixed|e:no|tok:13a|s:exp|v:mteval-0.1.0`.
    pub fn format_short(&self) -> String {
        self.render(true)
    }

    /// The full or short (`--short`) form with `version` in place of mteval's own:
    /// `mteval sacrebleu` prints sacreBLEU's signatures verbatim (`version:2.6.0`), because
    /// scripts parse them.
    pub fn format_with_version(&self, version: &str, short: bool) -> String {
        let mine = self.render(short);
        match mine.rsplit_once('|') {
            Some((head, _)) => format!("{head}|{}:{version}", if short { "v" } else { "version" }),
            None => format!("{}:{version}", if short { "v" } else { "version" }),
        }
    }

    fn render(&self, short: bool) -> String {
        let is_ter = self.get("tok") == Some("tercom");
        let mut parts: Vec<String> = self
            .entries
            .iter()
            .map(|(k, v)| {
                let k = if short {
                    short_key(k, is_ter)
                } else {
                    k.as_str()
                };
                format!("{k}:{v}")
            })
            .collect();
        parts.push(format!("{}:{VERSION}", if short { "v" } else { "version" }));
        parts.join("|")
    }
}

/// The `nrefs:N` of a formatted signature (`nrefs:1|case:mixed|…`), if it has one.
pub fn nrefs_of(formatted: &str) -> Option<usize> {
    formatted
        .split('|')
        .find_map(|kv| kv.strip_prefix("nrefs:"))
        .and_then(|n| n.parse().ok())
}

/// sacreBLEU's abbreviation of signature key `key` (`_abbr` tables of `Signature` and
/// its subclasses); TER abbreviates `tok` as `t` (`is_ter`).
pub fn short_key(key: &str, is_ter: bool) -> &str {
    match (key, is_ter) {
        ("nrefs", _) => "#",
        ("seed", _) => "rs",
        ("case", _) => "c",
        ("eff", _) => "e",
        ("smooth", _) => "s",
        ("space", _) => "s",
        ("tok", true) => "t",
        ("norm", _) => "nr",
        ("punct", _) => "pn",
        ("asian", _) => "as",
        (k, _) => k,
    }
}

/// sacreBLEU prints booleans as `yes`/`no`.
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_sacrebleu() {
        let s = Signature::new(
            1,
            &[
                ("case", "mixed".into()),
                ("eff", yes_no(false)),
                ("tok", "13a".into()),
                ("smooth", "exp".into()),
            ],
        );
        assert_eq!(
            s.format(),
            format!("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:{VERSION}")
        );
        let s = s.with_resampling("ar", 10000, Some(12345));
        assert_eq!(
            s.format_short(),
            format!("#:1|ar:10000|rs:12345|c:mixed|e:no|tok:13a|s:exp|v:{VERSION}")
        );
    }
}
