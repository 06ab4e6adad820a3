//! Regression gates: a report (and optionally a baseline report) plus thresholds give a
//! list of [`GateResult`]s; any failed rule makes `mteval run`/`compare` exit 1.
//!
//! Rules, keyed by metric (`bleu`, `chrf`, `chrf++`, `ter`, or a full metric name such
//! as `chrF2`):
//! - `min_score`: every system scores at least the threshold (for TER, which is better
//!   when lower, at most the threshold);
//! - `max_drop`: no system loses more than the threshold against the same test set,
//!   system and metric in the baseline report. A drop is a failure only when it is
//!   statistically significant, unless `fail_on_insignificant` is set; where significance
//!   cannot be tested the drop counts as significant (fail loudly rather than silently);
//! - `min_entity_recall`: every system's entity recall is at least the threshold.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::{DropPolicy, ENTITY_KEY};
use crate::error::{display_path, Error, ErrorKind, Result};
use crate::manifest::Manifest;
use crate::registry::{family_by_key, family_of, AnyMetric};
use crate::report::run::{GateResult, MetricScore, RunReport, COMPARED_COLUMNS};

pub use crate::registry::lower_is_better;

/// Whether gate key `key` designates the metric named `metric`: `*`, the family key
/// (`bleu`, `chrf`, `chrf++`, `ter`) or the metric's own name (any case: manifests
/// name external metrics `comet` or `COMET`).
pub fn key_matches(key: &str, metric: &str) -> bool {
    let k = key.trim();
    k == "*"
        || k.eq_ignore_ascii_case(metric)
        || family_by_key(k).is_some_and(|f| family_of(metric) == Some(f))
}

/// The drop policy of a manifest's `[gates]`.
pub fn policy_of(m: &Manifest) -> DropPolicy {
    DropPolicy {
        max_drop: m.gates.max_drop.clone(),
        fail_on_insignificant: m.gates.fail_on_insignificant,
        alpha: m.significance.alpha,
    }
}

/// Evaluates the plan's gates on `report` (the baseline report was read by the plan).
/// Configuration errors (a `min_entity_recall` no test set can meet, a missing
/// baseline) were raised when the plan was resolved.
pub fn evaluate(plan: &crate::plan::RunPlan, report: &RunReport) -> Vec<GateResult> {
    let m = &plan.manifest;
    let g = &m.gates;
    let mut out = Vec::new();
    for t in &report.testsets {
        for s in &t.systems {
            for (key, &threshold) in &g.min_score {
                for sc in s.scores.iter().filter(|sc| key_matches(key, &sc.metric)) {
                    let passed = if lower_is_better(&sc.metric, &sc.signature) {
                        sc.score <= threshold
                    } else {
                        sc.score >= threshold
                    };
                    out.push(GateResult {
                        rule: "min_score".into(),
                        value: Some(sc.score),
                        threshold,
                        passed,
                        detail: if lower_is_better(&sc.metric, &sc.signature) {
                            "at most (lower is better)"
                        } else {
                            "at least"
                        }
                        .to_string(),
                        signature: Some(sc.signature.clone()),
                        ..row(&t.name, &s.name, &sc.metric)
                    });
                }
            }
            if let Some(threshold) = g.min_entity_recall {
                // Applies where the entity check ran (see the check below for none at all).
                let Some(e) = &s.entities else { continue };
                // No recall (output not in the target script) fails the gate: a CI job
                // must not pass on an output the check could not read.
                out.push(GateResult {
                    rule: "min_entity_recall".into(),
                    value: e.recall,
                    threshold,
                    passed: e.recall.is_some_and(|r| r >= threshold),
                    detail: match e.recall {
                        Some(_) => format!("{} of {} expected names found", e.found, e.expected),
                        None if e.expected == 0 => {
                            "no recall: no expected name to check (source or glossary has none)"
                                .to_string()
                        }
                        None => "no recall: the output is not in the target language's script"
                            .to_string(),
                    },
                    ..row(&t.name, &s.name, ENTITY_KEY)
                });
            }
        }
    }
    if let Some(baseline) = &plan.baseline {
        out.extend(compare(baseline, report, &policy_of(m)));
    }
    out
}

/// The rule name of comparison rows.
const MAX_DROP: &str = "max_drop";

fn row(testset: &str, system: &str, metric: &str) -> GateResult {
    GateResult {
        rule: MAX_DROP.into(),
        testset: testset.into(),
        system: system.into(),
        metric: metric.into(),
        value: None,
        threshold: 0.0,
        passed: true,
        detail: String::new(),
        baseline: None,
        current: None,
        p_value: None,
        p_holm: None,
        comparable: true,
        signature: None,
    }
}

