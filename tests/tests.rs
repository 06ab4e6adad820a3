//! The one integration test binary: each module covers one area.

mod cli;
mod compat;
mod entities;
mod entities_cli;
mod merge;
mod props;
mod run;
mod util;
