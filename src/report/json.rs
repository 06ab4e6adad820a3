//! The one JSON writer: pretty-printed, keys in the model's field order, a final
//! newline. Every JSON view (score, run, compare, entities) is its model serialised here.
//!
//! # `mteval score`'s format
//!
//! One object:
//!
//! ```json
//! {"results": [{"system": "sysA", "metric": "BLEU", "score": 32.1063…,
//!               "signature": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:mteval-0.1.0",
//!               "precisions": [..4], "bp": 1.0, "ratio": 1.02, "hyp_len": 564, "ref_len": 551,
//!               "counts": [..4], "totals": [..4]}],
//!  "segments": [{"system": "sysA", "metric": "BLEU", "index": 0, "score": 23.4}]}
//! ```
//!
//! Scores are unrounded. chrF rows carry `beta`, `char_order`, `word_order`; TER rows
//! `num_edits` and `ref_length`. `segments` appears only with `--sentence-level`, and
//! then BLEU rows carry `sentence_signature` (effective order, as sacreBLEU's `-sl`).

use serde::Serialize;

use crate::error::{Error, Result};

/// Encodes `value` as pretty-printed JSON with a final newline.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::config(format!("cannot encode JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}
