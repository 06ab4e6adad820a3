//! Scoring segments: the one loop every command scores with.
//!
//! [`block_stats`] scores a run of segments for every system with one metric. The
//! registry's `Evaluation::add_segments` adds its results to each system's statistics:
//! `mteval score` feeds it blocks of lines as it streams the files, `mteval run` whole
//! test sets already in memory (its entity checks and reports need the text too).
//! Segments are scored in parallel with rayon and collected in segment order, so the
//! statistics (and every sum over them) are the same whatever the thread count.

use rayon::prelude::*;

use crate::metrics::TextMetric;

/// Segments per rayon task. A task prepares each segment's references into one buffer
/// (reused across the tasks a thread runs) and scores every system on that segment right
/// away, so nothing is allocated per segment and reference n-grams live for one segment.
const CHUNK: usize = 64;

/// Statistics of every system on segments `0..n`, in segment order (`out[system][segment]`),
/// whatever the thread count. `refs(i, buf)` pushes segment `i`'s references onto `buf`;
/// `hyp(s, i)` is line `i` of system `s`.
pub fn block_stats<'a, M: TextMetric>(
    metric: &M,
    n: usize,
    systems: usize,
    refs: impl Fn(usize, &mut Vec<&'a str>) + Sync,
    hyp: impl Fn(usize, usize) -> &'a str + Sync,
) -> Vec<Vec<M::Stats>> {
    let chunks: Vec<Vec<M::Stats>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(M::RefInfo::default, |info, c| {
            let mut r: Vec<&str> = Vec::new();
            let segments = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut out = Vec::with_capacity(segments.len() * systems);
            for i in segments {
                r.clear();
                refs(i, &mut r);
                metric.prepare_refs_into(&r, info);
                out.extend((0..systems).map(|s| metric.segment_stats(hyp(s, i), info)));
            }
            out
        })
        .collect();
    let mut per_system: Vec<Vec<M::Stats>> = (0..systems).map(|_| Vec::with_capacity(n)).collect();
    for chunk in chunks {
        for (k, st) in chunk.into_iter().enumerate() {
            per_system[k % systems].push(st);
        }
    }
    per_system
}
