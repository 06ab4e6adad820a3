//! Writing reports without ever losing a file: atomic replacement of one file or of a
//! whole report set, unpredictable temporary names, and no output that is an input.
//!
//! - One file ([`write_output`]) is written to a temporary file created exclusively
//!   (`O_EXCL`, random name, by the `tempfile` crate) in the same directory, then renamed
//!   over the target: a reader sees the old file or the new one, with the old file's
//!   permissions (a new file gets 0666 less the umask). A symlink to a regular file is
//!   refused, never written through nor replaced; a device or FIFO (`-o /dev/null`, also
//!   through a link: `-o /dev/stdout`) is written in place; `-` is stdout, which must be
//!   open. Several outputs of one command ([`write_outputs`]) are all staged before any
//!   is committed, so a failing one leaves the others unwritten.
//! - A report set ([`write_set`], `mteval run --out DIR`) is written into a new hidden
//!   directory beside `DIR`, which is then *exchanged* with `DIR` in one step
//!   (`renameat2(RENAME_EXCHANGE)` on Linux). Killed at any moment, `DIR` holds the
//!   complete old set or the complete new one. Other files in `DIR` (a README) are
//!   carried over. Where the file system cannot exchange, `DIR` is moved aside and the new
//!   directory renamed into place; a run killed between the two renames leaves the old
//!   set in the moved-aside directory, which the next run puts back.
//! - Temporary files and directories of a killed run are removed by the next write to the
//!   same place.
//! - [`refuse_inputs`] refuses any output that is the same file as an input (same device
//!   and inode, so `./ref.txt`, `ref.txt` and a hard link all count).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, ErrorKind, Result};

/// Prefix of this module's temporary names: `.NAME.mteval-…`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.mteval-")
}

/// Removes leftovers of killed runs beside `path` (`.NAME.mteval-*`).
fn remove_stale(dir: &Path, name: &str) {
    let prefix = temp_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let p = e.path();
            let _ = match e.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(&p),
                _ => std::fs::remove_file(&p),
            };
        }
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Io,
                format!("{}: not a file path", display_path(path)),
            )
        })
}

/// Writes `content` to `path` atomically (see the module docs); `-` is stdout.
pub fn write_output(path: &Path, content: &str) -> Result<()> {
    write_outputs(&[(path, content)])
}

/// Writes several outputs of one command so that an error leaves none of them changed
/// where it can be avoided: every file is first written to its temporary file, then
/// stdout and devices are written, then the temporary files are renamed into place. Two
/// outputs may not be the same file (`--emit-stats x -o x`).
pub fn write_outputs(outputs: &[(&Path, &str)]) -> Result<()> {
    refuse_same_outputs(&outputs.iter().map(|(p, _)| *p).collect::<Vec<_>>())?;
    let mut staged = Vec::new();
    for (path, content) in outputs {
        staged.push(stage(path, content)?);
    }
    for s in &mut staged {
        s.write_direct()?;
    }
    for s in staged {
        s.persist()?;
    }
    Ok(())
}

/// An output ready to be committed.
struct Staged<'a> {
    path: &'a Path,
    kind: Target<'a>,
}

