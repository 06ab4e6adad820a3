//! Segment-level scores written by other tools (neural metrics run where there are GPUs,
//! or human scores), read and checked, and turned into an external metric
//! ([`crate::metrics::external::External`]) for the systems of a test set ([`load`]).
//!
//! Formats, recognised by their content:
//!
//! * **COMET text** (`comet-score` 2.x stdout, `comet/cli/score.py`): for every segment and
//!   system `FILE\tSegment I\tscore: X`, then `FILE\tscore: X` per system. Scores are
//!   rounded to 4 decimals there; prefer the JSON.
//! * **COMET JSON** (`comet-score --to_json`): `{"FILE": [{"src", "mt", "ref", "COMET": X}, …], …}`,
//!   one array per system file, in segment order.
//! * **MetricX JSON lines** (MetricX-23/24 `predict`): the input objects, one per line, each
//!   with a `prediction` (MetricX is an error score: lower is better).
//! * **Plain**: one number per line.
//!
//! Every score must be a finite number; a COMET text file must give every segment of every
//! system exactly once. Errors name the file and the 1-based line (for COMET JSON, the
//! system and the 1-based segment).

use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::metrics::external::{self, External, SystemScores};

/// Which tool's format a scores file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreFormat {
    /// One number per line.
    Plain,
    /// `comet-score`'s standard output.
    CometText,
    /// `comet-score --to_json`.
    CometJson,
    /// MetricX's JSON lines with `prediction`.
    MetricxJsonl,
}

/// The segment scores of a file, per system: `(key, scores)` in the file's order. The key is
/// the system file as the tool named it (COMET); plain and MetricX files hold one system,
/// with an empty key.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreFile {
    /// The format recognised.
    pub format: ScoreFormat,
    /// Scores per system, each in segment order.
    pub systems: Vec<(String, Vec<f64>)>,
}

impl ScoreFile {
    /// Whether the file names the systems it holds (COMET's outputs do).
    fn names_systems(&self) -> bool {
        matches!(self.format, ScoreFormat::CometText | ScoreFormat::CometJson)
    }

