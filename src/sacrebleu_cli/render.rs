//! sacreBLEU 2.6.0's printed forms of a computed [`ScoreReport`]: single-system lines
//! and JSON (`metrics/base.py::Score.format`, `utils.py::print_single_results`),
//! sentence-level lines (`sacrebleu.py::main`), and the multi-system table with its
//! paired-test legend and signatures (`utils.py::print_results_table`,
//! `_format_score_lines`), in text (tabulate's `fancy_grid`), LaTeX (`latex_booktabs`)
//! and JSON. Only rendering happens here: every number comes from the report.
//!
//! Colours are never printed: sacreBLEU prints them only to a terminal (colorama strips
//! them from pipes and files), and a drop-in is compared byte for byte on pipes.

use super::tabulate::{tabulate, Layout};
use crate::metrics::{Score, Signature};
use crate::report::{ResultRow, ScoreReport};

/// The version sacreBLEU's signatures end with.
pub const SACREBLEU_VERSION: &str = "2.6.0";

/// How sacreBLEU was asked to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `-f json` (sacreBLEU's default).
    Json,
    /// `-f text`.
    Text,
    /// `-f latex`.
    Latex,
}

/// Rendering options taken from the command line.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// `-f` (after `SACREBLEU_FORMAT`).
    pub format: Format,
    /// `-w`: decimals.
    pub width: usize,
    /// `-b`.
    pub score_only: bool,
    /// `-sh`.
    pub short: bool,
    /// The paired test run, with the number of resamples or trials as given on the
    /// command line (the legend prints it as given).
    pub paired: Option<(crate::significance::PairedTest, i64)>,
}

/// The signature as sacreBLEU prints it: `version:2.6.0`, full or short.
pub fn sacrebleu_signature(formatted: &str, short: bool) -> String {
    Signature::parse(formatted).format_with_version(SACREBLEU_VERSION, short)
}

/// Python's `f"{x:.{w}f}"`.
pub fn fixed(x: f64, w: usize) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{x:.w$}")
    }
}

