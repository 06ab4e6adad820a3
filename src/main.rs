//! The `mteval` binary: parse arguments, run, map errors to exit codes.
//! Everything else lives in the library.

use std::process::ExitCode;

use mteval::cli::{self, Parsed};

/// Records whether stdout was closed when the process started (`mteval … >&-`). Rust's
/// runtime reopens a closed stdout on /dev/null before `main`, which would lose the
/// result with exit 0; a function in `.init_array` runs before that, as the C runtime
/// calls it ahead of `main`.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static RECORD_STDOUT: extern "C" fn() = {
    extern "C" fn record() {
        // SAFETY: fcntl(F_GETFD) only queries the descriptor's flags.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            mteval::report::output::STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    record
};

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
