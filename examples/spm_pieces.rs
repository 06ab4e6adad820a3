//! Prints the SentencePiece pieces of every line of a file, tab-separated, one output
//! line per input line: the mteval side of `scripts/spm_diff.py`.
//!
//! `cargo run --release --example spm_pieces -- MODEL FILE [--time]`
//!
//! Lines are split on `\n` only (a `\r` stays in the line), as `spm_diff.py` reads them.
//! In the pieces, `\\`, TAB, LF and CR are written `\\\\`, `\\t`, `\\n` and `\\r`.
//! With `--time` nothing is printed; the encoding throughput goes to stderr.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: spm_pieces MODEL FILE [--time]");
        std::process::exit(2);
    }
    let model = match mteval::tokenize::SpmModel::open(std::path::Path::new(&args[0])) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("spm_pieces: {e}");
            std::process::exit(2);
        }
    };
    let text = match std::fs::read_to_string(&args[1]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("spm_pieces: {}: {e}", args[1]);
            std::process::exit(2);
        }
    };
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if args.get(2).map(String::as_str) == Some("--time") {
        let mut pieces = 0usize;
        let start = std::time::Instant::now();
        for line in text.split('\n') {
            model.for_each_piece(line, |_| pieces += 1);
        }
        let secs = start.elapsed().as_secs_f64();
        let chars = text.chars().count();
        eprintln!(
            "{chars} chars, {pieces} pieces in {secs:.4} s: {:.3e} chars/s",
            chars as f64 / secs
        );
        return;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in text.split('\n') {
        let mut first = true;
        model.for_each_piece(line, |p| {
            if !first {
                let _ = out.write_all(b"\t");
            }
            first = false;
            let _ = out.write_all(escape(p).as_bytes());
        });
        let _ = out.write_all(b"\n");
    }
}

/// The piece with `\\`, TAB, LF and CR escaped, so that pieces stay one field.
fn escape(p: &str) -> std::borrow::Cow<'_, str> {
    if !p.contains(['\\', '\t', '\n', '\r']) {
        return p.into();
    }
    p.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .into()
}