enum Target<'a> {
    /// Stdout, written at commit time.
    Stdout(&'a str),
    /// A device or pipe (`/dev/null`, `/dev/stdout`), written in place at commit time.
    Device(&'a str),
    /// A regular file: the complete temporary file, renamed over the target at commit
    /// time, and the permissions to give it (the old file's, else 0666 less the umask).
    File(
        Option<tempfile::NamedTempFile>,
        Option<std::fs::Permissions>,
    ),
}

/// Set by the binary when stdout was closed at startup (`mteval … >&-`): Rust's runtime
/// then puts /dev/null there, and the result would be lost with exit 0.
pub static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the process's stdout is open (see [`STDOUT_CLOSED`]).
pub fn stdout_is_open() -> bool {
    // SAFETY: fcntl(F_GETFD) only queries the descriptor's flags.
    !STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
        && unsafe { libc::fcntl(1, libc::F_GETFD) != -1 }
}

fn stage<'a>(path: &'a Path, content: &'a str) -> Result<Staged<'a>> {
    if path == Path::new("-") {
        if !stdout_is_open() {
            return Err(Error::new(
                ErrorKind::Io,
                "<stdout>: is closed: nowhere to write the result",
            ));
        }
        return Ok(Staged {
            path,
            kind: Target::Stdout(content),
        });
    }
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link && std::fs::metadata(path).is_err() {
        // A dangling link: replacing it would break the user's link, creating its target
        // would follow a link mteval did not create.
        return Err(Error::new(
            ErrorKind::Io,
            format!(
                "{}: is a symbolic link to a file that does not exist: give a file path",
                display_path(path)
            ),
        ));
    }
    let mut permissions = None;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(Error::new(
                ErrorKind::Io,
                format!("{}: is a directory", display_path(path)),
            ));
        }
        // A device or pipe (also through a link: `-o /dev/stdout`) is written in place:
        // renaming over it would replace the device node or the system's link.
        if !meta.is_file() {
            return Ok(Staged {
                path,
                kind: Target::Device(content),
            });
        }
        if link {
            // Writing through would follow a link mteval did not create; replacing it
            // would silently break the user's link. Neither: say which file to give.
            let target = std::fs::canonicalize(path)
                .map(|t| display_path(&t))
                .unwrap_or_default();
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: is a symbolic link to {target}: give that file (or remove the link) to write it",
                    display_path(path)
                ),
            ));
        }
        permissions = Some(meta.permissions());
    }
    let dir = parent_of(path);
    let name = file_name(path)?;
    remove_stale(dir, &name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        // 0666 before the umask, as any new file: tempfile's default 0600 would hide
        // reports from the rest of a team.
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, &e))?;
    tmp.write_all(content.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(path, &e))?;
    Ok(Staged {
        path,
        kind: Target::File(Some(tmp), permissions),
    })
}

impl Staged<'_> {
    /// Writes stdout or a device; files wait for [`Staged::persist`].
    fn write_direct(&mut self) -> Result<()> {
        match &self.kind {
            Target::Stdout(content) => {
                let mut out = std::io::stdout().lock();
                match out.write_all(content.as_bytes()).and_then(|_| out.flush()) {
                    // A closed pipe (`mteval … | head`) is the reader's choice, not an error.
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::new(
                        ErrorKind::Io,
                        format!("<stdout>: cannot write: {e}"),
                    )),
                    _ => Ok(()),
                }
            }
            Target::Device(content) => std::fs::OpenOptions::new()
                .write(true)
                .open(self.path)
                .and_then(|mut f| f.write_all(content.as_bytes()))
                .map_err(|e| Error::io(self.path, &e)),
            Target::File(..) => Ok(()),
        }
    }

    /// Renames a staged file over its target, keeping the old file's permissions.
    fn persist(self) -> Result<()> {
        if let Target::File(Some(tmp), permissions) = self.kind {
            if let Some(p) = permissions {
                tmp.as_file()
                    .set_permissions(p)
                    .map_err(|e| Error::io(self.path, &e))?;
            }
            tmp.persist(self.path)
                .map_err(|e| Error::io(self.path, &e.error))?;
        }
        Ok(())
    }
}

/// Refuses two outputs that are one file: the same path spelled twice (`x`, `./x`) or
/// two names of one existing file.
pub fn refuse_same_outputs(outputs: &[&Path]) -> Result<()> {
    let key = |p: &Path| -> Option<PathBuf> {
        let abs = std::path::absolute(p).ok()?;
        // Normalise `.` components; the parent is canonicalised when it exists so that
        // `dir/../x` and `x` agree.
        let parent = abs
            .parent()
            .map(|d| std::fs::canonicalize(d).unwrap_or(d.to_path_buf()));
        Some(match (parent, abs.file_name()) {
            (Some(d), Some(n)) => d.join(n),
            _ => abs,
        })
    };
    let files: Vec<&Path> = outputs
        .iter()
        .copied()
        .filter(|p| *p != Path::new("-"))
        .collect();
    for (i, a) in files.iter().enumerate() {
        for b in &files[i + 1..] {
            let same_id = identity(a).is_some() && identity(a) == identity(b);
            if same_id || key(a) == key(b) {
                return Err(Error::config(format!(
                    "{}: two outputs are the same file ({} too)",
                    display_path(a),
                    display_path(b)
                )));
            }
        }
    }
    Ok(())
}