fn not_comparable(testset: &str, system: &str, metric: &str, why: String) -> GateResult {
    GateResult {
        passed: false,
        comparable: false,
        detail: format!("not comparable: {why}"),
        ..row(testset, system, metric)
    }
}

/// Compares `current` with `baseline`: one row per test set × system × metric (and
/// entity recall) of the baseline, in baseline order, then one row per system or test
/// set that only `current` has.
///
/// - What cannot be compared is a row with `comparable: false` (never a pass): a test
///   set, system, metric or entity check missing from `current`, a different number of
///   segments, different metric settings (signature without `bs`/`ar`/`seed`/`version`),
///   different references (per-segment reference lengths differ).
/// - A drop beyond the threshold ([`DropPolicy::threshold`]) fails when significant:
///   p-values come from the paired bootstrap of the kept per-segment statistics (1000
///   resamples, seed 12345) and, for entity recall, from the exact McNemar test on the
///   mentions both reports counted; all are adjusted together with Holm's step-down
///   method (Holm 1979) across every compared score, so adding metrics or systems does
///   not raise the chance of a false failure. A drop that cannot be tested counts as
///   significant.
pub fn compare(baseline: &RunReport, current: &RunReport, policy: &DropPolicy) -> Vec<GateResult> {
    let mut out = Vec::new();
    for bt in &baseline.testsets {
        let Some(t) = current.testsets.iter().find(|t| t.name == bt.name) else {
            out.push(not_comparable(
                &bt.name,
                "*",
                "*",
                "the current report has no such test set".into(),
            ));
            continue;
        };
        if t.segments != bt.segments {
            out.push(not_comparable(
                &bt.name,
                "*",
                "*",
                format!(
                    "{} in the baseline, {} now",
                    crate::error::count(bt.segments, "segment"),
                    t.segments
                ),
            ));
            continue;
        }
        for bs in &bt.systems {
            let Some(s) = t.systems.iter().find(|s| s.name == bs.name) else {
                out.push(not_comparable(
                    &bt.name,
                    &bs.name,
                    "*",
                    "the current report has no such system".into(),
                ));
                continue;
            };
            for base in &bs.scores {
                out.push(compare_score(&bt.name, &bs.name, base, s, policy));
            }
            if let Some(r) = entity_row(bt, bs, t, s, policy) {
                out.push(r);
            }
        }
        for s in t
            .systems
            .iter()
            .filter(|s| !bt.systems.iter().any(|b| b.name == s.name))
        {
            out.push(GateResult {
                rule: "new".into(),
                detail: "not in the baseline: nothing to compare".into(),
                ..row(&t.name, &s.name, "*")
            });
        }
    }
    for t in current
        .testsets
        .iter()
        .filter(|t| !baseline.testsets.iter().any(|b| b.name == t.name))
    {
        out.push(GateResult {
            rule: "new".into(),
            detail: "not in the baseline: nothing to compare".into(),
            ..row(&t.name, "*", "*")
        });
    }
    decide(&mut out, policy);
    out
}

/// Holm-adjusts the p-values of all rows, then decides each comparable row.
fn decide(rows: &mut [GateResult], policy: &DropPolicy) {
    let ps: Vec<(usize, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.p_value.map(|p| (i, p)))
        .collect();
    let adjusted = holm(&ps.iter().map(|&(_, p)| p).collect::<Vec<_>>());
    for (&(i, _), q) in ps.iter().zip(adjusted) {
        rows[i].p_holm = Some(q);
    }
    // A row that cannot be compared still shows the threshold it would have had.
    for r in rows.iter_mut().filter(|r| !r.comparable && r.metric != "*") {
        r.threshold = policy.threshold(&r.metric).0;
    }
    for r in rows
        .iter_mut()
        .filter(|r| r.comparable && r.rule == MAX_DROP)
    {
        let Some(drop) = r.value else { continue };
        let exceeded = drop > r.threshold;
        // Without a p-value the drop counts as significant: fail loudly.
        let significant = r.p_holm.is_none_or(|q| q <= policy.alpha);
        r.passed = !exceeded || (!significant && !policy.fail_on_insignificant);
        if exceeded {
            let verdict = match (r.p_value, r.p_holm) {
                (Some(p), Some(q)) if significant => {
                    format!("; significant (p = {p:.4}, Holm {q:.4})")
                }
                (Some(p), Some(q)) => format!("; not significant (p = {p:.4}, Holm {q:.4})"),
                _ => "; significance not tested".to_string(),
            };
            r.detail.push_str(&verdict);
        }
    }
}

