//! The one integration test binary: each module covers one area.

mod architecture;
mod bad_input;
mod breakdowns;
mod cli;
mod compat;
mod entities;
mod entities_cli;
mod entities_gold;
mod examples;
mod external;
mod fuzz_regressions;
mod html;
mod merge;
mod props;
mod readme;
mod run;
mod sacrebleu_cli;
mod tokenizers_golden;
mod util;
