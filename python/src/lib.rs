//! `mteval._mteval`: the Rust engine under the Python package `mteval` (`python/mteval/`).
//!
//! The package gives sacreBLEU 2.6.0's API (`BLEU`, `CHRF`, `TER`, `corpus_bleu`, …,
//! `significance.PairedTest`); this module gives it mteval's one evaluation path, the
//! same one `mteval score` and `mteval run` use:
//!
//! ```text
//! Engine(key, options)            -> registry::AnyMetric::build (the CLI's metric options)
//! References(streams)             -> per-segment reference lists (sacreBLEU's layout in)
//! Engine.evaluate(systems, refs)  -> registry::Evaluation::add_segments (parallel, GIL released)
//! Evaluated.score / segment_scores / bootstrap_ci / paired
//!                                 -> Evaluation's scores, numpy-exact intervals and tests
//! Engine.pairwise(hyps, refs)     -> one score per (hypothesis, pseudo-reference) pair (MBR)
//! ```
//!
//! Shapes: `systems` is a list of systems, each a list of hypothesis strings (one per
//! segment); reference `streams` are sacreBLEU's layout, a list of reference streams,
//! each a list with one string (or `None`: no reference for that segment) per segment.
//! Scores are on sacreBLEU's 0–100 scale. Errors: `ValueError` for inputs of unequal
//! length and invalid options, `NotImplementedError` for sacreBLEU options mteval does
//! not have yet, `OSError` for a missing MeCab dictionary or SentencePiece model, `IndexError` for a system index
//! out of range.