/// Python's `repr(float)` as `json.dumps` writes it (`NaN`, `Infinity` for the
/// non-finite): the shortest digits that read back, fixed notation for decimal exponents
/// from -4 to 15, else `d.ddde±XX`.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp < 0 {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else if exp + 1 >= n {
            format!("{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
        } else {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{a}.{b}")
        };
        format!("{sign}{body}")
    } else {
        let (a, b) = digits.split_at(1);
        let m = if b.is_empty() {
            a.to_string()
        } else {
            format!("{a}.{b}")
        };
        format!(
            "{sign}{m}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

/// A JSON string as Python's `json.dumps` writes it; `ascii`: `ensure_ascii=True`
/// (every character outside space..`~` as `\uXXXX`, astral ones as surrogate pairs).
pub fn py_json_str(s: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ascii && !(' '..='~').contains(&c) => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON number or `null`.
fn json_num(x: Option<f64>) -> String {
    x.map_or_else(|| "null".to_string(), py_float_repr)
}

/// BLEU's `_verbose` part (`61.0/36.8/… (BP = … ref_len = …)`), if the metric has one.
fn verbose(score: &Score) -> Option<String> {
    match score.details {
        crate::metrics::ScoreDetails::Bleu { .. } => {
            let full = score.format(1);
            full.split_once(' ').map(|(_, v)| v.to_string())
        }
        _ => None,
    }
}

/// `Score.format(width, score_only, signature, is_json)` for a corpus result.
fn score_format(r: &ResultRow, o: &Options, sig: &str, json: bool) -> String {
    let w = o.width;
    let mut sc = fixed(r.score, w);
    // sacreBLEU shows an interval only when its mean is positive (`if self._mean > 0`).
    let ci = match (r.estimate.mean, r.estimate.ci) {
        (Some(m), Some(ci)) if m > 0.0 => Some((fixed(m, w), fixed(ci, w))),
        _ => None,
    };
    if let Some((m, c)) = &ci {
        sc.push_str(&format!(" (μ = {m} ± {c})"));
    }
    if o.score_only {
        return sc;
    }
    let verbose = verbose(&r.as_score());
    if json {
        let rounded = |s: &str| py_float_repr(s.parse::<f64>().unwrap_or(f64::NAN));
        let mut fields: Vec<(String, String)> = vec![
            ("name".into(), py_json_str(&r.metric, false)),
            ("score".into(), rounded(&fixed(r.score, w))),
            ("signature".into(), py_json_str(sig, false)),
        ];
        if let Some((m, c)) = &ci {
            fields.push(("confidence_mean".into(), rounded(m)));
            fields.push(("confidence_var".into(), rounded(c)));
            fields.push((
                "confidence".into(),
                py_json_str(&format!("μ = {m} ± {c}"), false),
            ));
        }
        if let Some(v) = &verbose {
            fields.push(("verbose_score".into(), py_json_str(v, false)));
        }
        for param in sig.split('|') {
            let (k, v) = param.split_once(':').unwrap_or((param, ""));
            // A repeated key keeps its first place with the last value, as a dict does.
            match fields.iter_mut().find(|(key, _)| key == k) {
                Some(f) => f.1 = py_json_str(v, false),
                None => fields.push((k.to_string(), py_json_str(v, false))),
            }
        }
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!(" {}: {v}", py_json_str(k, false)))
            .collect();
        return format!("{{\n{}\n}}", body.join(",\n"));
    }
    let mut full = format!("{}|{sig} = {sc}", r.metric);
    if let Some(v) = verbose {
        full.push(' ');
        full.push_str(&v);
    }
    full
}

/// One system: `print_single_results` over every metric's `Score.format`.
pub fn single(report: &ScoreReport, o: &Options) -> String {
    let json = o.format == Format::Json;
    let results: Vec<String> = report
        .results
        .iter()
        .map(|r| {
            let sig = sacrebleu_signature(&r.signature, o.short && !json);
            score_format(r, o, &sig, json)
        })
        .collect();
    let mut out = String::new();
    if json {
        if results.len() > 1 {
            out.push_str(&format!("[\n{}\n]\n", results.join(",\n")));
        } else if let Some(r) = results.first() {
            out.push_str(r);
            out.push('\n');
        }
        return out;
    }
    if results.len() == 1 {
        out.push_str(&results[0]);
        out.push('\n');
        return out;
    }
    // Align on the first '=' (lines without one are printed as they come).
    let mut aligned: Vec<(usize, &str)> = Vec::new();
    for line in &results {
        match line.chars().position(|c| c == '=') {
            Some(i) if i >= 1 => aligned.push((i - 1, line)),
            Some(_) => aligned.push((0, line)),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let w = aligned.iter().map(|(l, _)| *l).max().unwrap_or(0);
    for (l, line) in aligned {
        let split = line.char_indices().nth(l).map_or(line.len(), |(b, _)| b);
        let (left, right) = line.split_at(split);
        out.push_str(&format!("{left:>w$}{right}\n"));
    }
    out
}

/// `-sl`: one line per segment (one system, one metric).
pub fn sentences(report: &ScoreReport, o: &Options) -> String {
    let mut out = String::new();
    let Some(r) = report.results.first() else {
        return out;
    };
    let sig = sacrebleu_signature(
        r.sentence_signature.as_deref().unwrap_or(&r.signature),
        o.short,
    );
    for s in report.segments.iter().flatten() {
        let score = Score {
            score: s.score,
            details: s
                .details
                .clone()
                .unwrap_or(crate::metrics::ScoreDetails::Plain {}),
        };
        if o.score_only {
            out.push_str(&fixed(s.score, o.width));
        } else {
            let body = match verbose(&score) {
                Some(v) => format!("{} {v}", fixed(s.score, o.width)),
                None => fixed(s.score, o.width),
            };
            out.push_str(&format!("{}|{sig} = {body}", r.metric));
        }
        out.push('\n');
    }
    out
}

/// Several systems: `print_results_table`.
pub fn multi(report: &ScoreReport, o: &Options) -> String {
    let systems = report.systems();
    let metrics = report.metrics();
    let paired = o.paired.is_some();
    let find = |s: &str, m: &str| report.result(s, m);
    if o.format == Format::Json {
        if systems.is_empty() {
            return "[]\n".into();
        }
        let mut items = Vec::new();
        for s in &systems {
            let mut fields = vec![format!("        \"system\": {}", py_json_str(s, true))];
            for m in &metrics {
                let Some(r) = find(s, m) else { continue };
                let value = if paired {
                    format!(
                        "{{\n            \"score\": {},\n            \"p_value\": {},\n            \"mean\": {},\n            \"ci\": {}\n        }}",
                        py_float_repr(r.score),
                        json_num(r.p_value.flatten()),
                        json_num(r.estimate.mean),
                        json_num(r.estimate.ci)
                    )
                } else {
                    py_json_str(&fixed(r.score, o.width), true)
                };
                fields.push(format!("        {}: {value}", py_json_str(m, true)));
            }
            items.push(format!("    {{\n{}\n    }}", fields.join(",\n")));
        }
        return format!("[\n{}\n]\n", items.join(",\n"));
    }
    let layout = match o.format {
        Format::Latex => Layout::LatexBooktabs,
        _ => Layout::FancyGrid,
    };
    let brk = if layout == Layout::FancyGrid {
        "\n"
    } else {
        " "
    };
    let mut columns: Vec<(String, Vec<String>)> = vec![(
        "System".into(),
        systems.iter().map(|s| s.to_string()).collect(),
    )];
    let mut bootstrap = false;
    for m in &metrics {
        let cells: Vec<String> = systems
            .iter()
            .map(|s| {
                let Some(r) = find(s, m) else {
                    return String::new();
                };
                let mut c = fixed(r.score, o.width);
                if !paired {
                    return c;
                }
                if let (Some(mean), Some(ci)) = (r.estimate.mean, r.estimate.ci) {
                    bootstrap = true;
                    c.push_str(&format!(
                        " ({} ± {})",
                        fixed(mean, o.width),
                        fixed(ci, o.width)
                    ));
                }
                if let Some(Some(p)) = r.p_value {
                    c.push_str(brk);
                    c.push_str(&format!("(p = {p:.4})"));
                    if p.partial_cmp(&0.05) != Some(std::cmp::Ordering::Greater) {
                        c.push('*');
                    }
                }
                c
            })
            .collect();
        // `is_bootstrap` is never reset: once set, later headers get the suffix too.
        let header = if bootstrap {
            format!("{m} (μ ± 95% CI)")
        } else {
            m.to_string()
        };
        columns.push((header, cells));
    }
    let mut out = tabulate(&columns, o.width, layout);
    out.push_str("\n\n");
    if let Some((test, n)) = o.paired {
        let bs = test == crate::significance::PairedTest::Bs;
        let baseline = systems
            .first()
            .filter(|s| s.starts_with("Baseline:"))
            .copied()
            .unwrap_or("");
        let msg = format!(
            "Paired {} test with {n} {}",
            if bs {
                "bootstrap resampling"
            } else {
                "approximate randomization"
            },
            if bs { "resampling trials" } else { "trials" }
        );
        let rule = "-".repeat(msg.chars().count());
        out.push_str(&format!("{rule}\n{msg}\n{rule}\n"));
        out.push_str(&format!(
            " - Each system is pairwise compared to {baseline}.\n"
        ));
        out.push_str(if bs {
            "   Actual system score / bootstrap estimated true mean / 95% CI are provided for each metric.\n"
        } else {
            "   Actual system score is provided for each metric.\n"
        });
        out.push_str(LEGEND);
    }
    out.push_str("-----------------\nMetric signatures\n-----------------\n");
    for m in &metrics {
        if let Some(r) = report.results.iter().find(|r| r.metric == *m) {
            let sig = sacrebleu_signature(&r.signature, o.short);
            let pad = 10usize.saturating_sub(m.chars().count());
            out.push_str(&format!(" - {m}{} {sig}\n", " ".repeat(pad)));
        }
    }
    out
}

/// The rest of the paired-test legend (`print_results_table`), colours stripped.
const LEGEND: &str = "
 - Null hypothesis: the system and the baseline translations are essentially
   generated by the same underlying process. For a given system and the baseline,
   the p-value is roughly the probability of the absolute score difference (delta)
   or higher occurring due to chance, under the assumption that the null hypothesis is correct.

 - Assuming a significance threshold of 0.05, the null hypothesis can be rejected
   for p-values < 0.05 (marked with \"*\"). This means that the delta is unlikely to be attributed
   to chance, hence the system is significantly \"different\" than the baseline.
   Otherwise, the p-values are highlighted in red.

 - NOTE: Significance does not tell whether a system is \"better\" than the baseline but rather
   emphasizes the \"difference\" of the systems in terms of the replicability of the delta.

";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_float_repr() {
        for (x, want) in [
            (31.2, "31.2"),
            (100.0, "100.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123456789012345.0, "123456789012345.0"),
            (31.186721819134696, "31.186721819134696"),
            (0.047619047619047616, "0.047619047619047616"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(py_float_repr(x), want, "{x}");
        }
    }

    #[test]
    fn python_json_strings() {
        assert_eq!(py_json_str("μ = 1 ± 2", false), "\"μ = 1 ± 2\"");
        assert_eq!(
            py_json_str("μ\"\\\t\u{1}", true),
            "\"\\u03bc\\\"\\\\\\t\\u0001\""
        );
        assert_eq!(py_json_str("😀\u{7f}", true), "\"\\ud83d\\ude00\\u007f\"");
    }
}