/// Writes the files `(name, content)` as one set into the directory `dir` (see the
/// module docs): afterwards `dir` holds exactly the new set plus its other files.
pub fn write_set(dir: &Path, files: &[(&str, String)]) -> Result<()> {
    let parent = parent_of(dir);
    let name = file_name(dir)?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    restore_moved_aside(dir, parent, &name)?;
    remove_stale(parent, &name);
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{}new-", temp_prefix(&name)))
        .tempdir_in(parent)
        .map_err(|e| Error::io(dir, &e))?;
    for (file, content) in files {
        let p = tmp.path().join(file);
        std::fs::File::create(&p)
            .and_then(|mut f| {
                f.write_all(content.as_bytes())?;
                f.sync_all()
            })
            .map_err(|e| Error::io(&dir.join(file), &e))?;
    }
    match std::fs::symlink_metadata(dir) {
        Err(_) => {
            // No old set: the new directory simply takes the name.
            let new = tmp.keep();
            std::fs::rename(&new, dir).map_err(|e| Error::io(dir, &e))?;
        }
        Ok(m) if m.file_type().is_symlink() => {
            // The set replaces the directory whole, which would replace the link itself.
            return Err(Error::new(
                ErrorKind::Io,
                format!(
                    "{}: is a symbolic link: give the directory it points to",
                    display_path(dir)
                ),
            ));
        }
        Ok(m) if !m.is_dir() => {
            return Err(Error::new(
                ErrorKind::Io,
                format!("{}: exists and is not a directory", display_path(dir)),
            ));
        }
        Ok(_) => {
            // Carry the directory's other files over (hard links; copies across devices).
            let ours: Vec<&str> = files.iter().map(|(f, _)| *f).collect();
            let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
            for e in entries.flatten() {
                let n = e.file_name();
                if ours.iter().any(|o| n == **o) {
                    continue;
                }
                let (from, to) = (e.path(), tmp.path().join(&n));
                let carried = if e.file_type().is_ok_and(|t| t.is_dir()) {
                    copy_dir(&from, &to)
                } else {
                    std::fs::hard_link(&from, &to)
                        .or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
                };
                carried.map_err(|err| Error::io(&from, &err))?;
            }
            exchange(tmp.path(), dir)?;
            // `tmp` now holds the old set; dropping it removes it.
        }
    }
    sync_dir(parent);
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)?.flatten() {
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// The name a set is moved aside to when the file system cannot exchange directories.
fn aside(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.mteval-previous"))
}

/// A run killed between moving the old set aside and renaming the new one into place
/// left no `dir`: put the old set back.
fn restore_moved_aside(dir: &Path, parent: &Path, name: &str) -> Result<()> {
    let old = aside(parent, name);
    if std::fs::symlink_metadata(dir).is_err() && old.is_dir() {
        std::fs::rename(&old, dir).map_err(|e| Error::io(dir, &e))?;
    }
    Ok(())
}

/// Swaps the directories `a` and `b` in one step where the system can, else by two
/// renames through the moved-aside name.
fn exchange(a: &Path, b: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes()).map_err(|_| bad_path(a))?;
        let cb = CString::new(b.as_os_str().as_bytes()).map_err(|_| bad_path(b))?;
        // SAFETY: both paths are valid NUL-terminated strings that outlive the call;
        // renameat2 only reads them.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if !matches!(
            err.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        ) {
            return Err(Error::io(b, &err));
        }
    }
    // Fallback: move the old set aside, move the new one in, move the old one to `a`.
    let parent = parent_of(b);
    let name = file_name(b)?;
    let old = aside(parent, &name);
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(b, &old).map_err(|e| Error::io(b, &e))?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&old, b);
        return Err(Error::io(b, &e));
    }
    std::fs::rename(&old, a).map_err(|e| Error::io(a, &e))
}

#[cfg(target_os = "linux")]
fn bad_path(p: &Path) -> Error {
    Error::new(
        ErrorKind::Io,
        format!("{}: path contains a NUL byte", display_path(p)),
    )
}