use pyo3::exceptions::{PyIndexError, PyNotImplementedError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use mteval::metrics::bleu::{Bleu, BleuStats, Orders, Smooth, ORDER_LIMIT};
use mteval::metrics::settings::MetricSettings;
use mteval::metrics::{short_key, Score, ScoreDetails, TextMetric};
use mteval::registry::{AnyMetric, Evaluation};
use mteval::significance::{PairedConfig, PairedTest, SigResult};
use mteval::ErrorKind;

/// An mteval error as the Python exception of its kind.
fn to_py(e: mteval::Error) -> PyErr {
    match e.kind() {
        ErrorKind::Unsupported => PyNotImplementedError::new_err(e.to_string()),
        // A missing or unreadable dictionary or model file.
        ErrorKind::Io => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// A configured metric: BLEU, chrF/chrF++ or TER with sacreBLEU's options.
#[pyclass(frozen, module = "mteval._mteval")]
struct Engine {
    metric: AnyMetric,
}

/// Reference segments: each segment's references (streams transposed, `None` dropped).
#[pyclass(frozen, module = "mteval._mteval")]
struct References {
    segments: Vec<Vec<String>>,
    /// References per segment when every segment has the same number, else `None`
    /// (sacreBLEU's `nrefs:var`).
    nrefs: Option<usize>,
}

#[pymethods]
impl References {
    /// Transposes sacreBLEU's reference streams into segments. Every stream must have
    /// the same number of segments (sacreBLEU's `zip` silently drops the extra ones), and
    /// every segment at least one reference that is not `None` (sacreBLEU fails there
    /// with a `TypeError`, `IndexError` or `ZeroDivisionError` from inside its metrics).
    #[new]
    fn new(streams: Vec<Vec<Option<String>>>) -> PyResult<References> {
        let Some(first) = streams.first() else {
            return Err(PyValueError::new_err("no reference streams were given"));
        };
        let n = first.len();
        if let Some((k, s)) = streams.iter().enumerate().find(|(_, s)| s.len() != n) {
            return Err(PyValueError::new_err(format!(
                "reference stream {} has {} segments but stream 1 has {n}",
                k + 1,
                s.len()
            )));
        }
        let mut segments: Vec<Vec<String>> = (0..n).map(|_| Vec::new()).collect();
        for stream in streams {
            for (seg, r) in segments.iter_mut().zip(stream) {
                seg.extend(r);
            }
        }
        if let Some(i) = segments.iter().position(|s| s.is_empty()) {
            return Err(PyValueError::new_err(format!(
                "segment {} has no reference: every reference stream has None there",
                i + 1
            )));
        }
        let nrefs = segments.first().map_or(Some(0), |s| {
            let c = s.len();
            segments.iter().all(|x| x.len() == c).then_some(c)
        });
        Ok(References { segments, nrefs })
    }

    fn __len__(&self) -> usize {
        self.segments.len()
    }

    /// Streams that give these segments back (pickle, `copy.deepcopy`): stream `k` holds
    /// each segment's `k`-th reference, `None` where a segment has fewer.
    fn __getnewargs__(&self) -> (Vec<Vec<Option<String>>>,) {
        let width = self.segments.iter().map(Vec::len).max().unwrap_or(0);
        let streams = (0..width)
            .map(|k| self.segments.iter().map(|s| s.get(k).cloned()).collect())
            .collect();
        (streams,)
    }

    /// References per segment, or `None` when it varies.
    #[getter]
    fn nrefs(&self) -> Option<usize> {
        self.nrefs
    }
}

#[pymethods]
impl Engine {
    /// Builds `key` (`bleu`, `chrf`, `ter`) with sacreBLEU's constructor options. chrF's
    /// `lowercase` and BLEU's `lowercase` are the same argument, as in sacreBLEU's
    /// classes; `word_order` 2 is chrF++.
    #[new]
    #[pyo3(signature = (key, *, tokenize=None, trg_lang=None, mecab_dic=None, spm_model=None, lowercase=false,
        smooth_method="exp", smooth_value=None, effective_order=false, max_ngram_order=4, char_order=6,
        word_order=0, beta=2, whitespace=false, eps_smoothing=false, normalized=false,
        no_punct=false, asian_support=false, case_sensitive=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        key: &str,
        tokenize: Option<String>,
        trg_lang: Option<String>,
        mecab_dic: Option<std::path::PathBuf>,
        spm_model: Option<std::path::PathBuf>,
        lowercase: bool,
        smooth_method: &str,
        smooth_value: Option<f64>,
        effective_order: bool,
        max_ngram_order: usize,
        char_order: usize,
        word_order: usize,
        beta: u32,
        whitespace: bool,
        eps_smoothing: bool,
        normalized: bool,
        no_punct: bool,
        asian_support: bool,
        case_sensitive: bool,
    ) -> PyResult<Engine> {
        if !matches!(key, "bleu" | "chrf" | "ter") {
            return Err(PyValueError::new_err(format!(
                "unknown metric '{key}' (expected bleu, chrf or ter)"
            )));
        }
        let settings = MetricSettings {
            tokenize,
            target_lang: trg_lang.filter(|l| !l.is_empty()),
            tokenizer_models: mteval::tokenize::ModelPaths::for_one_tokenizer(mecab_dic, spm_model),
            smooth_method: smooth_method.to_string(),
            smooth_value,
            bleu_lowercase: lowercase,
            chrf_char_order: char_order,
            chrf_word_order: word_order,
            chrf_beta: beta,
            chrf_whitespace: whitespace,
            chrf_lowercase: lowercase,
            chrf_eps_smoothing: eps_smoothing,
            ter_normalized: normalized,
            ter_no_punct: no_punct,
            ter_asian_support: asian_support,
            ter_case_sensitive: case_sensitive,
        };
        let mut metric = AnyMetric::build(&[key.to_string()], &settings)
            .map_err(to_py)?
            .remove(0);
        if let AnyMetric::Bleu(b) = &mut metric {
            b.effective_order = effective_order;
            b.max_order = bleu_order(max_ngram_order)?;
        }
        Ok(Engine { metric })
    }

    /// sacreBLEU's name of the metric: `BLEU`, `chrF2`, `chrF2++`, `TER`.
    fn name(&self) -> String {
        self.metric.name()
    }

    /// The metric's own signature entries, in order, as `(key, short key, value)`
    /// (`("tok", "tok", "13a")`); `nrefs` and `version` are the caller's.
    fn signature_entries(&self) -> Vec<(String, String, String)> {
        let sig = self.metric.signature(1);
        let is_ter = matches!(self.metric, AnyMetric::Ter(_));
        sig.entries()
            .filter(|(k, _)| *k != "nrefs")
            .map(|(k, v)| {
                (
                    k.to_string(),
                    short_key(k, is_ter).to_string(),
                    v.to_string(),
                )
            })
            .collect()
    }

    /// Statistics of every system against `refs`, segments scored in parallel with the
    /// GIL released. `keep` keeps every segment's statistics (for segment scores,
    /// intervals and paired tests). `ValueError` when a system's length differs from
    /// the references'.
    fn evaluate(
        &self,
        py: Python<'_>,
        systems: Vec<Vec<String>>,
        refs: &References,
        keep: bool,
    ) -> PyResult<Evaluated> {
        let n = refs.segments.len();
        if let Some((k, s)) = systems.iter().enumerate().find(|(_, s)| s.len() != n) {
            return Err(PyValueError::new_err(format!(
                "{} has {} segments but the references have {n}",
                if systems.len() == 1 {
                    "the hypothesis stream".to_string()
                } else {
                    format!("system {}", k + 1)
                },
                s.len()
            )));
        }
        let mut ev = self.metric.evaluation(systems.len(), keep);
        py.detach(|| {
            ev.add_segments(
                n,
                &|i, buf| buf.extend(refs.segments[i].iter().map(String::as_str)),
                &|s, i| systems[s][i].as_str(),
            )
        });
        Ok(Evaluated {
            ev,
            segments: n,
            keep,
        })
    }

    /// MBR's utility matrix: for each source `k`, the score of every hypothesis
    /// `hypotheses[k][i]` against every pseudo-reference `references[k][j]` alone, as
    /// `sentence_score` gives it (`out[k][i][j]`). Sources run in parallel with the GIL
    /// released; each pseudo-reference is prepared once per source.
    fn pairwise(
        &self,
        py: Python<'_>,
        hypotheses: Vec<Vec<String>>,
        references: Vec<Vec<String>>,
    ) -> PyResult<Vec<Vec<Vec<f64>>>> {
        if hypotheses.len() != references.len() {
            return Err(PyValueError::new_err(format!(
                "{} lists of hypotheses but {} lists of references",
                hypotheses.len(),
                references.len()
            )));
        }
        Ok(py.detach(|| match &self.metric {
            AnyMetric::Bleu(m) => pairwise(m, &hypotheses, &references),
            AnyMetric::Chrf(m) => pairwise(m, &hypotheses, &references),
            AnyMetric::Ter(m) => pairwise(m, &hypotheses, &references),
            AnyMetric::External(_) => unreachable!("Engine::new builds text metrics only"),
        }))
    }
}

/// The pairwise matrix of one text metric (see [`Engine::pairwise`]).
fn pairwise<M: TextMetric>(
    m: &M,
    hypotheses: &[Vec<String>],
    references: &[Vec<String>],
) -> Vec<Vec<Vec<f64>>> {
    hypotheses
        .par_iter()
        .zip(references)
        .map(|(hyps, refs)| {
            let prepared: Vec<M::RefInfo> =
                refs.iter().map(|r| m.prepare_refs(&[r.as_str()])).collect();
            hyps.iter()
                .map(|h| {
                    prepared
                        .iter()
                        .map(|info| m.score(&m.segment_stats(h, info)).score)
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Statistics of every system under one metric ([`Engine::evaluate`]).
#[pyclass(frozen, module = "mteval._mteval")]
struct Evaluated {
    ev: Evaluation,
    segments: usize,
    /// Whether every segment's statistics were kept.
    keep: bool,
}

impl Evaluated {
    fn check(&self, i: usize) -> PyResult<()> {
        if i >= self.ev.systems() {
            return Err(PyIndexError::new_err(format!(
                "system {i} out of range ({} systems)",
                self.ev.systems()
            )));
        }
        Ok(())
    }

    fn kept(&self, what: &str) -> PyResult<()> {
        if !self.keep {
            return Err(PyValueError::new_err(format!(
                "{what} needs the segment statistics: evaluate with keep=True"
            )));
        }
        Ok(())
    }
}

/// A significance result as `(score, p_value, mean, ci)`.
type ResultTuple = (f64, Option<f64>, Option<f64>, Option<f64>);

fn result_tuple(r: &SigResult) -> ResultTuple {
    (r.score, r.p_value, r.estimate.mean, r.estimate.ci)
}

#[pymethods]
impl Evaluated {
    /// The number of segments.
    fn __len__(&self) -> usize {
        self.segments
    }

    /// System `i`'s corpus score as a dict: `score`, and BLEU's `counts`, `totals`,
    /// `precisions`, `bp`, `sys_len`, `ref_len`, chrF's `beta`, `char_order`,
    /// `word_order`, TER's `num_edits`, `ref_length`.
    fn score<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyDict>> {
        self.check(i)?;
        score_dict(py, self.ev.score(i))
    }

    /// System `i`'s segments, each scored alone with the metric's options (sacreBLEU's
    /// `sentence_score`), in parallel with the GIL released.
    fn segment_scores(&self, py: Python<'_>, i: usize) -> PyResult<Vec<f64>> {
        self.check(i)?;
        self.kept("segment scores")?;
        Ok(py.detach(|| self.ev.segment_scores(i)))
    }

    /// System `i`'s bootstrap mean and 95% half-interval `(mean, ci)` from `n_samples`
    /// resamples drawn as numpy's `default_rng(seed)` draws them (sacreBLEU's
    /// `corpus_score(…, n_bootstrap)`); `seed` `None` draws from OS entropy.
    #[pyo3(signature = (i, n_samples, seed))]
    fn bootstrap_ci(
        &self,
        py: Python<'_>,
        i: usize,
        n_samples: usize,
        seed: Option<u64>,
    ) -> PyResult<(f64, f64)> {
        self.check(i)?;
        self.kept("a bootstrap interval")?;
        if n_samples == 0 || self.segments == 0 {
            return Err(PyValueError::new_err(
                "a bootstrap needs at least one resample and one segment",
            ));
        }
        let r = py
            .detach(|| self.ev.bootstrap_ci(i, n_samples, seed))
            .expect("segments are kept");
        Ok((
            r.estimate.mean.unwrap_or(f64::NAN),
            r.estimate.ci.unwrap_or(f64::NAN),
        ))
    }

    /// The paired test (`"bs"` or `"ar"`) of every other system against system
    /// `baseline`, as sacreBLEU's `PairedTest` computes it: `(score, p_value, mean, ci)`
    /// per system in order (the baseline's `p_value` is `None`; approximate
    /// randomisation gives no `mean`/`ci`). `sacrebleu_p` keeps sacreBLEU's p-value
    /// conventions (see `mteval score --sacrebleu-p-values`).
    #[pyo3(signature = (test, baseline, n_samples, seed, sacrebleu_p=true))]
    fn paired(
        &self,
        py: Python<'_>,
        test: &str,
        baseline: usize,
        n_samples: usize,
        seed: Option<u64>,
        sacrebleu_p: bool,
    ) -> PyResult<Vec<ResultTuple>> {
        self.check(baseline)?;
        self.kept("a paired test")?;
        let test = match test {
            "bs" => PairedTest::Bs,
            "ar" => PairedTest::Ar,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown test type '{other}' (expected 'bs' or 'ar')"
                )))
            }
        };
        if n_samples == 0 || self.segments == 0 {
            return Err(PyValueError::new_err(
                "a paired test needs at least one sample and one segment",
            ));
        }
        let others: Vec<usize> = (0..self.ev.systems()).filter(|&s| s != baseline).collect();
        let cfg = PairedConfig {
            n_samples,
            seed,
            sacrebleu_p,
        };
        let out = py.detach(|| self.ev.paired(test, baseline, &others, &cfg));
        let mut results = vec![None; self.ev.systems()];
        results[baseline] = Some(result_tuple(&out.baseline));
        for (&s, r) in others.iter().zip(&out.systems) {
            results[s] = Some(result_tuple(r));
        }
        Ok(results
            .into_iter()
            .map(|r| r.expect("every system"))
            .collect())
    }
}

/// A score as the dict the Python classes read (see [`Evaluated::score`]).
fn score_dict(py: Python<'_>, s: Score) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("score", s.score)?;
    match s.details {
        ScoreDetails::Bleu {
            precisions,
            bp,
            hyp_len,
            ref_len,
            counts,
            totals,
            ..
        } => {
            d.set_item("precisions", precisions)?;
            d.set_item("bp", bp)?;
            d.set_item("sys_len", hyp_len)?;
            d.set_item("ref_len", ref_len)?;
            d.set_item("counts", counts)?;
            d.set_item("totals", totals)?;
        }
        ScoreDetails::Chrf {
            beta,
            char_order,
            word_order,
        } => {
            d.set_item("beta", beta)?;
            d.set_item("char_order", char_order)?;
            d.set_item("word_order", word_order)?;
        }
        ScoreDetails::Ter {
            num_edits,
            ref_length,
        } => {
            d.set_item("num_edits", num_edits)?;
            d.set_item("ref_length", ref_length)?;
        }
        ScoreDetails::Plain {} => {}
    }
    Ok(d)
}

/// BLEU's `max_ngram_order`, checked: 1..=[`ORDER_LIMIT`].
fn bleu_order(order: usize) -> PyResult<usize> {
    if !(1..=ORDER_LIMIT).contains(&order) {
        return Err(PyValueError::new_err(format!(
            "max_ngram_order must be between 1 and {ORDER_LIMIT}, not {order}"
        )));
    }
    Ok(order)
}

/// BLEU of summed statistics (sacreBLEU's `BLEU.compute_bleu`): `correct`/`total`
/// matching and hypothesis n-grams per order (one per order up to `max_ngram_order`),
/// lengths in tokens. `ValueError` for an unknown smoothing method, a value out of
/// range, or lists whose length is not the order.
#[pyfunction]
#[pyo3(signature = (correct, total, sys_len, ref_len, smooth_method, smooth_value, effective_order, max_ngram_order))]
#[allow(clippy::too_many_arguments)]
fn bleu_from_stats<'py>(
    py: Python<'py>,
    correct: Vec<u64>,
    total: Vec<u64>,
    sys_len: u64,
    ref_len: u64,
    smooth_method: &str,
    smooth_value: Option<f64>,
    effective_order: bool,
    max_ngram_order: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let max_order = bleu_order(max_ngram_order)?;
    if correct.len() != max_order || total.len() != max_order {
        return Err(PyValueError::new_err(format!(
            "{} correct and {} total counts for max_ngram_order {max_order}",
            correct.len(),
            total.len()
        )));
    }
    let bleu = Bleu {
        smooth: Smooth::parse(smooth_method, smooth_value).map_err(to_py)?,
        max_order,
        ..Bleu::default()
    };
    let stats = BleuStats {
        hyp_len: sys_len,
        ref_len,
        matches: Orders::from_slice(&correct),
        totals: Orders::from_slice(&total),
    };
    score_dict(py, bleu.compute(&stats, effective_order))
}

/// `mteval sacrebleu ARGV…` (the drop-in for sacreBLEU 2.6.0's command line,
/// [`mteval::sacrebleu_cli::main`]) on the process's own stdin, stdout and stderr;
/// returns the exit code. `argv` excludes the program name.
#[pyfunction]
fn sacrebleu_main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> i32 {
    py.detach(|| {
        mteval::sacrebleu_cli::main(
            &argv,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
    })
}

/// The extension module.
#[pymodule]
fn _mteval(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<References>()?;
    m.add_class::<Evaluated>()?;
    m.add_function(wrap_pyfunction!(bleu_from_stats, m)?)?;
    m.add_function(wrap_pyfunction!(sacrebleu_main, m)?)?;
    m.add("MTEVAL_VERSION", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "TOKENIZERS",
        mteval::tokenize::TokenizerKind::NAMES.to_vec(),
    )?;
    Ok(())
}
