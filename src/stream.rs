//! Streaming evaluation: line-aligned files read in blocks, statistics summed as they go.
//!
//! `mteval score` reads its files [`BLOCK`] lines at a time (the same block size as
//! [`crate::eval`]), prepares each block's references once, scores every system × metric
//! on the block in parallel, and adds the block's statistics to per-system sums in segment
//! order. Memory is bounded by one block of lines and reference n-grams, whatever the
//! corpus size; per-segment statistics are kept only when asked for (`--sentence-level`,
//! significance tests, or exactness of `--emit-stats` for TER with several references).
//!
//! Lines are read exactly as [`crate::corpus::TextFile::read`] does (split on `\n` only,
//! UTF-8 checked per line, `rstrip()`ed), with the same error messages.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::system_name;
use crate::error::{display_path, Error, ErrorKind, Result};
use crate::eval::{AnyMetric, SegmentStats};
use crate::metrics::bleu::BleuStats;
use crate::metrics::chrf::ChrfStats;
use crate::metrics::ter::TerStats;
use crate::metrics::Metric;
use crate::text::py_rstrip;

/// Segments per block.
pub const BLOCK: usize = 4096;

/// A line-aligned text stream read a block at a time.
pub struct LineReader {
    path: PathBuf,
    gz: bool,
    reader: Box<dyn BufRead + Send>,
    /// Lines read so far.
    lines: usize,
    buf: Vec<u8>,
}

impl LineReader {
    /// Opens `path` (`-` for stdin; `.gz` is decompressed).
    pub fn open(path: &Path) -> Result<LineReader> {
        let gz = path.extension().is_some_and(|e| e == "gz");
        let raw = crate::corpus::open_raw(path)?;
        let reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, raw)),
            ))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, raw))
        };
        Ok(LineReader {
            path: path.to_path_buf(),
            gz,
            reader,
            lines: 0,
            buf: Vec::new(),
        })
    }

    fn read_error(&self, e: std::io::Error) -> Error {
        if self.gz {
            Error::new(
                ErrorKind::BadInput,
                format!("{}: not a valid gzip file ({e})", self.path.display()),
            )
        } else {
            Error::io(&self.path, &e)
        }
    }

    /// Reads the next raw line (without its `\n`) into `self.buf`; `false` at the end.
    fn next_raw(&mut self) -> Result<bool> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| self.read_error(e))?;
        if n == 0 {
            return Ok(false);
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
        }
        self.lines += 1;
        Ok(true)
    }

    /// Replaces `out` with up to `n` next lines, `rstrip()`ed; returns how many were read.
    pub fn read_block(&mut self, n: usize, out: &mut Vec<String>) -> Result<usize> {
        out.clear();
        while out.len() < n && self.next_raw()? {
            let line = std::str::from_utf8(&self.buf).map_err(|e| {
                Error::new(
                    ErrorKind::BadInput,
                    format!(
                        "{}:{}: invalid UTF-8 at byte {} of the line",
                        display_path(&self.path),
                        self.lines,
                        e.valid_up_to() + 1
                    ),
                )
            })?;
            out.push(py_rstrip(line).to_string());
        }
        Ok(out.len())
    }

    /// Reads to the end and returns the total number of lines.
    fn count_all(&mut self) -> Result<usize> {
        while self.next_raw()? {}
        Ok(self.lines)
    }
}

/// Statistics of one system under one metric: the running sum and, if kept, every
/// segment's statistics.
#[derive(Debug, Clone)]
pub enum Acc {
    /// BLEU.
    Bleu(BleuStats, Option<Vec<BleuStats>>),
    /// chrF.
    Chrf(ChrfStats, Option<Vec<ChrfStats>>),
    /// TER.
    Ter(TerStats, Option<Vec<TerStats>>),
}

impl Acc {
    fn new(metric: &AnyMetric, keep: bool) -> Acc {
        match metric {
            AnyMetric::Bleu(_) => Acc::Bleu(Default::default(), keep.then(Vec::new)),
            AnyMetric::Chrf(_) => Acc::Chrf(Default::default(), keep.then(Vec::new)),
            AnyMetric::Ter(_) => Acc::Ter(Default::default(), keep.then(Vec::new)),
        }
    }

    /// Kept per-segment statistics, if any.
    pub fn segments(&self) -> Option<SegmentStats> {
        match self {
            Acc::Bleu(_, s) => s.clone().map(SegmentStats::Bleu),
            Acc::Chrf(_, s) => s.clone().map(SegmentStats::Chrf),
            Acc::Ter(_, s) => s.clone().map(SegmentStats::Ter),
        }
    }

    /// Takes the kept per-segment statistics, if any.
    pub fn take_segments(&mut self) -> Option<SegmentStats> {
        match self {
            Acc::Bleu(_, s) => s.take().map(SegmentStats::Bleu),
            Acc::Chrf(_, s) => s.take().map(SegmentStats::Chrf),
            Acc::Ter(_, s) => s.take().map(SegmentStats::Ter),
        }
    }
}

/// The outcome of streaming: for each metric, one accumulator per system, plus the
/// number of segments.
#[derive(Debug)]
pub struct Streamed {
    /// `acc[metric][system]`.
    pub acc: Vec<Vec<Acc>>,
    /// Segments read.
    pub segments: usize,
    /// System names (file stems), in order.
    pub systems: Vec<String>,
}

