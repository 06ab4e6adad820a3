//! The `mteval` binary: parse arguments, run, map errors to exit codes.
//! Everything else lives in the library.

use std::process::ExitCode;

use mteval::cli::{self, Parsed};
use mteval::pipeline::Progress;

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
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // sacreBLEU's command line is read by its own parser (argparse's rules, not clap's).
    if argv.get(1).is_some_and(|a| a == "sacrebleu") {
        let code = mteval::sacrebleu_cli::main(
            &argv[2..],
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    match cli::parse(argv).and_then(|p| match p {
        Parsed::Run(config) => {
            let quiet = !matches!(&*config, mteval::config::Config::Run(c) if !c.quiet);
            let bar = Bar::new(quiet);
            let done = mteval::run(*config, &bar)?;
            if let (false, Some(s)) = (quiet, &done.summary) {
                use std::io::Write;
                let _ = std::io::stderr().lock().write_all(s.as_bytes());
            }
            Ok(done.code)
        }
        Parsed::Print(text) => {
            if !mteval::report::output::stdout_is_open() {
                return Err(mteval::Error::config(
                    "<stdout>: is closed: nowhere to print the help",
                ));
            }
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

/// indicatif's progress bar on stderr, hidden when stderr is not a terminal (CI logs,
/// pipes) or with `--quiet`.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = if quiet {
            indicatif::ProgressBar::hidden()
        } else {
            // `stderr()` draws nothing when stderr is not a terminal.
            indicatif::ProgressBar::with_draw_target(
                Some(0),
                indicatif::ProgressDrawTarget::stderr(),
            )
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, steps: u64) {
        self.0.set_length(steps);
    }
    fn step(&self, what: &str) {
        self.0.set_message(what.to_string());
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
