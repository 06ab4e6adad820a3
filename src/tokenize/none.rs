//! The `none` tokenizer: the line as it is (`tokenizer_none.py`).

use super::Tokenizer;

/// Leaves the line unchanged.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizerNone;

impl Tokenizer for TokenizerNone {
    fn signature(&self) -> &'static str {
        "none"
    }

    fn tokenize(&self, line: &str) -> String {
        line.to_string()
    }
}
