//! Reading line-aligned text files the way sacreBLEU's CLI does, and checking them.
//!
//! sacreBLEU opens files with `newline="\n"`, so only `\n` ends a line (a CRLF line keeps
//! its `\r` until `rstrip`, and U+2028/U+0085 do not split lines), then applies Python's
//! `rstrip()` to every line. A byte-order mark is not removed (sacreBLEU reads `utf-8`,
//! not `utf-8-sig`). Files ending in `.gz` are decompressed transparently; `-` is stdin.
//!
//! Every failure names the file, and the 1-based line where there is one.

use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::text::py_rstrip;

/// One line-aligned text stream: a system output, a reference or a source.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// The path as the user gave it (`-` for stdin).
    pub path: PathBuf,
    /// The name reports show ([`crate::naming`]): the file's stem unless set with
    /// [`TextFile::named`].
    pub name: String,
    /// Lines, each already `rstrip()`ed.
    pub lines: Vec<String>,
}

impl TextFile {
    /// Reads and validates `path` (see the module docs).
    pub fn read(path: &Path) -> Result<TextFile> {
        // The streaming reader, collected: one implementation of sacreBLEU's line rules.
        let lines = crate::stream::read_lines(path)?;
        if lines.is_empty() {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("{}: file is empty", display_path(path)),
            ));
        }
        Ok(TextFile {
            path: path.to_path_buf(),
            name: system_name(path),
            lines,
        })
    }

    /// The same stream under another name.
    pub fn named(mut self, name: &str) -> TextFile {
        self.name = name.to_string();
        self
    }

    /// Builds a stream from lines already in memory (for tests and library users);
    /// lines are `rstrip()`ed like file lines.
    pub fn from_lines<S: AsRef<str>>(name: &str, lines: &[S]) -> TextFile {
        TextFile {
            path: PathBuf::from(name),
            name: system_name(Path::new(name)),
            lines: lines
                .iter()
                .map(|l| py_rstrip(l.as_ref()).to_string())
                .collect(),
        }
    }

    /// The name shown for this stream in reports (see [`TextFile::name`]).
    pub fn stem(&self) -> String {
        self.name.clone()
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the stream has no lines (never true for a file read with [`TextFile::read`]).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The report name of a system file: its file name minus a `.gz` and one extension.
pub fn system_name(path: &Path) -> String {
    crate::naming::stem(path)
}

/// Systems and references checked to be line-aligned.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Reference streams, `refs[stream][segment]`.
    pub refs: Vec<TextFile>,
    /// System outputs in the order given.
    pub systems: Vec<TextFile>,
}

impl Corpus {
    /// Checks that every system and every reference have the same number of lines and
    /// that system names are unique.
    pub fn new(refs: Vec<TextFile>, systems: Vec<TextFile>) -> Result<Corpus> {
        if refs.is_empty() {
            return Err(Error::config("no reference given (use -r FILE)"));
        }
        if systems.is_empty() {
            return Err(Error::config("no system output given (use -i FILE)"));
        }
        let first = &refs[0];
        for other in refs.iter().skip(1).chain(systems.iter()) {
            if other.len() != first.len() {
                return Err(crate::encoding::line_counts_differ(
                    &first.path,
                    first.len(),
                    &other.path,
                    other.len(),
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for s in &systems {
            if !seen.insert(s.stem()) {
                return Err(Error::config(format!(
                    "two systems are named '{}' ({}); give files distinct names",
                    s.stem(),
                    display_path(&s.path)
                )));
            }
        }
        Ok(Corpus { refs, systems })
    }

    /// The number of segments.
    pub fn len(&self) -> usize {
        self.refs[0].len()
    }

    /// Whether there are no segments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_names() {
        assert_eq!(system_name(Path::new("a/b/sys.A.de")), "sys.A");
        assert_eq!(system_name(Path::new("x.txt.gz")), "x");
        assert_eq!(system_name(Path::new("plain")), "plain");
        assert_eq!(system_name(Path::new(".hidden")), ".hidden");
    }
}
