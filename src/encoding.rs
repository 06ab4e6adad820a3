//! What a file's first bytes say about how it was written, and the messages that say
//! it: mteval reads UTF-8 text with `\n` line ends (as sacreBLEU does), and a file
//! written otherwise should fail with a message that names the real cause.
//!
//! - UTF-16/UTF-32 (a byte-order mark `FF FE`/`FE FF`, or many NUL bytes) is refused
//!   with the conversion to use; it is not "invalid UTF-8 at byte 1".
//! - A UTF-8 byte-order mark is kept, as sacreBLEU keeps it (it reads `utf-8`, not
//!   `utf-8-sig`), so the first segment's first token differs from the reference's;
//!   a warning says so, once per file.
//! - A file whose lines end in a lone `\r` is one line to sacreBLEU and to mteval; the
//!   line-count message gives that hint.
//! - Invalid UTF-8 anywhere (text, manifest, glossary, report, statistics) is reported
//!   with its 1-based line and byte.

use std::path::Path;

use crate::error::{display_path, Error, ErrorKind, Result};

/// Opens an input for reading: `-` is stdin; a directory or a missing file is an error
/// naming the path. Decompression is the caller's (whole-file or streaming).
pub fn open_raw(path: &Path) -> Result<Box<dyn std::io::Read + Send>> {
    if path == Path::new("-") {
        return Ok(Box::new(std::io::stdin()));
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{}: is a directory", display_path(path)),
        ));
    }
    Ok(Box::new(
        std::fs::File::open(path).map_err(|e| Error::io(path, &e))?,
    ))
}

/// How many leading bytes [`sniff`] looks at.
pub const HEAD: usize = 4096;

/// Checks the first bytes of `path` (at most [`HEAD`] are used): refuses UTF-16 and
/// UTF-32, warns (stderr) about a UTF-8 byte-order mark.
pub fn sniff(path: &Path, head: &[u8]) -> Result<()> {
    let head = &head[..head.len().min(HEAD)];
    let utf16 = |how: &str| {
        Error::new(
            ErrorKind::BadInput,
            format!(
                "{}: looks like UTF-16 or UTF-32 ({how}), not UTF-8: convert it, e.g. `iconv -f UTF-16 -t UTF-8 {} > out.txt`",
                display_path(path),
                display_path(path)
            ),
        )
    };
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(utf16("it starts with a UTF-16 byte-order mark"));
    }
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(utf16("it starts with a UTF-32 byte-order mark"));
    }
    // ASCII in UTF-16 is every other byte NUL; real text has none.
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if head.len() >= 4 && nuls * 4 >= head.len() {
        return Err(utf16("a quarter or more of its first bytes are NUL"));
    }
    if head.starts_with("\u{feff}".as_bytes()) && first_warning(path) {
        crate::error::stderr_line(&format!(
            "warning: {} starts with a UTF-8 byte-order mark; it is kept as part of the first line, as sacreBLEU keeps it, and can cost a short file several BLEU points: remove it with `sed -i '1s/^\\xEF\\xBB\\xBF//' {}`",
            display_path(path),
            display_path(path)
        ));
    }
    Ok(())
}

/// Set by the fuzz targets: no warnings on stderr.
pub static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a warning about `path` is the first one (a file may be opened twice: `run`
/// counts lines before reading).
fn first_warning(path: &Path) -> bool {
    static WARNED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return false;
    }
    let mut warned = WARNED.lock().unwrap_or_else(|e| e.into_inner());
    if warned.iter().any(|p| p == path) {
        return false;
    }
    warned.push(path.to_path_buf());
    true
}

/// The error for an invalid UTF-8 `line` (without its `\n`), 1-based `number`.
pub fn invalid_utf8(path: &Path, number: usize, line: &[u8]) -> Error {
    let at = std::str::from_utf8(line).map_or_else(|e| e.valid_up_to(), |_| line.len()) + 1;
    Error::new(
        ErrorKind::BadInput,
        format!(
            "{}:{number}: invalid UTF-8 at byte {at} of the line",
            display_path(path)
        ),
    )
}