/// Holm's step-down adjustment (Holm 1979): with `m` p-values sorted ascending,
/// `q_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))`; returned in input order.
pub fn holm(ps: &[f64]) -> Vec<f64> {
    let m = ps.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| ps[a].total_cmp(&ps[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; m];
    let mut running = 0.0f64;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * ps[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// The settings part of a signature: what must agree for two scores to be comparable
/// (resampling, seed and tool version do not change the score).
fn settings(sig: &str) -> String {
    sig.split('|')
        .filter(|kv| {
            !["bs", "ar", "seed", "version"]
                .iter()
                .any(|k| kv.starts_with(&format!("{k}:")))
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// One metric of one system: comparable or not, its drop, threshold and p-value.
fn compare_score(
    testset: &str,
    system: &str,
    base: &MetricScore,
    s: &crate::report::run::SystemReport,
    policy: &DropPolicy,
) -> GateResult {
    let Some(cur) = s.scores.iter().find(|c| c.metric == base.metric) else {
        return not_comparable(
            testset,
            system,
            &base.metric,
            "the current report has no such metric".into(),
        );
    };
    if settings(&base.signature) != settings(&cur.signature) {
        return not_comparable(
            testset,
            system,
            &base.metric,
            format!(
                "signatures differ: {} vs {}",
                settings(&base.signature),
                settings(&cur.signature)
            ),
        );
    }
    if let Some(i) = first_reference_difference(base, cur) {
        return not_comparable(
            testset,
            system,
            &base.metric,
            format!("references differ (segment {})", i + 1),
        );
    }
    let (threshold, source) = policy.threshold(&base.metric);
    let drop = drop_of(base, cur);
    let p = drop_p_value(base, cur);
    GateResult {
        value: Some(drop),
        threshold,
        baseline: Some(base.score),
        current: Some(cur.score),
        p_value: p.as_ref().ok().copied(),
        signature: Some(cur.signature.clone()),
        detail: format!(
            "{:.4} -> {:.4} (threshold {source}){}",
            base.score,
            cur.score,
            match &p {
                Err(why) => format!("; {why}"),
                Ok(_) => String::new(),
            }
        ),
        ..row(testset, system, &base.metric)
    }
}

/// The first segment whose references differ between two score records of the same
/// metric, if any: the same name and segment count with other references is another test
/// set. What each metric keeps of its references, per segment: TER the average reference
/// length (any number of references); with one reference, BLEU its length and chrF its
/// n-gram count per order (with several, both depend on the hypothesis: the closest or
/// best-matching reference is kept).
fn first_reference_difference(base: &MetricScore, cur: &MetricScore) -> Option<usize> {
    // Without an `nrefs` key only TER's fingerprint (any number of references) applies.
    let nrefs = crate::metrics::signature::nrefs_of(&base.signature).unwrap_or(0);
    let fingerprint = |m: &MetricScore| m.stats.reference_fingerprints(nrefs);
    let (a, b) = (fingerprint(base)?, fingerprint(cur)?);
    if a.len() != b.len() {
        return None;
    }
    a.iter().zip(&b).position(|(x, y)| x != y)
}

/// Entity recall of one system, compared over the mentions both reports counted (found or
/// missing): the drop in percentage points and the exact McNemar p-value of the
/// discordant mentions. `None` when the baseline has no entity results for the system.
fn entity_row(
    bt: &crate::report::run::TestSetReport,
    bs: &crate::report::run::SystemReport,
    t: &crate::report::run::TestSetReport,
    s: &crate::report::run::SystemReport,
    policy: &DropPolicy,
) -> Option<GateResult> {
    use crate::entities::Status;
    let base = bs.entities.as_ref()?;
    if base.expected == 0 {
        // No name to check in the baseline: nothing to compare.
        return None;
    }
    let Some(cur) = &s.entities else {
        return Some(not_comparable(
            &bt.name,
            &bs.name,
            ENTITY_KEY,
            "the current report has no entity results".into(),
        ));
    };
    let (Some(rb), Some(rc)) = (base.recall, cur.recall) else {
        return Some(not_comparable(
            &bt.name,
            &bs.name,
            ENTITY_KEY,
            "no entity recall (output not in the target script)".into(),
        ));
    };
    let mentions = |tr: &crate::report::run::TestSetReport| {
        let m = tr
            .entities
            .as_ref()?
            .systems
            .iter()
            .find(|e| e.system == bs.name)?;
        let mut seen: BTreeMap<(usize, &str), usize> = BTreeMap::new();
        let mut out: BTreeMap<(usize, String, usize), bool> = BTreeMap::new();
        for x in &m.mentions {
            let k = seen.entry((x.segment, x.entity.as_str())).or_default();
            *k += 1;
            if matches!(x.status, Status::Found | Status::Missing) {
                out.insert((x.segment, x.entity.clone(), *k), x.status == Status::Found);
            }
        }
        Some(out)
    };
    // The names looked for depend on the source, glossary and extraction only: other
    // names are another check (a glossary added, another source), not a regression.
    let looked_for = |tr: &crate::report::run::TestSetReport| {
        tr.entities
            .as_ref()
            .and_then(|e| e.systems.iter().find(|e| e.system == bs.name))
            .map(|m| {
                let mut v: Vec<(usize, String)> = m
                    .mentions
                    .iter()
                    .map(|x| (x.segment, x.entity.clone()))
                    .collect();
                v.sort_unstable();
                v
            })
    };
    if let (Some(a), Some(b)) = (looked_for(bt), looked_for(t)) {
        if a != b {
            return Some(not_comparable(
                &bt.name,
                &bs.name,
                ENTITY_KEY,
                format!(
                    "the names checked differ ({} in the baseline, {} now: another glossary, source or checker)",
                    a.len(),
                    b.len()
                ),
            ));
        }
    }
    let (threshold, source) = policy.threshold(ENTITY_KEY);
    let drop = 100.0 * (rb - rc);
    let (p, paired) = match (mentions(bt), mentions(t)) {
        (Some(a), Some(b)) => {
            let (mut lost, mut gained) = (0u64, 0u64);
            for (k, &was) in &a {
                match b.get(k) {
                    Some(&now) if was && !now => lost += 1,
                    Some(&now) if !was && now => gained += 1,
                    _ => {}
                }
            }
            (
                Some(mcnemar_exact(lost, gained)),
                format!("; {lost} names lost, {gained} gained"),
            )
        }
        _ => (None, "; mentions not in the report".to_string()),
    };
    Some(GateResult {
        value: Some(drop),
        threshold,
        baseline: Some(100.0 * rb),
        current: Some(100.0 * rc),
        p_value: p,
        detail: format!(
            "recall {:.1}% -> {:.1}% ({} of {} names; threshold {source}){paired}",
            100.0 * rb,
            100.0 * rc,
            cur.found,
            cur.expected
        ),
        ..row(&bt.name, &bs.name, ENTITY_KEY)
    })
}

/// Two-sided exact McNemar test (McNemar 1947, binomial form): under no change each of
/// the `b + c` discordant pairs goes either way with probability 1/2, and the p-value is
/// `min(1, 2 P(X <= min(b, c)))` with `X ~ Binomial(b + c, 1/2)`. 1 when nothing changed.
pub fn mcnemar_exact(b: u64, c: u64) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    let k = b.min(c);
    // Sum C(n, i) / 2^n for i <= k in log space (n may be in the thousands).
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_c = 0.0f64; // ln C(n, 0)
    let mut tail = 0.0f64;
    for i in 0..=k {
        if i > 0 {
            ln_c += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        tail += (ln_c + ln_half_n).exp();
    }
    (2.0 * tail).min(1.0)
}

/// The p-value of the difference between two runs of one system, from their kept
/// per-segment statistics (paired bootstrap, 1000 resamples, seed 12345; settings
/// already checked to agree), or why there is none.
fn drop_p_value(
    base: &MetricScore,
    current: &MetricScore,
) -> std::result::Result<f64, &'static str> {
    use crate::significance::{PairedConfig, PairedTest};
    if base.stats.is_empty() || current.stats.is_empty() {
        return Err("no per-segment statistics in the report: significance not tested");
    }
    if base.stats.len() < crate::significance::MIN_BOOTSTRAP_SEGMENTS {
        return Err("too few segments to resample");
    }
    let nrefs = crate::metrics::signature::nrefs_of(&current.signature);
    let ev = AnyMetric::from_signature(&current.metric, &current.signature)
        .and_then(|m| m.evaluation_of(&[&base.stats, &current.stats], nrefs))
        .map_err(|_| "statistics not comparable")?;
    let cfg = PairedConfig {
        sacrebleu_p: false,
        ..PairedConfig::bootstrap()
    };
    ev.paired(PairedTest::Bs, 0, &[1], &cfg).systems[0]
        .p_value
        .ok_or("statistics not comparable")
}

/// How much worse `current` is than `base` (positive = worse), in score points.
fn drop_of(base: &MetricScore, current: &MetricScore) -> f64 {
    if lower_is_better(&current.metric, &current.signature) {
        current.score - base.score
    } else {
        base.score - current.score
    }
}

/// The header of a history CSV: the time and commit, then [`COMPARED_COLUMNS`].
fn history_header() -> String {
    let mut columns = vec!["time_utc", "commit"];
    columns.extend(COMPARED_COLUMNS);
    columns.join(",")
}

/// Checks that `path` can take history rows: absent, empty, or a history file of this
/// version ending in a newline. Called before anything is printed.
pub fn check_history(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            format!(
                "{}: no such directory for the history file",
                display_path(dir)
            ),
        ));
    }
    let text = match std::fs::metadata(path) {
        Ok(m) if m.len() > 0 => crate::encoding::read_text(path)?,
        _ => return Ok(()),
    };
    let header = text.lines().next().unwrap_or("");
    if header != history_header() {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!(
                "{}:1: not an mteval history file of this version (expected the header {}); start a new file",
                display_path(path),
                history_header()
            ),
        ));
    }
    if !text.ends_with('\n') {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!(
                "{}:{}: the last line is cut off (no newline); fix or start a new file",
                display_path(path),
                text.lines().count()
            ),
        ));
    }
    Ok(())
}

