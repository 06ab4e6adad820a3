//! The module structure the code promises: data flows one way, so no two modules of
//! `src/` import each other, directly or through others. Read from the sources (every
//! `crate::<module>` a file names outside comments and its unit tests), with a folder
//! (`metrics/`, `report/`) counted as one module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::root;

/// The top-level module a source file belongs to: `src/gate.rs` -> `gate`,
/// `src/report/run.rs` -> `report`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `module -> modules it imports`, from code lines (comments, the trailing
/// `#[cfg(test)] mod tests` of each file and `tests.rs` files left out). `lib.rs` and `main.rs` (which
/// declare and dispatch every module) and `fuzz.rs` (entry points over everything) are
/// left out.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let from = module_of(&src, &f);
        // Unit tests in a file of their own (`mod tests;`) are tests, not structure.
        if ["lib", "main", "fuzz"].contains(&from.as_str()) || f.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(i) => &text[..i],
            None => &text[..],
        };
        let deps = graph.entry(from.clone()).or_default();
        let code: String = code
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        for name in crate_paths(&code) {
            if name != from && name != "Error" && name != "Result" {
                deps.insert(name);
            }
        }
    }
    graph
}

/// The first segment of every `crate::` path in `code`, grouped imports included:
/// `crate::gate::x` gives `gate`, `use crate::{config, gate::y}` gives `config` and
/// `gate`.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            // The top-level items of the group, up to its closing brace.
            let (mut depth, mut item) = (0usize, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 || c != '{' {
                    item.push(c);
                }
            }
            out.push(ident(&item));
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

/// A cycle through `start`, if any (depth-first).
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        g: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in g.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(g, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = imports();
    assert!(graph.len() > 20, "the sources were not found: {graph:?}");
    for m in graph.keys() {
        if let Some(c) = cycle_from(&graph, m) {
            panic!("import cycle: {}", c.join(" -> "));
        }
    }
}

/// The detector itself finds a cycle and every form of import (a test that cannot fail
/// proves nothing).
#[test]
fn a_cycle_is_found() {
    assert_eq!(
        crate_paths("use crate::{config, gate::{a, b},\n    report};\nlet x = crate::plan::y;"),
        ["config", "gate", "report", "plan"]
    );
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("config".into())
        .or_default()
        .insert("pipeline".into());
    g.entry("pipeline".into())
        .or_default()
        .insert("gate".into());
    g.entry("gate".into()).or_default().insert("config".into());
    assert_eq!(
        cycle_from(&g, "config").unwrap(),
        ["config", "pipeline", "gate", "config"]
    );
    g.get_mut("gate").unwrap().clear();
    assert_eq!(cycle_from(&g, "config"), None);
}

/// Writers render, they do not compute: only `report/` encodes CSV and JSON text.
#[test]
fn only_the_report_module_encodes_csv_and_json() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files {
        let m = module_of(&src, &f);
        let text = std::fs::read_to_string(&f).unwrap();
        for needle in ["csv::Writer", "to_string_pretty"] {
            if text.contains(needle) {
                assert_eq!(m, "report", "{} uses {needle}", f.display());
            }
        }
    }
}
