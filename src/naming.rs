//! System names: what a report calls each system output.
//!
//! A name is the file's stem (`newstest2021.en-de.hyp.X.de` → `newstest2021.en-de.hyp.X`,
//! `.gz` and the last extension dropped), lengthened by parent directories only where
//! two files would otherwise share a name: `a/out.txt b/out.txt` → `a/out`, `b/out`
//! (sacreBLEU accepts such inputs; so must we). `NAME=PATH` names a file explicitly, as
//! `-i base=runs/2026-11/out.txt`. The same file given twice is scored once.

use std::path::{Path, PathBuf};

/// A system argument: an explicit name, if any, and the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemArg {
    /// The name given with `NAME=PATH`.
    pub name: Option<String>,
    /// The file (`-` is stdin).
    pub path: PathBuf,
}

impl SystemArg {
    /// Reads `NAME=PATH`. The argument is a plain path when it names an existing file,
    /// when nothing precedes `=`, or when the part before `=` holds a `/` (it is then a
    /// directory, as in `runs/a=b/out.txt`).
    pub fn parse(arg: &Path) -> SystemArg {
        let plain = SystemArg {
            name: None,
            path: arg.to_path_buf(),
        };
        let Some(text) = arg.to_str() else {
            return plain;
        };
        if arg.exists() {
            return plain;
        }
        match text.split_once('=') {
            Some((name, path)) if !name.is_empty() && !name.contains('/') && !path.is_empty() => {
                SystemArg {
                    name: Some(name.to_string()),
                    path: PathBuf::from(path),
                }
            }
            _ => plain,
        }
    }
}

/// The stem of a file name: without `.gz` and the last extension (a leading dot is kept:
/// `.hidden` stays `.hidden`). stdin (`-`) is `stdin`.
pub fn stem(path: &Path) -> String {
    if path == Path::new("-") {
        return "stdin".to_string();
    }
    let mut name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    if let Some(s) = name.strip_suffix(".gz") {
        name = s.to_string();
    }
    match name.rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name,
    }
}

/// The name built from the last `depth` components of `path` (the last one stemmed).
fn suffix_name(path: &Path, depth: usize) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "/")
        .collect();
    let n = parts.len();
    let take = depth.min(n).max(1);
    let mut out: Vec<String> = parts[n.saturating_sub(take)..n.saturating_sub(1)].to_vec();
    out.push(stem(path));
    out.join("/")
}

fn depth_of(path: &Path) -> usize {
    path.components()
        .filter(|c| c.as_os_str() != "/")
        .count()
        .max(1)
}

