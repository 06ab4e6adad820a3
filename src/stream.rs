//! Streaming evaluation: line-aligned files read in blocks, statistics summed as they go.
//!
//! `mteval score` reads its files [`BLOCK`] lines at a time into one string per file
//! ([`Lines`]), reading the next block while the current one is scored. Each block is
//! scored with [`Evaluation::add_segments`] (every system × metric, segments in parallel,
//! each segment's references prepared once for all systems) and its statistics are added
//! to per-system sums in segment order. Memory is bounded by two blocks of lines, whatever
//! the corpus size; per-segment statistics are kept only when asked for
//! (`--sentence-level`, significance tests, or exactness of `--emit-stats` for TER with
//! several references).
//!
//! This is mteval's one reader of line-aligned text: [`crate::corpus::TextFile::read`]
//! collects its blocks for `mteval run`. Lines follow sacreBLEU's CLI: split on `\n` only
//! (a CRLF line keeps its `\r` until `rstrip`, U+2028 does not split), UTF-8 checked per
//! line, Python's `rstrip()` applied; a final `\n` does not start another line.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::registry::{AnyMetric, Evaluation};
use crate::text::py_rstrip;

/// Segments per block.
pub const BLOCK: usize = 4096;

/// Lines of one block, stored in one string (one allocation per block, reused).
#[derive(Debug, Default, Clone)]
pub struct Lines {
    text: String,
    /// Byte range of each line in `text`, already `rstrip()`ed.
    spans: Vec<(usize, usize)>,
}

impl Lines {
    /// The number of lines.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there is no line.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Line `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.text[a..b]
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    fn push(&mut self, line: &str) {
        let line = py_rstrip(line);
        let a = self.text.len();
        self.text.push_str(line);
        self.spans.push((a, self.text.len()));
    }
}

/// Every line of `path` (`-`: stdin), read by [`LineReader`]: sacreBLEU's line rules
/// and mteval's checks of the encoding, in one implementation.
pub fn read_lines(path: &Path) -> Result<Vec<String>> {
    let mut reader = LineReader::open(path)?;
    let mut block = Lines::default();
    let mut lines = Vec::new();
    while reader.read_block(BLOCK, &mut block)? > 0 {
        lines.extend((0..block.len()).map(|i| block.get(i).to_string()));
    }
    Ok(lines)
}

/// A line-aligned text stream read a block at a time.
pub struct LineReader {
    path: PathBuf,
    gz: bool,
    reader: Box<dyn BufRead + Send>,
    /// Lines read so far.
    lines: usize,
    /// The start of a line that runs past the reader's buffer.
    carry: Vec<u8>,
}