    /// The index of the scores of the system whose output is `path` and whose name is
    /// `name`: the only system of a file that names none; else the key that is the path
    /// as given, else the one key whose file name is the system's name or the path's
    /// file name. Two keys that fit are an error (which one was meant cannot be known).
    fn find(&self, name: &str, path: &Path) -> std::result::Result<usize, String> {
        if !self.names_systems() {
            return Ok(0);
        }
        let given = path.to_string_lossy();
        if let Some(k) = self.systems.iter().position(|(k, _)| *k == given) {
            return Ok(k);
        }
        let stem = crate::naming::stem(path);
        let fits: Vec<usize> = (0..self.systems.len())
            .filter(|&k| {
                let key_stem = crate::naming::stem(Path::new(&self.systems[k].0));
                key_stem == name || key_stem == stem
            })
            .collect();
        match fits[..] {
            [k] => Ok(k),
            [] => Err(format!(
                "no scores for system '{name}' ({}); the file holds: {}",
                display_path(path),
                self.keys()
            )),
            _ => Err(format!(
                "system '{name}' ({}) fits several of its systems: {}; name the system by the path the file gives",
                display_path(path),
                fits.iter()
                    .map(|&k| self.systems[k].0.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn keys(&self) -> String {
        self.systems
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An external metric as the user declares it (`--scores NAME=FILE…`, or a manifest's
/// `[[testset.scores]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoresSpec {
    /// The metric's name in reports.
    pub name: String,
    /// One file per system in system order, or one file holding every system (COMET's
    /// outputs name each system's file). `{system}` in a path stands for each system's
    /// name, so one pattern gives a file per system.
    pub files: Vec<PathBuf>,
    /// Whether lower is better; when not given, `true` for MetricX files, else `false`.
    pub lower_is_better: Option<bool>,
    /// The tool's model id, for the signature.
    pub model: Option<String>,
}

impl ScoresSpec {
    /// The specs that `mteval score`'s flags give: `--scores NAME=FILE[,FILE…]` (repeated
    /// for several metrics), `--lower-is-better NAME`, `--scores-model NAME=MODEL`.
    pub fn from_flags(
        scores: &[String],
        lower: &[String],
        models: &[String],
    ) -> Result<Vec<ScoresSpec>> {
        let split = |flag: &str, arg: &str| -> Result<(String, String)> {
            match arg.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                    Ok((k.trim().to_string(), v.trim().to_string()))
                }
                _ => Err(Error::config(format!(
                    "{flag} '{arg}': expected NAME=VALUE (e.g. {flag} {})",
                    if flag == "--scores" {
                        "COMET=comet.a.json,comet.b.json"
                    } else {
                        "COMET=Unbabel/wmt22-comet-da"
                    }
                ))),
            }
        };
        let mut specs: Vec<ScoresSpec> = Vec::new();
        for arg in scores {
            let (name, files) = split("--scores", arg)?;
            if let Some(other) = specs.iter().find(|s| s.name.eq_ignore_ascii_case(&name)) {
                return Err(Error::config(format!(
                    "--scores '{name}' and '{}' name the same metric (names are matched in any case)",
                    other.name
                )));
            }
            specs.push(ScoresSpec {
                name,
                files: files.split(',').map(|f| PathBuf::from(f.trim())).collect(),
                lower_is_better: None,
                model: None,
            });
        }
        let find = |specs: &mut Vec<ScoresSpec>, flag: &str, name: &str| -> Result<usize> {
            specs.iter().position(|s| s.name == name).ok_or_else(|| {
                Error::config(format!("{flag} '{name}': no --scores {name}=… is given"))
            })
        };
        for name in lower {
            let k = find(&mut specs, "--lower-is-better", name.trim())?;
            specs[k].lower_is_better = Some(true);
        }
        for arg in models {
            let (name, model) = split("--scores-model", arg)?;
            let k = find(&mut specs, "--scores-model", &name)?;
            if specs[k].model.replace(model).is_some() {
                return Err(Error::config(format!(
                    "--scores-model '{name}' is given twice"
                )));
            }
        }
        Ok(specs)
    }
}

/// Whether `name` is, in any case, a built-in metric's name or family key (`BLEU`,
/// `chrF2`, `chrf++`, `TER`) or a reserved gate key (`entities`, `*`): gate keys and
/// `rank_by` match names case-insensitively, so such a name would also select them.
fn builtin_like(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let chrf = l.strip_prefix("chrf").is_some_and(|rest| {
        rest.trim_end_matches('+')
            .chars()
            .all(|c| c.is_ascii_digit())
    });
    chrf || ["bleu", "ter", crate::config::ENTITY_KEY, "*"].contains(&l.as_str())
        || crate::registry::family_by_key(&l).is_some()
}

/// The placeholder in [`ScoresSpec::files`] that stands for a system's name.
pub const SYSTEM_PLACEHOLDER: &str = "{system}";

/// Reads `spec`'s files for `systems` (`(name, path)` of each system's output, in order)
/// and builds the external metric. Errors name the file: unreadable, malformed or
/// non-finite scores, a system the file does not hold, or files that do not match the
/// systems one to one. Line counts are checked against the test set when it is scored
/// (`Evaluation::check_segments`).
pub fn load(spec: &ScoresSpec, systems: &[(String, PathBuf)]) -> Result<External> {
    let config = |msg: String| Error::config(format!("scores '{}': {msg}", spec.name));
    external::check_name(&spec.name).map_err(Error::config)?;
    if builtin_like(&spec.name) {
        return Err(config(
            "the name of a built-in metric or a gate key (in any case); choose another name".into(),
        ));
    }
    if let Some(m) = &spec.model {
        external::check_model(m).map_err(config)?;
    }
    let pattern = |p: &Path| p.to_string_lossy().contains(SYSTEM_PLACEHOLDER);
    let files: Vec<PathBuf> = match &spec.files[..] {
        [one] if pattern(one) => systems
            .iter()
            .map(|(name, _)| PathBuf::from(one.to_string_lossy().replace(SYSTEM_PLACEHOLDER, name)))
            .collect(),
        v if v.iter().any(|p| pattern(p)) => {
            return Err(config(format!(
                "'{SYSTEM_PLACEHOLDER}' may only appear in a single file pattern"
            )))
        }
        [] => return Err(config("no file given".into())),
        [one] => vec![one.clone(); systems.len()],
        v if v.len() == systems.len() => v.to_vec(),
        v => {
            return Err(config(format!(
                "{} for {}: give one file per system, in system order, or one file \
                 holding every system (COMET), or a pattern with {SYSTEM_PLACEHOLDER}",
                crate::error::count(v.len(), "file"),
                crate::error::count(systems.len(), "system")
            )))
        }
    };
    if let Some(f) = files.iter().find(|f| f.as_os_str() == "-") {
        return Err(config(format!(
            "'{}': score files are read from disk, not stdin",
            f.display()
        )));
    }
    let mut read: Vec<(PathBuf, ScoreFile)> = Vec::new();
    let mut out = Vec::with_capacity(systems.len());
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut formats: Vec<ScoreFormat> = Vec::new();
    for (file, (name, sys_path)) in files.iter().zip(systems) {
        let k = match read.iter().position(|(p, _)| p == file) {
            Some(k) => k,
            None => {
                read.push((file.clone(), read_file(file)?));
                read.len() - 1
            }
        };
        let sf = &read[k].1;
        formats.push(sf.format);
        let shared = files.iter().filter(|f| *f == file).count() > 1;
        if shared && !sf.names_systems() {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: holds one system's scores but is given for {}; give one file per \
                     system (or a pattern with {SYSTEM_PLACEHOLDER})",
                    display_path(file),
                    crate::error::count(files.iter().filter(|f| *f == file).count(), "system")
                ),
            ));
        }
        let j = sf.find(name, sys_path).map_err(|why| {
            Error::new(
                ErrorKind::BadInput,
                format!("{}: {why}", display_path(file)),
            )
        })?;
        if let Some((_, _, other)) = taken.iter().find(|(f, key, _)| (*f, *key) == (k, j)) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: systems '{other}' and '{name}' would both get the scores of '{}'",
                    display_path(file),
                    sf.systems[j].0
                ),
            ));
        }
        taken.push((k, j, name));
        out.push(SystemScores {
            path: file.clone(),
            scores: sf.systems[j].1.clone(),
        });
    }
    // The direction comes from the format: the files of one metric must agree on it.
    let metricx = formats.contains(&ScoreFormat::MetricxJsonl);
    if metricx && formats.iter().any(|f| *f != ScoreFormat::MetricxJsonl) {
        return Err(config(
            "mixes MetricX files (lower is better) with files of another tool; give one tool's files per metric".into(),
        ));
    }
    Ok(External {
        name: spec.name.clone(),
        lower_is_better: spec.lower_is_better.unwrap_or(metricx),
        model: spec
            .model
            .clone()
            .unwrap_or_else(|| external::UNKNOWN_MODEL.to_string()),
        scores: std::sync::Arc::new(out),
    })
}