/// Appends one row per compared score to the history CSV at `path` (header written when
/// the file is new; an existing one was checked by [`check_history`] before anything was
/// printed, and is not read again here). Each row carries the
/// time of the comparison in UTC (RFC 3339, seconds), the commit (`GITHUB_SHA`,
/// `CI_COMMIT_SHA`, else empty), the current score's signature and both p-values, so a
/// team can plot quality over time and see what changed with the settings.
pub fn append_history(path: &Path, rows: &[GateResult], now: std::time::SystemTime) -> Result<()> {
    use std::io::Write;
    let commit = std::env::var("GITHUB_SHA")
        .or_else(|_| std::env::var("CI_COMMIT_SHA"))
        .unwrap_or_default();
    let time = humantime::format_rfc3339_seconds(now).to_string();
    let new = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
    let mut lines: Vec<Vec<String>> = Vec::new();
    if new {
        lines.push(history_header().split(',').map(String::from).collect());
    }
    for g in rows.iter().filter(|g| g.rule == MAX_DROP) {
        let mut row = vec![time.clone(), commit.clone()];
        row.extend(g.compared_cells());
        lines.push(row);
    }
    let bytes = crate::report::csv::encode(lines)?.into_bytes();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, &e))?;
    f.write_all(&bytes).map_err(|e| Error::io(path, &e))
}

