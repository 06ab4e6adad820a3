//! The significance step: bootstrap intervals and paired tests for every system of one
//! [`Evaluation`], with the signature recording the test, shared by `mteval score` and
//! `mteval run` so both give the same numbers for the same data.
//!
//! As sacreBLEU's CLI (`sacrebleu/utils.py::print_results_table`, `significance.py`):
//! `-ci` gives each system a bootstrap mean and 95 % interval; the paired bootstrap gives
//! each system its mean and interval from the paired resamples and a p-value against the
//! baseline; approximate randomisation gives p-values only. The signature gains
//! `bs:<n>|seed:<s>` or `ar:<n>|seed:<s>` after `nrefs`.

use crate::metrics::Signature;
use crate::registry::Evaluation;
use crate::significance::{Estimate, PairedConfig, PairedTest, Resampling, SigResult};

/// One system's resampling results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tested {
    /// The bootstrap mean and interval.
    pub estimate: Estimate,
    /// The p-value against the baseline: `Some(None)` for the baseline itself, `None`
    /// without a paired test.
    pub p_value: Option<Option<f64>>,
}

impl Tested {
    fn from(r: &SigResult, p_value: Option<Option<f64>>) -> Tested {
        Tested {
            estimate: r.estimate,
            p_value,
        }
    }
}

/// Resamples every system of `ev` as `r` asks, paired tests against system `baseline`;
/// `signature` is the metric's corpus signature, returned with the test recorded.
/// Systems whose segments were not kept get no interval.
pub fn annotate(
    ev: &Evaluation,
    r: &Resampling,
    baseline: usize,
    signature: &Signature,
) -> (Signature, Vec<Tested>) {
    let mut rows = vec![Tested::default(); ev.systems()];
    let mut out = signature.clone();
    if let Some(n) = r.confidence {
        for (i, row) in rows.iter_mut().enumerate() {
            if let Some(ci) = ev.bootstrap_ci(i, n, r.seed) {
                *row = Tested::from(&ci, None);
            }
        }
        out = signature.clone().with_resampling("bs", n, r.seed);
    }
    if let Some((test, n)) = r.paired {
        let cfg = PairedConfig {
            n_samples: n,
            seed: r.seed,
            sacrebleu_p: r.sacrebleu_p,
        };
        let others: Vec<usize> = (0..ev.systems()).filter(|&i| i != baseline).collect();
        let outcome = ev.paired(test, baseline, &others, &cfg);
        let results = std::iter::once((baseline, &outcome.baseline))
            .chain(others.iter().copied().zip(&outcome.systems));
        for (i, res) in results {
            let p = Some(if i == baseline { None } else { res.p_value });
            if test == PairedTest::Bs {
                // The paired bootstrap reports each system's mean and interval from the
                // same resamples.
                rows[i] = Tested::from(res, p);
            } else {
                rows[i].p_value = p;
            }
        }
        let key = match test {
            PairedTest::Bs => "bs",
            PairedTest::Ar => "ar",
        };
        out = signature.clone().with_resampling(key, n, r.seed);
    }
    (out, rows)
}