/// Makes the renames in `dir` durable (best effort).
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// The device and inode of an existing path (following symlinks).
fn identity(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

/// Refuses to write any of `outputs` when it is the same file as one of `inputs`
/// (compared by device and inode, not by name). `-` (stdout/stdin) is never compared.
pub fn refuse_inputs(outputs: &[&Path], inputs: &[&Path]) -> Result<()> {
    for out in outputs.iter().filter(|p| **p != Path::new("-")) {
        let Some(id) = identity(out) else { continue };
        if let Some(inp) = inputs
            .iter()
            .filter(|p| **p != Path::new("-"))
            .find(|p| identity(p) == Some(id))
        {
            return Err(Error::config(format!(
                "{}: refusing to write over an input file ({} is also read)",
                display_path(out),
                display_path(inp)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_is_replaced_whole_and_other_files_kept() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("reports");
        write_set(&dir, &[("a.md", "old a".into()), ("b.csv", "old b".into())]).expect("first");
        std::fs::write(dir.join("README.md"), "keep me").expect("readme");
        write_set(&dir, &[("a.md", "new a".into()), ("b.csv", "new b".into())]).expect("second");
        assert_eq!(std::fs::read_to_string(dir.join("a.md")).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(dir.join("b.csv")).unwrap(), "new b");
        assert_eq!(
            std::fs::read_to_string(dir.join("README.md")).unwrap(),
            "keep me"
        );
        let leftovers: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_killed_run_leaves_nothing_behind_after_the_next() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("out");
        write_set(&dir, &[("a", "1".into())]).expect("write");
        // What a run killed mid-write leaves: a half-written new directory.
        std::fs::create_dir(root.path().join(".out.mteval-new-XYZ")).unwrap();
        std::fs::write(root.path().join(".out.mteval-new-XYZ/a"), "half").unwrap();
        // Killed between the fallback's two renames: the old set moved aside, no `out`.
        std::fs::rename(&dir, root.path().join(".out.mteval-previous")).unwrap();
        write_set(&dir, &[("a", "2".into())]).expect("write");
        assert_eq!(std::fs::read_to_string(dir.join("a")).unwrap(), "2");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    // See: issue 10, "Temp files are predictable and followed through symlinks".
    #[test]
    fn planted_symlinks_are_never_followed() {
        let root = tempfile::tempdir().expect("tempdir");
        let victim = root.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let out = root.path().join("out.txt");
        // The old predictable temporary name, and the output itself, as symlinks.
        std::os::unix::fs::symlink(&victim, root.path().join(".out.txt.mteval-tmp-1")).unwrap();
        write_output(&out, "report").expect("write");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "report");
        // A link at the output itself is refused: neither followed nor replaced.
        let link = root.path().join("link.txt");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_output(&link, "report").unwrap_err();
        assert!(e.to_string().contains("is a symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        // A link to a device is written through: `-o /dev/stdout`.
        let null = root.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        write_output(&null, "gone").expect("device");
        assert!(std::fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn new_files_follow_the_umask_and_old_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("new.txt");
        write_output(&out, "x").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert!(
            mode & 0o044 != 0 || mode == 0o600,
            "group/other read under umask 022: {mode:o}"
        );
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_output(&out, "y").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn two_outputs_may_not_be_one_file_and_a_failing_one_writes_none() {
        let root = tempfile::tempdir().expect("tempdir");
        let a = root.path().join("x.out");
        let dot = root.path().join(".").join("x.out");
        let e = write_outputs(&[(&a, "1"), (&dot, "2")]).unwrap_err();
        assert!(
            e.to_string().contains("two outputs are the same file"),
            "{e}"
        );
        assert!(!a.exists());
        // The second output fails (a directory): the first is not written.
        let d = root.path().join("dir");
        std::fs::create_dir(&d).unwrap();
        assert!(write_outputs(&[(&a, "1"), (&d, "2")]).is_err());
        assert!(!a.exists());
    }

    // See: issue 10, "An output path that is an input".
    #[test]
    fn an_input_is_never_an_output() {
        let root = tempfile::tempdir().expect("tempdir");
        let r = root.path().join("ref.txt");
        std::fs::write(&r, "x").unwrap();
        let link = root.path().join("alias.txt");
        std::fs::hard_link(&r, &link).unwrap();
        let e = refuse_inputs(&[&link], &[&r]).unwrap_err();
        assert!(
            e.to_string().contains("refusing to write over an input"),
            "{e}"
        );
        assert!(refuse_inputs(&[&root.path().join("new.txt")], &[&r]).is_ok());
    }
}
