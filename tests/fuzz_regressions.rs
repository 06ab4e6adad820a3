//! Replays every input `cargo fuzz` ever crashed on (`fuzz/regressions/<target>/`,
//! copied there by `fuzz/run.sh`) through the same entry points the fuzz targets call
//! (`mteval::fuzz`), on the stable toolchain, so a fixed crash stays fixed.

use crate::util::root;

#[test]
fn fuzz_regressions_replay() {
    let mut replayed = 0;
    for (name, target) in mteval::fuzz::TARGETS {
        let dir = root().join("fuzz/regressions").join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} panics again", f.display());
            replayed += 1;
        }
    }
    // Every target has at least one kept input (a crash found, or a seed worth keeping).
    assert!(
        replayed >= mteval::fuzz::TARGETS.len(),
        "only {replayed} inputs replayed"
    );
}