fn bad(path: &Path, line: usize, msg: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::BadInput,
        format!("{}:{line}: {msg}", display_path(path)),
    )
}

fn finite(path: &Path, line: usize, x: f64) -> Result<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(bad(path, line, format!("score {x} is not a finite number")))
    }
}

fn number(path: &Path, line: usize, s: &str) -> Result<f64> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| bad(path, line, format!("'{}' is not a number", s.trim())))?;
    finite(path, line, x)
}

/// Reads a scores file (see the module docs).
pub fn read_file(path: &Path) -> Result<ScoreFile> {
    parse(path, &crate::encoding::read_text(path)?)
}

/// [`read_file`] on text already read; `path` names it in messages.
pub fn parse(path: &Path, text: &str) -> Result<ScoreFile> {
    let first = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::BadInput,
                format!("{}: file is empty", display_path(path)),
            )
        })?;
    let file = if first.1.trim_start().starts_with('{') {
        // COMET's JSON is one object of arrays; MetricX's is an object per line.
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) if map.values().all(|v| v.is_array()) => {
                comet_json(path, map)?
            }
            // Neither a whole JSON document nor a JSON line: a broken COMET JSON file.
            Err(e) if serde_json::from_str::<serde_json::Value>(first.1).is_err() => {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!("{}: not valid JSON ({e})", display_path(path)),
                ));
            }
            _ => metricx(path, text)?,
        }
    } else if first.1.contains("\tscore: ") {
        comet_text(path, text)?
    } else {
        // Trailing blank lines are the end of the file; a blank line before a score
        // is an error (the scores after it would be one segment off).
        let body = text.trim_end_matches(|c: char| c.is_whitespace());
        let scores = body
            .lines()
            .enumerate()
            .map(|(i, l)| number(path, i + 1, l))
            .collect::<Result<Vec<f64>>>()?;
        ScoreFile {
            format: ScoreFormat::Plain,
            systems: vec![(String::new(), scores)],
        }
    };
    if file.systems.is_empty() || file.systems.iter().any(|(_, v)| v.is_empty()) {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!("{}: no segment scores", display_path(path)),
        ));
    }
    Ok(file)
}