impl LineReader {
    /// Opens `path` (`-` for stdin; `.gz` is decompressed).
    pub fn open(path: &Path) -> Result<LineReader> {
        let gz = path.extension().is_some_and(|e| e == "gz");
        let raw = crate::encoding::open_raw(path)?;
        let reader: Box<dyn std::io::Read + Send> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
                1 << 16,
                raw,
            )))
        } else {
            raw
        };
        LineReader::from_reader(path, reader, gz, 1 << 16)
    }

    /// A reader over any byte stream, `path` naming it in messages (`gz`: errors are
    /// reported as a corrupt gzip file), buffered `capacity` bytes at a time. The first
    /// [`crate::encoding::HEAD`] bytes are checked before any line is read
    /// ([`crate::encoding::sniff`]), so the check does not depend on how reads split.
    pub fn from_reader(
        path: &Path,
        mut reader: Box<dyn std::io::Read + Send>,
        gz: bool,
        capacity: usize,
    ) -> Result<LineReader> {
        use std::io::Read;
        let mut head = Vec::with_capacity(crate::encoding::HEAD);
        (&mut reader)
            .take(crate::encoding::HEAD as u64)
            .read_to_end(&mut head)
            .map_err(|e| Self::read_error(path, gz, &e))?;
        crate::encoding::sniff(path, &head)?;
        let reader = std::io::Cursor::new(head).chain(reader);
        Ok(LineReader {
            path: path.to_path_buf(),
            gz,
            reader: Box::new(BufReader::with_capacity(capacity.max(1), reader)),
            lines: 0,
            carry: Vec::new(),
        })
    }

    fn read_error(path: &Path, gz: bool, e: &std::io::Error) -> Error {
        if gz {
            Error::new(
                ErrorKind::BadInput,
                format!("{}: not a valid gzip file ({e})", display_path(path)),
            )
        } else {
            Error::io(path, e)
        }
    }

    /// The reader's buffered bytes, refilled if empty (empty at the end of input).
    /// A free-standing borrow of `reader` only, so the caller can still update the
    /// other fields while holding the bytes.
    fn fill<'r>(reader: &'r mut (dyn BufRead + Send), path: &Path, gz: bool) -> Result<&'r [u8]> {
        loop {
            match reader.fill_buf() {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Self::read_error(path, gz, &e)),
                // End of input: not asked again (a terminal would wait for another ^D).
                Ok([]) => return Ok(&[]),
                Ok(_) => break,
            }
        }
        // Bytes are buffered now: this call returns them without I/O. (Returning them
        // from the loop above is rejected by today's borrow checker.)
        reader.fill_buf().map_err(|e| Error::io(path, &e))
    }

    /// Checks one raw line (without its `\n`) and appends it to `out`. UTF-8 is checked
    /// with a SIMD validator; only an invalid line goes through `std` for the error position.
    fn take_line(path: &Path, number: usize, raw: &[u8], out: &mut Lines) -> Result<()> {
        match simdutf8::basic::from_utf8(raw) {
            Ok(line) => {
                out.push(line);
                Ok(())
            }
            Err(_) => Err(crate::encoding::invalid_utf8(path, number, raw)),
        }
    }

    /// Replaces `out` with up to `n` next lines, `rstrip()`ed; returns how many were read.
    /// Lines are split on `\n` only; a final `\n` does not start another line.
    pub fn read_block(&mut self, n: usize, out: &mut Lines) -> Result<usize> {
        out.clear();
        while out.len() < n {
            let avail = Self::fill(&mut *self.reader, &self.path, self.gz)?;
            if avail.is_empty() {
                // End of input: a last line without `\n`.
                if !self.carry.is_empty() {
                    self.lines += 1;
                    let raw = std::mem::take(&mut self.carry);
                    Self::take_line(&self.path, self.lines, &raw, out)?;
                }
                break;
            }
            let mut used = 0;
            while out.len() < n {
                let rest = &avail[used..];
                let Some(end) = memchr::memchr(b'\n', rest) else {
                    self.carry.extend_from_slice(rest);
                    used = avail.len();
                    break;
                };
                self.lines += 1;
                if self.carry.is_empty() {
                    Self::take_line(&self.path, self.lines, &rest[..end], out)?;
                } else {
                    self.carry.extend_from_slice(&rest[..end]);
                    Self::take_line(&self.path, self.lines, &self.carry, out)?;
                    self.carry.clear();
                }
                used += end + 1;
            }
            self.reader.consume(used);
        }
        Ok(out.len())
    }

    /// Reads to the end and returns the total number of lines.
    pub fn count_all(&mut self) -> Result<usize> {
        loop {
            let avail = Self::fill(&mut *self.reader, &self.path, self.gz)?;
            if avail.is_empty() {
                if !self.carry.is_empty() {
                    self.carry.clear();
                    self.lines += 1;
                }
                return Ok(self.lines);
            }
            let len = avail.len();
            self.lines += memchr::memchr_iter(b'\n', avail).count();
            // Only whether a partial last line exists matters here.
            self.carry.clear();
            if avail[len - 1] != b'\n' {
                self.carry.push(0);
            }
            self.reader.consume(len);
        }
    }
}

/// The outcome of streaming: every system's statistics under each metric, plus the
/// number of segments.
#[derive(Debug)]
pub struct Streamed {
    /// One evaluation per metric, in the order given.
    pub evaluations: Vec<Evaluation>,
    /// Segments read.
    pub segments: usize,
    /// System names ([`crate::naming`]), in order.
    pub systems: Vec<String>,
    /// With `digest`: the SHA-256 of every file's lines (each `rstrip()`ed and ended by
    /// `\n`), references first, then systems. Identifies a shard in `--emit-stats`.
    pub digests: Option<Vec<[u8; 32]>>,
}

fn hash_blocks(hashers: &mut Option<Vec<sha2::Sha256>>, blocks: &[Lines]) {
    use sha2::Digest;
    if let Some(hs) = hashers {
        for (h, b) in hs.iter_mut().zip(blocks) {
            for i in 0..b.len() {
                h.update(b.get(i).as_bytes());
                h.update(b"\n");
            }
        }
    }
}

