//! Cross-script entity checks (stub while building).
pub mod align;
pub mod distance;
pub mod morph;
pub mod normalize;
pub mod phonetic;