/// Parses `--max-drop chrf=0.5,bleu=1.0`.
pub fn parse_max_drop(spec: &str) -> Result<BTreeMap<String, f64>> {
    let mut out = BTreeMap::new();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            Error::config(format!(
                "invalid --max-drop entry '{part}' (expected METRIC=POINTS)"
            ))
        })?;
        let v: f64 = v.trim().parse().map_err(|_| {
            Error::config(format!(
                "invalid --max-drop value '{}' for '{}' (expected a number)",
                v.trim(),
                k.trim()
            ))
        })?;
        if !v.is_finite() || v < 0.0 {
            return Err(Error::config(format!(
                "invalid --max-drop value '{v}' for '{}': must be >= 0",
                k.trim()
            )));
        }
        if out.insert(k.trim().to_string(), v).is_some() {
            return Err(Error::config(format!(
                "invalid --max-drop: '{}' is given twice",
                k.trim()
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_parsing() {
        assert!(key_matches("chrf", "chrF2"));
        assert!(!key_matches("chrf", "chrF2++"));
        assert!(key_matches("chrf++", "chrF2++"));
        assert!(key_matches("BLEU", "BLEU"));
        assert!(key_matches("chrF3", "chrF3"));
        let m = parse_max_drop("chrf=0.5, bleu=1").unwrap();
        assert_eq!(m["chrf"], 0.5);
        assert!(parse_max_drop("chrf").is_err());
        assert!(parse_max_drop("chrf=x").is_err());
        assert!(parse_max_drop("chrf=-1").is_err());
    }
}
