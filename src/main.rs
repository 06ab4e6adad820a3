//! The `mteval` binary: parse arguments, run, map errors to exit codes.
//! Everything else lives in the library.

use std::process::ExitCode;

use mteval::cli::{self, Parsed};

fn main() -> ExitCode {
    match cli::parse(std::env::args_os()).and_then(|p| match p {
        Parsed::Run(config) => mteval::run(*config),
        Parsed::Print(text) => {
            // Help and version: a closed pipe (`mteval --help | head -1`) is not an error.
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
    }) {
        Ok(code) => code,
        Err(e) => {
            mteval::error::stderr_line(&e.to_string());
            ExitCode::from(2)
        }
    }
}
