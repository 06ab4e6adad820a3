//! README.md's examples run as written: every ```sh block is executed with bash (from a
//! scratch directory holding the shipped `corpora/`, with the built `mteval` first on
//! `PATH`) and must succeed; the `cargo` blocks are the commands `.ci/run` and a new
//! user run, checked against `.ci/run` rather than run recursively.

use std::process::Command;

use crate::util::{bin, root};

fn sh_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(_), "```") => blocks.push(current.take().expect("in a block")),
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// See: issue 10, "System names collide where users do not expect it" (README's own
/// shard example failed).
#[test]
fn readme_examples_run_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = sh_blocks(&readme);
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let bin_dir = std::path::Path::new(bin()).parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for block in &blocks {
        if block.trim_start().starts_with("cargo ") {
            let cmd = block.trim();
            if cmd.starts_with("cargo test") {
                assert!(
                    ci.contains(cmd),
                    ".ci/run must run README's test command `{cmd}`"
                );
            }
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(root().join("corpora"), dir.path().join("corpora")).unwrap();
        let o = Command::new("bash")
            .args(["-euo", "pipefail", "-c", block])
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .expect("bash runs");
        assert!(
            o.status.success(),
            "README block failed:\n{block}\nstderr: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 1, "README has runnable examples");
}