/// `bytes` as UTF-8 text, or the error naming the first invalid line.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    sniff(path, &bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let bad = e.utf8_error().valid_up_to();
        let start = bytes[..bad]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let number = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
        invalid_utf8(path, number, &bytes[start..end])
    })
}

/// The most bytes [`read_text`] reads: manifests, glossaries, reports and statistics
/// files are far smaller; a larger one is the wrong file.
pub const MAX_TEXT_FILE: u64 = 1 << 30;

/// Reads a whole UTF-8 file (manifest, glossary, report, statistics), refusing other
/// encodings with a message that names them and invalid UTF-8 with its line; a leading
/// byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{}: is a directory", display_path(path)),
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > MAX_TEXT_FILE {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!(
                "{}: larger than {} MiB, more than a file of this kind holds",
                display_path(path),
                MAX_TEXT_FILE >> 20
            ),
        ));
    }
    // In these files a UTF-8 byte-order mark is not data (editors on Windows add one):
    // drop it silently. Only in scored text does it count, as sacreBLEU counts it.
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    utf8_text(path, bytes)
}

/// A hint for a line-count message: whether `path` ends its lines with a lone `\r`
/// (classic Mac OS), which makes it one long line. Reads at most 64 KiB.
pub fn line_end_hint(path: &Path) -> Option<String> {
    use std::io::Read;
    if path == Path::new("-") {
        return None;
    }
    let raw = open_raw(path).ok()?;
    let mut head = Vec::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(raw)
            .take(1 << 16)
            .read_to_end(&mut head)
            .ok()?;
    } else {
        raw.take(1 << 16).read_to_end(&mut head).ok()?;
    }
    let lf = memchr::memchr_iter(b'\n', &head).count();
    let lone_cr = head
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(head.last() == Some(&b'\r'));
    (lone_cr > lf).then(|| {
        format!(
            " ({} ends its lines with a lone CR, so it reads as one line: convert it with `tr '\\r' '\\n'`)",
            display_path(path)
        )
    })
}

/// The line-count mismatch error, with a line-end hint for either file.
pub fn line_counts_differ(a: &Path, na: usize, b: &Path, nb: usize) -> Error {
    let hint = line_end_hint(a)
        .or_else(|| line_end_hint(b))
        .unwrap_or_default();
    Error::new(
        ErrorKind::LengthMismatch,
        format!(
            "line counts differ: {} has {} but {} has {}{hint}",
            display_path(a),
            crate::error::count(na, "line"),
            display_path(b),
            crate::error::count(nb, "line")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 10, "Messages that mislead".
    #[test]
    fn utf16_is_named() {
        let p = Path::new("f.txt");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hi\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let e = sniff(p, &le).unwrap_err().to_string();
        assert!(e.contains("UTF-16") && e.contains("iconv"), "{e}");
        let no_bom: Vec<u8> = "hello\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(sniff(p, &no_bom).unwrap_err().to_string().contains("NUL"));
        assert!(sniff(p, "plain text\n".as_bytes()).is_ok());
    }

    #[test]
    fn invalid_utf8_has_its_line() {
        let e = utf8_text(Path::new("m.toml"), b"a = 1\nb = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.toml:2: invalid UTF-8 at byte 6 of the line"
        );
        assert_eq!(utf8_text(Path::new("x"), b"ok\n".to_vec()).unwrap(), "ok\n");
    }

    #[test]
    fn lone_cr_files_get_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let mac = dir.path().join("mac.txt");
        std::fs::write(&mac, "a\rb\rc\r").unwrap();
        let unix = dir.path().join("unix.txt");
        std::fs::write(&unix, "a\nb\nc\n").unwrap();
        let crlf = dir.path().join("dos.txt");
        std::fs::write(&crlf, "a\r\nb\r\n").unwrap();
        assert!(line_end_hint(&mac).unwrap().contains("lone CR"));
        assert!(line_end_hint(&unix).is_none());
        assert!(line_end_hint(&crlf).is_none());
        let e = line_counts_differ(&unix, 3, &mac, 1).to_string();
        assert!(e.contains("has 1 line (") || e.contains("lone CR"), "{e}");
    }
}
