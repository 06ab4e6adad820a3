//! The report models and their views.
//!
//! A [`ScoreReport`] holds everything `mteval score` computed: one [`ResultRow`] per
//! system × metric and, with `--sentence-level`, one [`SegmentRow`] per segment; a
//! [`run::RunReport`] everything `mteval run` computed; [`run::Comparison`] a comparison
//! of two run reports; [`crate::entities::EntityReport`] an entity check.
//!
//! Every model is rendered through one trait, [`Render`], and one dispatch on the format,
//! [`render`]; each format has one encoder: [`json::encode`] (the model serialised: the
//! stable contract), [`csv::encode`] (rows a view builds), [`markdown::escape`] and
//! [`latex::escape`] with [`table::Table`], and text tables; [`html`] renders the
//! self-contained pages (`report.html`, `score --format html`). Views only format what
//! was computed before; only text, Markdown, LaTeX and HTML round numbers. [`output`]
//! writes files atomically.

pub mod breakdown;
pub mod csv;
pub mod entities;
pub mod html;
pub mod json;
pub mod latex;
pub mod markdown;
pub mod output;
pub mod read;
pub mod run;
pub mod run_writers;
pub mod score;
pub mod table;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::{Score, ScoreDetails};

/// Everything `mteval score` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// One row per system × metric, systems in input order, metrics in `-m` order.
    pub results: Vec<ResultRow>,
    /// Sentence-level scores (only with `--sentence-level`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<SegmentRow>>,
}

/// A corpus-level score of one system under one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// System name (its file name without the last extension).
    pub system: String,
    /// sacreBLEU's metric name: `BLEU`, `chrF2`, `chrF2++`, `TER`.
    pub metric: String,
    /// The unrounded score.
    pub score: f64,
    /// sacreBLEU-format signature, with mteval's version.
    pub signature: String,
    /// Signature of the sentence-level scores, when they were computed and differ
    /// (BLEU switches to effective order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_signature: Option<String>,
    /// Bootstrap mean and 95% interval (with `--confidence` or `--paired-bs`): the keys
    /// `mean`, `ci`, `ci_low`, `ci_high`.
    #[serde(flatten)]
    pub estimate: crate::significance::Estimate,
    /// p-value against the baseline (first system) in paired mode; `null` for the
    /// baseline itself; absent when no paired test ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<Option<f64>>,
    /// Whether the p-value is significant (at most [`crate::significance::SACREBLEU_ALPHA`],
    /// the level sacreBLEU marks with `*`): decided with the scores, rendered by the text
    /// writer. Not in the JSON (it keeps sacreBLEU's fields).
    #[serde(skip)]
    pub significant: Option<bool>,
    /// Metric-specific details (BLEU precisions, brevity penalty, lengths, …).
    #[serde(flatten)]
    pub details: ScoreDetails,
}

impl ResultRow {
    /// The score with its details, for rendering.
    pub fn as_score(&self) -> Score {
        Score {
            score: self.score,
            details: self.details.clone(),
        }
    }
}

/// A sentence-level score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRow {
    /// System name.
    pub system: String,
    /// Metric name.
    pub metric: String,
    /// 0-based segment index.
    pub index: usize,
    /// The unrounded sentence score.
    pub score: f64,
    /// The score's details (BLEU's precisions, brevity penalty and lengths), for views
    /// that print them per segment (`mteval sacrebleu -sl`). Not in the JSON: sentence
    /// rows there keep the score alone.
    #[serde(skip)]
    pub details: Option<ScoreDetails>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// sacreBLEU-like text lines.
    Text,
    /// One JSON object (the stable contract).
    Json,
    /// CSV, one row per system × metric (and per segment).
    Csv,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// A LaTeX `booktabs` table (as sacreBLEU's and compare-mt's `latex`).
    Latex,
    /// A self-contained HTML page with tables and charts (`score` and `merge`).
    Html,
}

impl FromStr for ReportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<ReportFormat> {
        match s {
            "text" => Ok(ReportFormat::Text),
            "json" => Ok(ReportFormat::Json),
            "csv" => Ok(ReportFormat::Csv),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "latex" | "tex" => Ok(ReportFormat::Latex),
            "html" => Ok(ReportFormat::Html),
            _ => Err(Error::config(format!(
                "unknown format '{s}' (expected text, json, csv, markdown, latex or html)"
            ))),
        }
    }
}

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Decimals for text and Markdown (sacreBLEU's `--width`, default 1).
    pub width: usize,
    /// Text prints only the scores, one per line (sacreBLEU's `-b/--score-only`).
    pub score_only: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 1,
            score_only: false,
        }
    }
}

/// A computed model that renders in every [`ReportFormat`]: JSON is the model itself
/// (serialised), the other formats are views of it.
pub trait Render: Serialize {
    /// The human-readable text view.
    fn text(&self, opts: RenderOptions) -> String;
    /// The Markdown view (plain text escaped with [`markdown::escape`]).
    fn markdown(&self, opts: RenderOptions) -> String;
    /// The CSV view: rows of cells, the header first.
    fn csv_rows(&self) -> Vec<Vec<String>>;
    /// The LaTeX view: `booktabs` tables (plain text escaped with [`latex::escape`]).
    fn latex(&self, opts: RenderOptions) -> String;
    /// The HTML page, for the models that have one (the command line refuses `--format
    /// html` for the others before any work).
    fn html(&self, _opts: RenderOptions) -> Option<String> {
        None
    }
}

/// Renders `model` in `format`: the one place that dispatches on the format.
pub fn render<R: Render>(model: &R, format: ReportFormat, opts: RenderOptions) -> Result<String> {
    match format {
        ReportFormat::Text => Ok(model.text(opts)),
        ReportFormat::Json => json::encode(model),
        ReportFormat::Csv => csv::encode(model.csv_rows()),
        ReportFormat::Markdown => Ok(model.markdown(opts)),
        ReportFormat::Latex => Ok(model.latex(opts)),
        ReportFormat::Html => model
            .html(opts)
            .ok_or_else(|| Error::config("--format html is available for score and merge only")),
    }
}

pub use output::write_output;
