//! Significance tests (placeholder).
pub mod rng;