/// Scores `systems` against `refs` with every metric in one pass over the files.
/// `keep(metric_index)` says whether per-segment statistics of that metric are kept.
pub fn stream(
    metrics: &[AnyMetric],
    refs: &[PathBuf],
    systems: &[PathBuf],
    keep: impl Fn(usize) -> bool,
) -> Result<Streamed> {
    if refs.is_empty() {
        return Err(Error::config("no reference given (use -r FILE)"));
    }
    if systems.is_empty() {
        return Err(Error::config("no system output given (use -i FILE)"));
    }
    let paths: Vec<&PathBuf> = refs.iter().chain(systems).collect();
    let mut readers: Vec<LineReader> = paths
        .iter()
        .map(|p| LineReader::open(p))
        .collect::<Result<_>>()?;
    let names: Vec<String> = systems.iter().map(|p| system_name(p)).collect();
    let mut acc: Vec<Vec<Acc>> = metrics
        .iter()
        .enumerate()
        .map(|(i, m)| systems.iter().map(|_| Acc::new(m, keep(i))).collect())
        .collect();
    let mut blocks: Vec<Vec<String>> = vec![Vec::new(); readers.len()];
    let mut next: Vec<Vec<String>> = vec![Vec::new(); readers.len()];
    let mut segments = 0usize;
    let mut counts = read_blocks(&mut readers, &mut blocks)?;
    // Empty files are refused in the order given, as when files are read whole.
    for (c, p) in counts.iter().zip(&paths) {
        if *c == 0 {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("{}: file is empty", display_path(p)),
            ));
        }
    }
    let mut names_checked = false;
    loop {
        if let Some(j) = counts.iter().position(|&c| c != counts[0]) {
            let first = readers[0].count_all()?;
            let other = readers[j].count_all()?;
            return Err(Error::new(
                ErrorKind::LengthMismatch,
                format!(
                    "line counts differ: {} has {} lines but {} has {} lines",
                    display_path(paths[0]),
                    first,
                    display_path(paths[j]),
                    other
                ),
            ));
        }
        if !names_checked {
            check_names(systems, &names)?;
            names_checked = true;
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
                for (m, accs) in metrics.iter().zip(acc.iter_mut()) {
                    score_block(m, ref_blocks, sys_blocks, accs);
                }
            },
            || read_blocks(&mut readers, &mut next),
        );
        counts = read?;
        std::mem::swap(&mut blocks, &mut next);
    }
    Ok(Streamed {
        acc,
        segments,
        systems: names,
    })
}

fn read_blocks(readers: &mut [LineReader], blocks: &mut [Vec<String>]) -> Result<Vec<usize>> {
    readers
        .iter_mut()
        .zip(blocks.iter_mut())
        .map(|(r, b)| r.read_block(BLOCK, b))
        .collect()
}

fn score_block(m: &AnyMetric, refs: &[Vec<String>], systems: &[Vec<String>], accs: &mut [Acc]) {
    match m {
        AnyMetric::Bleu(m) => block_with(m, refs, systems, accs, |a| match a {
            Acc::Bleu(s, k) => (s, k.as_mut()),
            _ => unreachable!("accumulators match their metric"),
        }),
        AnyMetric::Chrf(m) => block_with(m, refs, systems, accs, |a| match a {
            Acc::Chrf(s, k) => (s, k.as_mut()),
            _ => unreachable!("accumulators match their metric"),
        }),
        AnyMetric::Ter(m) => block_with(m, refs, systems, accs, |a| match a {
            Acc::Ter(s, k) => (s, k.as_mut()),
            _ => unreachable!("accumulators match their metric"),
        }),
    }
}

fn check_names(systems: &[PathBuf], names: &[String]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for (p, n) in systems.iter().zip(names) {
        if !seen.insert(n) {
            return Err(Error::config(format!(
                "two systems are named '{n}' ({}); give files distinct names",
                display_path(p)
            )));
        }
    }
    Ok(())
}

/// Scores one block with one metric and adds it to every system's accumulator, in
/// segment order (so sums are the same as one sequential pass, whatever the threads).
fn block_with<M: Metric>(
    metric: &M,
    refs: &[Vec<String>],
    systems: &[Vec<String>],
    accs: &mut [Acc],
    parts: impl Fn(&mut Acc) -> (&mut M::Stats, Option<&mut Vec<M::Stats>>),
) {
    let n = refs[0].len();
    let infos: Vec<M::RefInfo> = (0..n)
        .into_par_iter()
        .map(|i| {
            let r: Vec<&str> = refs.iter().map(|s| s[i].as_str()).collect();
            metric.prepare_refs(&r)
        })
        .collect();
    for (sys, a) in systems.iter().zip(accs) {
        let stats: Vec<M::Stats> = sys
            .par_iter()
            .zip(infos.par_iter())
            .map(|(h, r)| metric.segment_stats(h, r))
            .collect();
        let (sum, kept) = parts(a);
        for s in &stats {
            *sum += s;
        }
        if let Some(k) = kept {
            k.extend(stats);
        }
    }
}

/// The corpus score of an accumulator's summed statistics.
pub fn score(metric: &AnyMetric, acc: &Acc) -> crate::metrics::Score {
    match (metric, acc) {
        (AnyMetric::Bleu(m), Acc::Bleu(s, _)) => m.score(s),
        (AnyMetric::Chrf(m), Acc::Chrf(s, _)) => m.score(s),
        (AnyMetric::Ter(m), Acc::Ter(s, _)) => m.score(s),
        _ => unreachable!("accumulators match their metric"),
    }
}

/// No per-segment statistics, of the metric's kind.
pub fn empty_stats(metric: &AnyMetric) -> SegmentStats {
    match metric {
        AnyMetric::Bleu(_) => SegmentStats::Bleu(Vec::new()),
        AnyMetric::Chrf(_) => SegmentStats::Chrf(Vec::new()),
        AnyMetric::Ter(_) => SegmentStats::Ter(Vec::new()),
    }
}
