//! Segment-level scores written by other tools (neural metrics run where there are GPUs,
//! or human scores), read and checked: the input side of external metrics (issue 12).
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

use std::path::Path;

use crate::error::{display_path, Error, ErrorKind, Result};

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
    /// The scores of `system`: the only system of a one-system file, else the system whose
    /// key is `system` or whose file name is ([`crate::naming::stem`]).
    pub fn system(&self, system: &str) -> Option<&[f64]> {
        if let [(_, v)] = &self.systems[..] {
            if self.format != ScoreFormat::CometText && self.format != ScoreFormat::CometJson {
                return Some(v);
            }
        }
        self.systems
            .iter()
            .find(|(k, _)| k == system || crate::naming::stem(Path::new(k)) == system)
            .map(|(_, v)| v.as_slice())
    }
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
pub fn read(path: &Path) -> Result<ScoreFile> {
    parse(path, &crate::encoding::read_text(path)?)
}

/// [`read`] on text already read; `path` names it in messages.
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
            _ => metricx(path, text)?,
        }
    } else if first.1.contains("\tscore: ") {
        comet_text(path, text)?
    } else {
        let scores = text
            .lines()
            .enumerate()
            .map(|(i, l)| number(path, i + 1, l))
            .collect::<Result<Vec<f64>>>()?;
        ScoreFile {
            format: ScoreFormat::Plain,
            systems: vec![(String::new(), scores)],
        }
    };
    if file.systems.iter().any(|(_, v)| v.is_empty()) {
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

    fn p(text: &str) -> Result<ScoreFile> {
        parse(Path::new("s.txt"), text)
    }

    #[test]
    fn reads_each_tool_format() {
        let plain = p("0.5\n-1.25\n3\n").unwrap();
        assert_eq!(plain.format, ScoreFormat::Plain);
        assert_eq!(plain.system("any"), Some(&[0.5, -1.25, 3.0][..]));

        // comet-score prints segment-major across systems, then the system scores.
        let text = "hyp/a.de\tSegment 0\tscore: 0.8123\nhyp/b.de\tSegment 0\tscore: 0.7000\n\
                    hyp/a.de\tSegment 1\tscore: 0.9000\nhyp/b.de\tSegment 1\tscore: 0.6000\n\
                    hyp/a.de\tscore: 0.8562\nhyp/b.de\tscore: 0.6500\n";
        let comet = p(text).unwrap();
        assert_eq!(comet.format, ScoreFormat::CometText);
        assert_eq!(comet.system("hyp/a.de"), Some(&[0.8123, 0.9][..]));
        assert_eq!(comet.system("b"), Some(&[0.7, 0.6][..]));
        assert_eq!(comet.system("c"), None);

        let json = r#"{"a.de": [{"src": "x", "mt": "y", "ref": "z", "COMET": 0.81234567},
                                {"src": "x", "mt": "y", "ref": "z", "COMET": 0.5}]}"#;
        let j = p(json).unwrap();
        assert_eq!(j.format, ScoreFormat::CometJson);
        assert_eq!(j.system("a"), Some(&[0.81234567, 0.5][..]));

        let mx = "{\"source\": \"x\", \"hypothesis\": \"y\", \"prediction\": 3.5}\n\
                  {\"source\": \"x\", \"hypothesis\": \"y\", \"prediction\": 0.25}\n";
        let m = p(mx).unwrap();
        assert_eq!(m.format, ScoreFormat::MetricxJsonl);
        assert_eq!(m.system("sys"), Some(&[3.5, 0.25][..]));
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
            err("a\tSegment 0\tscore: 1\na\tSegment 2\tscore: 1\n"),
            "s.txt: segment 1 of 'a' is missing"
        );
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
