//! Every metric option as the user gives it (`mteval score`'s flags, the manifest's
//! `[metrics.*]` keys), before any metric is built. Each metric reads its own options
//! from here ([`crate::metrics::Registered::check_settings`] and
//! [`crate::metrics::Registered::from_settings`]); the registry builds the metrics a
//! command names.

/// A range check shared by the metrics: `value` must lie in `min..=max`.
pub fn in_range<T: PartialOrd + std::fmt::Display>(
    what: &str,
    value: T,
    min: T,
    max: T,
) -> crate::error::Result<T> {
    if value < min || value > max {
        return Err(crate::error::Error::config(format!(
            "invalid {what} '{value}': must be between {min} and {max}"
        )));
    }
    Ok(value)
}

/// Metric options shared by `mteval score` flags and the manifest's `[metrics.*]`.
#[derive(Debug, Clone)]
pub struct MetricSettings {
    /// BLEU tokenizer name; `None` picks sacreBLEU's default for `target_lang`.
    pub tokenize: Option<String>,
    /// Target language (only used to pick the default tokenizer).
    pub target_lang: Option<String>,
    /// Where the MeCab dictionary and the SentencePiece model are, if not in the
    /// default places.
    pub tokenizer_models: crate::tokenize::ModelPaths,
    /// BLEU smoothing method.
    pub smooth_method: String,
    /// BLEU smoothing value.
    pub smooth_value: Option<f64>,
    /// Lowercase for BLEU.
    pub bleu_lowercase: bool,
    /// chrF character order.
    pub chrf_char_order: usize,
    /// chrF word order for `chrf` (`chrf++` is always 2).
    pub chrf_word_order: usize,
    /// chrF beta.
    pub chrf_beta: u32,
    /// chrF keeps whitespace.
    pub chrf_whitespace: bool,
    /// Lowercase for chrF.
    pub chrf_lowercase: bool,
    /// chrF epsilon smoothing.
    pub chrf_eps_smoothing: bool,
    /// TER normalization.
    pub ter_normalized: bool,
    /// TER punctuation removal.
    pub ter_no_punct: bool,
    /// TER Asian-language support.
    pub ter_asian_support: bool,
    /// TER case sensitivity.
    pub ter_case_sensitive: bool,
}

impl Default for MetricSettings {
    fn default() -> Self {
        MetricSettings {
            tokenize: None,
            target_lang: None,
            tokenizer_models: Default::default(),
            smooth_method: "exp".to_string(),
            smooth_value: None,
            bleu_lowercase: false,
            chrf_char_order: 6,
            chrf_word_order: 0,
            chrf_beta: 2,
            chrf_whitespace: false,
            chrf_lowercase: false,
            chrf_eps_smoothing: false,
            ter_normalized: false,
            ter_no_punct: false,
            ter_asian_support: false,
            ter_case_sensitive: false,
        }
    }
}
