//! The `mteval` binary: parse arguments, run, map errors to exit codes.
//! Everything else lives in the library.

use std::process::ExitCode;

use mteval::cli::{self, Parsed};

fn main() -> ExitCode {
    match cli::parse(std::env::args_os()).and_then(|p| match p {
        Parsed::Run(config) => mteval::run(config),
        Parsed::Print(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
    }) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mteval: {e}");
            ExitCode::from(2)
        }
    }
}