fn comet_json(path: &Path, map: serde_json::Map<String, serde_json::Value>) -> Result<ScoreFile> {
    let mut systems = Vec::new();
    for (file, segments) in map {
        let segments = segments.as_array().map(Vec::as_slice).unwrap_or_default();
        let scores = segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = || format!("system '{file}', segment {}", i + 1);
                let x = s.get("COMET").and_then(|v| v.as_f64()).ok_or_else(|| {
                    Error::new(
                        ErrorKind::BadInput,
                        format!(
                            "{}: {}: no numeric \"COMET\" score",
                            display_path(path),
                            at()
                        ),
                    )
                })?;
                if x.is_finite() {
                    Ok(x)
                } else {
                    Err(Error::new(
                        ErrorKind::BadInput,
                        format!(
                            "{}: {}: score {x} is not a finite number",
                            display_path(path),
                            at()
                        ),
                    ))
                }
            })
            .collect::<Result<Vec<f64>>>()?;
        systems.push((file, scores));
    }
    Ok(ScoreFile {
        format: ScoreFormat::CometJson,
        systems,
    })
}

fn metricx(path: &Path, text: &str) -> Result<ScoreFile> {
    let mut scores = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            return Err(bad(path, i + 1, "empty line in JSON lines"));
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| bad(path, i + 1, format!("not a JSON object ({e})")))?;
        let x = v
            .get("prediction")
            .and_then(|p| p.as_f64())
            .ok_or_else(|| {
                bad(
                    path,
                    i + 1,
                    "no numeric \"prediction\" (MetricX JSON lines)",
                )
            })?;
        scores.push(finite(path, i + 1, x)?);
    }
    Ok(ScoreFile {
        format: ScoreFormat::MetricxJsonl,
        systems: vec![(String::new(), scores)],
    })
}