/// Whether two paths are the same file (device and inode; never true for stdin or a
/// file that does not exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if a == Path::new("-") || b == Path::new("-") {
        return false;
    }
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Drops later arguments that name the same file as an earlier one (a baseline given
/// first and matched again by a glob); returns the kept arguments and the dropped paths.
pub fn dedupe(args: Vec<SystemArg>) -> (Vec<SystemArg>, Vec<PathBuf>) {
    let mut kept: Vec<SystemArg> = Vec::with_capacity(args.len());
    let mut dropped = Vec::new();
    for a in args {
        if kept.iter().any(|k| same_file(&k.path, &a.path)) {
            dropped.push(a.path);
        } else {
            kept.push(a);
        }
    }
    (kept, dropped)
}

/// Names every system: explicit names as given, the others by the shortest path
/// suffix that no other system shares (see the module docs). Errors when two explicit
/// names are equal, or when two different files cannot be told apart by their paths.
pub fn names(args: &[SystemArg]) -> Result<Vec<String>, String> {
    let mut depth: Vec<usize> = vec![1; args.len()];
    let name_at = |i: usize, depth: &[usize]| match &args[i].name {
        Some(n) => n.clone(),
        None => suffix_name(&args[i].path, depth[i]),
    };
    loop {
        let current: Vec<String> = (0..args.len()).map(|i| name_at(i, &depth)).collect();
        let mut grew = false;
        let mut clash: Option<(usize, usize)> = None;
        for i in 0..args.len() {
            for j in 0..args.len() {
                if i == j || current[i] != current[j] {
                    continue;
                }
                clash.get_or_insert((i.min(j), i.max(j)));
                if args[i].name.is_none() && depth[i] < depth_of(&args[i].path) {
                    depth[i] += 1;
                    grew = true;
                    break;
                }
            }
        }
        match clash {
            None => return Ok(current),
            Some(_) if grew => continue,
            Some((i, j)) => {
                let short = |k: usize| args[k].name.clone().unwrap_or_else(|| stem(&args[k].path));
                return Err(format!(
                    "two systems are named '{}' ({} and {}); name them with -i NAME=PATH",
                    if args[i].name.is_some() {
                        short(i)
                    } else {
                        short(j)
                    },
                    args[i].path.display(),
                    args[j].path.display()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(paths: &[&str]) -> Vec<SystemArg> {
        paths
            .iter()
            .map(|p| SystemArg::parse(Path::new(p)))
            .collect()
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Path::new("a/b/sys.A.de")), "sys.A");
        assert_eq!(stem(Path::new("x.txt.gz")), "x");
        assert_eq!(stem(Path::new("plain")), "plain");
        assert_eq!(stem(Path::new(".hidden")), ".hidden");
        assert_eq!(stem(Path::new("-")), "stdin");
    }

    // See: issue 10, "System names collide where users do not expect it".
    #[test]
    fn shortest_distinguishing_suffix() {
        assert_eq!(
            names(&args(&["a/out.txt", "b/out.txt"])).unwrap(),
            ["a/out", "b/out"]
        );
        assert_eq!(
            names(&args(&["sysA/part-00007", "sysB/part-00007"])).unwrap(),
            ["sysA/part-00007", "sysB/part-00007"]
        );
        assert_eq!(names(&args(&["x/a.bn", "y/b.bn"])).unwrap(), ["a", "b"]);
        assert_eq!(
            names(&args(&["out.txt", "a/out.txt"])).unwrap(),
            ["out", "a/out"]
        );
        assert_eq!(
            names(&args(&["r/1/x/o.de", "r/2/x/o.de", "q.de"])).unwrap(),
            ["1/x/o", "2/x/o", "q"]
        );
        // Only the colliding names grow.
        assert_eq!(
            names(&args(&["d/a/o.txt", "d/b/o.txt", "d/c/p.txt"])).unwrap(),
            ["a/o", "b/o", "p"]
        );
        let e = names(&args(&["o.de", "o.en"])).unwrap_err();
        assert!(e.contains("name them with -i NAME=PATH"), "{e}");
    }

    #[test]
    fn explicit_names() {
        let a = args(&["base=runs/out.txt", "new=runs2/out.txt", "x/out.txt"]);
        assert_eq!(a[0].name.as_deref(), Some("base"));
        assert_eq!(a[0].path, Path::new("runs/out.txt"));
        assert_eq!(names(&a).unwrap(), ["base", "new", "out"]);
        // A name that collides with an explicit one grows; explicit ones never do.
        assert_eq!(
            names(&args(&["out=a.txt", "d/out.txt"])).unwrap(),
            ["out", "d/out"]
        );
        assert!(names(&args(&["s=a.txt", "s=b.txt"])).is_err());
        // Not names: `=` with nothing before it, a directory before it.
        assert_eq!(SystemArg::parse(Path::new("=x")).name, None);
        assert_eq!(SystemArg::parse(Path::new("a/b=c/d")).name, None);
    }

    #[test]
    fn the_same_file_twice_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("base.txt");
        std::fs::write(&p, "x\n").unwrap();
        let q = dir.path().join("other.txt");
        std::fs::write(&q, "y\n").unwrap();
        let again = dir.path().join(".").join("base.txt");
        let (kept, dropped) = dedupe(vec![
            SystemArg {
                name: None,
                path: p.clone(),
            },
            SystemArg {
                name: None,
                path: q.clone(),
            },
            SystemArg {
                name: None,
                path: again.clone(),
            },
        ]);
        assert_eq!(kept.len(), 2);
        assert_eq!(dropped, [again]);
        // An existing file whose name holds `=` is a path.
        let eq = dir.path().join("a=b.txt");
        std::fs::write(&eq, "z\n").unwrap();
        assert_eq!(SystemArg::parse(&eq).name, None);
    }
}
