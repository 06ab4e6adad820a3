//! Prints every line of a file tokenized as BLEU sees it (tokens joined by one space):
//! `cargo run --release --example tokenize_lines -- TOKENIZER FILE`. Used by
//! `scripts/tokenizer_diff.py` to compare mteval's tokens with sacreBLEU's.

use std::io::{BufWriter, Write};

use mteval::tokenize::TokenizerKind;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, name, file] = &args[..] else {
        return Err("usage: tokenize_lines TOKENIZER FILE".into());
    };
    let kind: TokenizerKind = name.parse()?;
    let model = kind.load_model(&Default::default())?;
    let text = std::fs::read_to_string(file)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in text.split('\n') {
        let mut first = true;
        let mut emit = |t: &str| {
            if !first {
                let _ = out.write_all(b" ");
            }
            first = false;
            let _ = out.write_all(t.as_bytes());
        };
        match &model {
            Some(m) => m.for_each_token(line, &mut emit),
            None => kind.for_each_token(line, &mut emit),
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}