/// Opens the reference files, then the system files, for [`stream_readers`].
pub fn open_all(refs: &[PathBuf], systems: &[PathBuf]) -> Result<Vec<LineReader>> {
    if refs.is_empty() {
        return Err(Error::config("no reference given (use -r FILE)"));
    }
    if systems.is_empty() {
        return Err(Error::config("no system output given (use -i FILE)"));
    }
    refs.iter()
        .chain(systems)
        .map(|p| LineReader::open(p))
        .collect()
}

/// Scores `systems` against `refs` with every metric in one pass over the files.
/// `keep(metric_index)` says whether per-segment statistics of that metric are kept.
pub fn stream(
    metrics: &[AnyMetric],
    refs: &[PathBuf],
    systems: &[PathBuf],
    names: &[String],
    digest: bool,
    keep: impl Fn(usize) -> bool,
) -> Result<Streamed> {
    let readers = open_all(refs, systems)?;
    stream_readers(metrics, readers, refs, systems, names, digest, keep)
}

/// [`stream`] over readers already open: one per reference, then one per system, in the
/// order of `refs` and `systems` (whose paths name them in messages).
pub fn stream_readers(
    metrics: &[AnyMetric],
    mut readers: Vec<LineReader>,
    refs: &[PathBuf],
    systems: &[PathBuf],
    names: &[String],
    digest: bool,
    keep: impl Fn(usize) -> bool,
) -> Result<Streamed> {
    if refs.is_empty() {
        return Err(Error::config("no reference given (use -r FILE)"));
    }
    if systems.is_empty() {
        return Err(Error::config("no system output given (use -i FILE)"));
    }
    if readers.len() != refs.len() + systems.len() {
        return Err(Error::config(format!(
            "{} streams given for {} references and {} systems",
            readers.len(),
            refs.len(),
            systems.len()
        )));
    }
    let paths: Vec<&PathBuf> = refs.iter().chain(systems).collect();
    let names = names.to_vec();
    let mut evaluations: Vec<Evaluation> = metrics
        .iter()
        .enumerate()
        .map(|(i, m)| m.evaluation(systems.len(), keep(i)))
        .collect();
    let mut blocks: Vec<Lines> = vec![Lines::default(); readers.len()];
    let mut next: Vec<Lines> = vec![Lines::default(); readers.len()];
    let mut segments = 0usize;
    let mut counts = read_blocks(&mut readers, &mut blocks)?;
    let mut hashers: Option<Vec<sha2::Sha256>> =
        digest.then(|| vec![<sha2::Sha256 as sha2::Digest>::new(); readers.len()]);
    hash_blocks(&mut hashers, &blocks);
    // Empty files are refused in the order given, as when files are read whole.
    for (c, p) in counts.iter().zip(&paths) {
        if *c == 0 {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("{}: file is empty", display_path(p)),
            ));
        }
    }
    loop {
        if let Some(j) = counts.iter().position(|&c| c != counts[0]) {
            let first = readers[0].count_all()?;
            let other = readers[j].count_all()?;
            return Err(crate::encoding::line_counts_differ(
                paths[0], first, paths[j], other,
            ));
        }
        let n = counts[0];
        if n == 0 {
            break;
        }
        segments += n;
        // Score this block while the next one is read.
        let (ref_blocks, sys_blocks) = blocks.split_at(refs.len());
        let ((), read) = rayon::join(
            || {
                for ev in &mut evaluations {
                    ev.add_segments(
                        n,
                        &|i, buf| buf.extend(ref_blocks.iter().map(|r| r.get(i))),
                        &|s, i| sys_blocks[s].get(i),
                    );
                }
            },
            || {
                let counts = read_blocks(&mut readers, &mut next)?;
                hash_blocks(&mut hashers, &next);
                Ok::<_, Error>(counts)
            },
        );
        counts = read?;
        std::mem::swap(&mut blocks, &mut next);
    }
    for ev in &evaluations {
        ev.check_segments(segments)?;
    }
    Ok(Streamed {
        evaluations,
        segments,
        systems: names,
        digests: hashers.map(|hs| {
            hs.into_iter()
                .map(|h| <sha2::Sha256 as sha2::Digest>::finalize(h).into())
                .collect()
        }),
    })
}

