//! `mteval compare`: reads two run reports, compares them ([`crate::gate::compare`]),
//! prints the verdict and rows, appends history, and gives the exit code.

use std::process::ExitCode;

use crate::error::{self, Error, Result};
use crate::{config, gate, report};

/// `mteval compare`: every score of the baseline compared with the current report (see
/// [`gate::compare`]), printed verdict first; appends history; exits 0 (pass), 1 (a
/// significant regression) or 2 (not comparable).
pub fn run(c: &config::CompareConfig) -> Result<ExitCode> {
    if let Some(h) = &c.history {
        report::output::refuse_inputs(
            &[h.as_path()],
            &[c.baseline.as_path(), c.current.as_path()],
        )?;
        gate::check_history(h)?;
    }
    let baseline = crate::report::read::read_report(&c.baseline)?;
    let current = crate::report::read::read_report(&c.current)?;
    // Every --max-drop key must name a metric of the reports.
    for key in c.policy.max_drop.keys().filter(|k| *k != "*") {
        let found = key.trim().eq_ignore_ascii_case(crate::config::ENTITY_KEY)
            || current.testsets.iter().any(|t| {
                t.systems
                    .iter()
                    .any(|s| s.scores.iter().any(|sc| gate::key_matches(key, &sc.metric)))
            });
        if !found {
            return Err(Error::config(format!(
                "--max-drop names '{key}', which {} does not score (use {}, entities or a metric name of the report)",
                error::display_path(&c.current),
                crate::registry::family_keys()
            )));
        }
    }
    let rows = gate::compare(&baseline, &current, &c.policy);
    if rows.iter().all(|g| g.rule == "new") {
        return Err(Error::config(format!(
            "{} and {} share no test set and system to compare",
            error::display_path(&c.baseline),
            error::display_path(&c.current)
        )));
    }
    let comparison = report::run::Comparison::new(rows, c.policy.alpha);
    let out = report::render(&comparison, c.format, report::RenderOptions::default())?;
    report::write_output(std::path::Path::new("-"), &out)?;
    if let Some(h) = &c.history {
        gate::append_history(h, &comparison.rows, std::time::SystemTime::now())?;
    }
    Ok(match comparison.verdict.as_str() {
        "pass" => ExitCode::SUCCESS,
        "fail" => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}
