//! The one integration test binary: each module covers one area.

mod cli;
mod compat;
mod entities;
mod entities_cli;
mod entities_gold;
mod merge;
mod props;
mod run;
mod util;