fn comet_text(path: &Path, text: &str) -> Result<ScoreFile> {
    let mut systems: Vec<(String, Vec<Option<f64>>)> = Vec::new();
    let line_count = text.lines().count();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        // comet-score's last line with --to_json.
        if line.starts_with("Predictions saved in: ") || line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('\t').collect();
        let (file, segment, score) = match parts[..] {
            [file, seg, score] => {
                let index: usize = seg
                    .strip_prefix("Segment ")
                    .and_then(|k| k.parse().ok())
                    .ok_or_else(|| bad(path, n, format!("expected 'Segment N', found '{seg}'")))?;
                (file, Some(index), score)
            }
            [file, score] => (file, None, score),
            _ => {
                return Err(bad(
                    path,
                    n,
                    "not a comet-score line (FILE\\tSegment N\\tscore: X)",
                ))
            }
        };
        let x = number(
            path,
            n,
            score
                .strip_prefix("score: ")
                .ok_or_else(|| bad(path, n, format!("expected 'score: X', found '{score}'")))?,
        )?;
        let Some(index) = segment else {
            continue; // the system score: the mean of the segments, recomputed from them
        };
        let slot = match systems.iter().position(|(f, _)| f == file) {
            Some(k) => k,
            None => {
                systems.push((file.to_string(), Vec::new()));
                systems.len() - 1
            }
        };
        // Every segment has a line of its own: an index past the file's lines is not a
        // comet-score line (and would not fit in memory).
        if index >= line_count {
            return Err(bad(
                path,
                n,
                format!("segment {index} is beyond the file's {line_count} lines"),
            ));
        }
        let v = &mut systems[slot].1;
        if v.len() <= index {
            v.resize(index + 1, None);
        }
        if v[index].replace(x).is_some() {
            return Err(bad(
                path,
                n,
                format!("segment {index} of '{file}' appears twice"),
            ));
        }
    }
    let mut out = Vec::new();
    for (file, v) in systems {
        if let Some(missing) = v.iter().position(Option::is_none) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: segment {missing} of '{file}' is missing",
                    display_path(path)
                ),
            ));
        }
        out.push((file, v.into_iter().flatten().collect()));
    }
    Ok(ScoreFile {
        format: ScoreFormat::CometText,
        systems: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sys<'a>(f: &'a ScoreFile, name: &str) -> Option<&'a [f64]> {
        f.find(name, Path::new(name))
            .ok()
            .map(|k| &f.systems[k].1[..])
    }

    fn p(text: &str) -> Result<ScoreFile> {
        parse(Path::new("s.txt"), text)
    }

    #[test]
    fn reads_each_tool_format() {
        let plain = p("0.5\n-1.25\n3\n").unwrap();
        assert_eq!(plain.format, ScoreFormat::Plain);
        // Blank lines at the end are the end of the file.
        assert_eq!(p("0.5\n-1.25\n3\n\n\n").unwrap(), plain);
        assert_eq!(sys(&plain, "any"), Some(&[0.5, -1.25, 3.0][..]));

        // comet-score prints segment-major across systems, then the system scores.
        let text = "hyp/a.de\tSegment 0\tscore: 0.8123\nhyp/b.de\tSegment 0\tscore: 0.7000\n\
                    hyp/a.de\tSegment 1\tscore: 0.9000\nhyp/b.de\tSegment 1\tscore: 0.6000\n\
                    hyp/a.de\tscore: 0.8562\nhyp/b.de\tscore: 0.6500\n";
        let comet = p(text).unwrap();
        assert_eq!(comet.format, ScoreFormat::CometText);
        assert_eq!(sys(&comet, "hyp/a.de"), Some(&[0.8123, 0.9][..]));
        assert_eq!(sys(&comet, "b"), Some(&[0.7, 0.6][..]));
        assert_eq!(sys(&comet, "c"), None);

        let json = r#"{"a.de": [{"src": "x", "mt": "y", "ref": "z", "COMET": 0.81234567},
                                {"src": "x", "mt": "y", "ref": "z", "COMET": 0.5}]}"#;
        let j = p(json).unwrap();
        assert_eq!(j.format, ScoreFormat::CometJson);
        assert_eq!(sys(&j, "a"), Some(&[0.81234567, 0.5][..]));

        let mx = "{\"source\": \"x\", \"hypothesis\": \"y\", \"prediction\": 3.5}\n\
                  {\"source\": \"x\", \"hypothesis\": \"y\", \"prediction\": 0.25}\n";
        let m = p(mx).unwrap();
        assert_eq!(m.format, ScoreFormat::MetricxJsonl);
        assert_eq!(sys(&m, "sys"), Some(&[3.5, 0.25][..]));
        // One line of MetricX is one JSON object too, but not one of arrays.
        let one = p("{\"source\": \"x\", \"prediction\": 1.5}\n").unwrap();
        assert_eq!(one.format, ScoreFormat::MetricxJsonl);
    }

    #[test]
    fn bad_scores_name_file_and_line() {
        let err = |t: &str| p(t).unwrap_err().to_string();
        assert_eq!(err("1\nnan\n"), "s.txt:2: score NaN is not a finite number");
        assert_eq!(err("1\n\n2\n"), "s.txt:2: '' is not a number");
        assert_eq!(err("1\nx\n"), "s.txt:2: 'x' is not a number");
        assert_eq!(err(""), "s.txt: file is empty");
        assert_eq!(
            err("a\tSegment 0\tscore: 1\na\tSegment 2\tscore: 1\na\tscore: 1\n"),
            "s.txt: segment 1 of 'a' is missing"
        );
        // An index no file of this length can hold: an error, not a huge allocation.
        assert_eq!(
            err("a\tSegment 99999999999\tscore: 0.1\n"),
            "s.txt:1: segment 99999999999 is beyond the file's 1 lines"
        );
        assert_eq!(
            err("a\tSegment 18446744073709551615\tscore: 0.1\n"),
            "s.txt:1: segment 18446744073709551615 is beyond the file's 1 lines"
        );
        // comet-score --quiet prints system scores only; `{}` holds no system.
        assert_eq!(err("a\tscore: 0.5\n"), "s.txt: no segment scores");
        assert_eq!(err("{}\n"), "s.txt: no segment scores");
        // A broken COMET JSON file is reported as JSON, not as MetricX lines.
        assert!(err("{\"a\": [{\"COMET\": 1e400}]}").starts_with("s.txt: not valid JSON ("));
        assert!(err("{\"a\": [\n{\"COMET\": 1}\n").starts_with("s.txt: not valid JSON ("));
        assert_eq!(
            err("a\tSegment 0\tscore: 1\na\tSegment 0\tscore: 2\n"),
            "s.txt:2: segment 0 of 'a' appears twice"
        );
        assert_eq!(
            err("{\"prediction\": 1}\n{\"score\": 2}\n"),
            "s.txt:2: no numeric \"prediction\" (MetricX JSON lines)"
        );
        assert_eq!(
            err(r#"{"a": [{"COMET": 1}, {"COMET": "x"}]}"#),
            "s.txt: system 'a', segment 2: no numeric \"COMET\" score"
        );
    }
}
