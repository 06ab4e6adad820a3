//! The entity glossary: a CSV `id,lang,form[,preferred]` listing accepted spellings.
//!
//! An optional header row `id,lang,form[,preferred]` is skipped. `preferred` is `yes`
//! (the house spelling) or `no`/empty. Errors name the file and the 1-based line.

use std::path::Path;

use crate::error::{display_path, Error, ErrorKind, Result};

/// One glossary row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// Entity id shared by all spellings of the entity.
    pub id: String,
    /// Language code of the spelling.
    pub lang: String,
    /// The spelling.
    pub form: String,
    /// Whether this is the house spelling.
    pub preferred: bool,
}

/// A parsed glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Rows in file order.
    pub entries: Vec<GlossaryEntry>,
}

impl Glossary {
    /// Reads and parses a glossary file.
    pub fn read(path: &Path) -> Result<Glossary> {
        let text = crate::encoding::read_text(path)?;
        Glossary::parse(&display_path(path), &text)
    }

    /// Parses glossary text; `name` is used in error messages.
    pub fn parse(name: &str, text: &str) -> Result<Glossary> {
        let bad = |line: u64, msg: String| {
            Error::new(ErrorKind::BadInput, format!("{name}:{line}: {msg}"))
        };
        // An unterminated quote makes the CSV reader swallow the rest of the file into one
        // field: find the line where the last quote was opened.
        let mut open_at = None;
        for (i, l) in text.lines().enumerate() {
            if l.matches('"').count() % 2 == 1 {
                open_at = match open_at {
                    None => Some(i as u64 + 1),
                    Some(_) => None,
                };
            }
        }
        if let Some(line) = open_at {
            return Err(bad(line, "unterminated quote".to_string()));
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut entries = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(i as u64 + 1, |p| p.line());
                bad(line, format!("invalid csv ({e})"))
            })?;
            let line = rec.position().map_or(i as u64 + 1, |p| p.line());
            if rec.iter().all(|f| f.is_empty()) {
                continue;
            }
            let field = |k: usize| rec.get(k).unwrap_or("");
            if i == 0
                && field(0).eq_ignore_ascii_case("id")
                && field(1).eq_ignore_ascii_case("lang")
            {
                continue;
            }
            if rec.len() < 3 {
                return Err(bad(
                    line,
                    format!(
                        "expected columns id,lang,form[,preferred], found {} column(s)",
                        rec.len()
                    ),
                ));
            }
            if rec.len() > 4 {
                return Err(bad(
                    line,
                    format!(
                        "expected at most 4 columns (id,lang,form,preferred), found {}",
                        rec.len()
                    ),
                ));
            }
            let (id, lang, form) = (field(0), field(1).to_lowercase(), field(2));
            if id.is_empty() {
                return Err(bad(line, "empty entity id".to_string()));
            }
            if form.is_empty() {
                return Err(bad(line, "empty form".to_string()));
            }
            if super::script_of(&lang).is_none() {
                return Err(bad(line, format!("unknown language code '{lang}'")));
            }
            let preferred = match field(3).to_lowercase().as_str() {
                "yes" | "y" | "true" | "1" | "preferred" => true,
                "" | "no" | "n" | "false" | "0" => false,
                other => {
                    return Err(bad(
                        line,
                        format!("preferred must be yes or no, found '{other}'"),
                    ))
                }
            };
            entries.push(GlossaryEntry {
                id: id.to_string(),
                lang,
                form: form.to_string(),
                preferred,
            });
        }
        Ok(Glossary { entries })
    }

    /// Entity ids in first-appearance order.
    pub fn ids(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.entries {
            if !out.contains(&e.id.as_str()) {
                out.push(&e.id);
            }
        }
        out
    }

    /// Spellings of entity `id` in `lang`.
    pub fn forms(&self, id: &str, lang: &str) -> Vec<&GlossaryEntry> {
        self.entries
            .iter()
            .filter(|e| e.id == id && e.lang == lang)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_header_and_preferred() {
        let g = Glossary::parse(
            "g.csv",
            "id,lang,form,preferred\nlavrov,en,Lavrov\nlavrov,bn,ল্যাভরভ,yes\nlavrov,bn,লাভরভ\n",
        )
        .unwrap_or_default();
        assert_eq!(g.entries.len(), 3);
        assert!(g.entries[1].preferred);
        assert_eq!(g.forms("lavrov", "bn").len(), 2);
        assert_eq!(g.ids(), vec!["lavrov"]);
    }

    #[test]
    fn missing_column_names_file_and_line() {
        let e = Glossary::parse("g.csv", "lavrov,en,Lavrov\nlavrov,bn\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("g.csv:2: expected columns id,lang,form[,preferred], found 2 column(s)")
        );
    }

    #[test]
    fn unknown_language_is_an_error() {
        let e = Glossary::parse("g.csv", "lavrov,en,Lavrov\nlavrov,xx,Lawrow\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("g.csv:2: unknown language code 'xx'"));
    }

    #[test]
    fn bad_preferred_value() {
        let e = Glossary::parse("g.csv", "a,en,A,maybe\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("g.csv:1: preferred must be yes or no, found 'maybe'")
        );
    }
}
