//! The one error type of the library.
//!
//! Errors are opaque (`Error` wraps a `#[non_exhaustive]` [`ErrorKind`]) so that new
//! failure modes can be added without breaking callers. Messages are lowercase, name the
//! file and the 1-based line where there is one, and fit on one line: `main` prints them
//! as `mteval: <message>` and exits with code 2.

use std::fmt;
use std::path::Path;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be opened or read.
    Io,
    /// Input text is not valid UTF-8, or is otherwise malformed.
    BadInput,
    /// Line counts of aligned files differ.
    LengthMismatch,
    /// A command-line option or configuration value is invalid.
    Config,
    /// A feature that exists in sacreBLEU but is not implemented here.
    Unsupported,
}

/// The library's error: a kind plus a one-line, human-readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Builds an error of `kind` with a one-line `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// An invalid option or configuration value.
    pub fn config(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config, message)
    }

    /// An I/O failure on `path`.
    pub fn io(path: &Path, err: &std::io::Error) -> Error {
        Error::new(
            ErrorKind::Io,
            format!("{}: {}", display_path(path), io_reason(err)),
        )
    }

    /// The kind of this error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Library-wide result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// `n` and a noun, singular or plural as `n` asks ("1 line", "200 lines").
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The name a user gave for a path; `-` is shown as `<stdin>`.
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// `std::io::Error`'s Display adds "(os error 2)"; users want the reason only.
fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "no such file".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::IsADirectory => "is a directory".to_string(),
        _ => {
            let s = err.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}

/// Writes `mteval: {message}` on stderr, ignoring a failed write: a warning or note must
/// never turn into a panic (stderr may be a closed pipe).
pub fn stderr_line(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "mteval: {message}");
}