fn read_blocks(readers: &mut [LineReader], blocks: &mut [Lines]) -> Result<Vec<usize>> {
    readers
        .iter_mut()
        .zip(blocks.iter_mut())
        .map(|(r, b)| r.read_block(BLOCK, b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::TextFile;

    fn read_all(path: &Path, block: usize) -> Result<Vec<String>> {
        let mut r = LineReader::open(path)?;
        let mut lines = Lines::default();
        let mut all = Vec::new();
        while r.read_block(block, &mut lines)? > 0 {
            all.extend((0..lines.len()).map(|i| lines.get(i).to_string()));
        }
        Ok(all)
    }

    fn lines_of(bytes: &[u8]) -> Vec<String> {
        let mut r = LineReader::from_reader(
            Path::new("t"),
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            false,
            3,
        )
        .unwrap();
        let mut lines = Lines::default();
        let mut all = Vec::new();
        while r.read_block(2, &mut lines).unwrap() > 0 {
            all.extend((0..lines.len()).map(|i| lines.get(i).to_string()));
        }
        all
    }

    #[test]
    fn splits_on_newline_only_and_rstrips() {
        assert_eq!(lines_of(b"a\r\nb\rc\n"), ["a", "b\rc"]);
        assert_eq!(lines_of("x\u{2028}y\n".as_bytes()), ["x\u{2028}y"]);
        assert_eq!(lines_of(b"a\n\nb"), ["a", "", "b"]);
        assert_eq!(lines_of(b"\n"), [""]);
        assert!(lines_of(b"").is_empty());
        assert_eq!(lines_of(" lead  \u{a0}\n".as_bytes()), [" lead"]);
        assert_eq!(lines_of("\u{feff}bom\n".as_bytes()), ["\u{feff}bom"]);
    }

    /// The block reader agrees with the plain oracle ([`crate::fuzz::line_reader`]
    /// asserts it) on lines that straddle the read buffer, CRLF, Python whitespace, a
    /// missing final newline and empty lines, for several buffer and block sizes; and
    /// the whole-file form reads the same lines.
    #[test]
    fn blocks_equal_the_oracle() {
        let dir = tempfile::tempdir().unwrap();
        let long = "ক".repeat(40_000); // 120 kB: longer than the read buffer
        let cases: Vec<String> = vec![
            format!("a\n{long}\nb \r\n\n\u{a0}x\u{1f}\n{long}x"),
            format!("{long}\n\n\n"),
            "only".to_string(),
            "\n".to_string(),
            format!("x\n{}y\n", "z".repeat(65_535)),
        ];
        for (k, text) in cases.iter().enumerate() {
            for knob in [0x00u8, 0x11, 0xf3, 0x7f] {
                let mut data = vec![knob];
                data.extend(text.as_bytes());
                crate::fuzz::line_reader(&data);
            }
            let p = dir.path().join(format!("{k}.txt"));
            std::fs::write(&p, text).unwrap();
            let oracle = crate::fuzz::split_lines(&p, text.as_bytes()).unwrap();
            assert_eq!(TextFile::read(&p).unwrap().lines, oracle, "case {k}");
            for block in [1, 2, 4096] {
                assert_eq!(
                    read_all(&p, block).unwrap(),
                    oracle,
                    "case {k}, block {block}"
                );
            }
            let mut r = LineReader::open(&p).unwrap();
            let mut lines = Lines::default();
            r.read_block(1, &mut lines).unwrap();
            assert_eq!(r.count_all().unwrap(), oracle.len(), "count, case {k}");
        }
    }

    #[test]
    fn invalid_utf8_names_file_line_and_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.txt");
        let mut bytes = b"ok\n".to_vec();
        bytes.extend("ক".repeat(30_000).as_bytes());
        bytes.extend(b"\xff tail\nlast\n");
        std::fs::write(&p, &bytes).unwrap();
        let oracle = crate::fuzz::split_lines(&p, &bytes)
            .unwrap_err()
            .to_string();
        let streamed = read_all(&p, 4096).unwrap_err().to_string();
        assert_eq!(streamed, oracle);
        assert!(
            streamed.ends_with("bad.txt:2: invalid UTF-8 at byte 90001 of the line"),
            "{streamed}"
        );
    }
}
