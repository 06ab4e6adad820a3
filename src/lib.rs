//! # mteval
//!
//! Translation-quality evaluation: BLEU, chrF, chrF++ and TER with scores and signatures
//! identical to sacreBLEU 2.6.0, computed from mergeable per-segment statistics.
//!
//! Data flows one way:
//!
//! ```text
//! argv -cli-> Config -corpus-> Corpus -metrics (per segment)-> Vec<Stats> per (system, metric)
//!   -sum-> Score + Signature -> Report -writer(text|json|csv|markdown)-> output
//! ```
#![deny(missing_docs)]

pub mod corpus;
pub mod entities;
pub mod error;
pub mod metrics;
pub mod text;
pub mod tokenize;

pub use error::{Error, ErrorKind, Result};
