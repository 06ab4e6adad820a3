//! The bad-input matrix: one row per input a user can get wrong, across `score`,
//! `entities`, `run`, `compare` and `merge`. Each row gives the command, the exit code
//! and what its one stderr line must say; every row also checks that nothing was written
//! (`-o`/`--out` does not exist afterwards) and that no input changed.
//! See: issue 10 ("every input the tool accepts gives a right answer or a clear refusal").

use std::path::Path;

use crate::util::{root, run, stderr};

/// Files every row can use, under `d`.
fn fixtures(d: &Path) {
    let corpus = |name: &str| root().join("corpora/wmt21-hi-bn").join(name);
    let head = |src: &str, n: usize| -> String {
        let text = std::fs::read_to_string(corpus(src)).unwrap();
        text.lines().take(n).map(|l| format!("{l}\n")).collect()
    };
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w("ref.txt", head("ref.bn", 20).as_bytes());
    w("hyp.txt", head("sys/GTCOM.bn", 20).as_bytes());
    w("hyp2.txt", head("sys/UEdin.bn", 20).as_bytes());
    w("short.txt", head("sys/UEdin.bn", 19).as_bytes());
    w("one.txt", head("ref.bn", 1).as_bytes());
    w("one-hyp.txt", head("sys/GTCOM.bn", 1).as_bytes());
    w("empty.txt", b"");
    w(
        "bad-utf8.txt",
        &[head("ref.bn", 1).as_bytes(), b"caf\xe9\n"].concat(),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            head("ref.bn", 20)
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    w("utf16.txt", &utf16);
    let utf16_no_bom: Vec<u8> = "one line\nanother\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    w("utf16-nobom.txt", &utf16_no_bom);
    w(
        "mac.txt",
        head("sys/GTCOM.bn", 20).replace('\n', "\r").as_bytes(),
    );
    w("corrupt.gz", b"\x1f\x8b\x08\x00garbage");
    {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'\n'; 20_000_000]).unwrap();
        w("bomb.gz", &gz.finish().unwrap());
    }
    std::fs::create_dir_all(d.join("dir")).unwrap();
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::fs::create_dir_all(d.join("b")).unwrap();
    w("a/o.de", head("sys/GTCOM.bn", 20).as_bytes());
    w("a/o.en", head("sys/UEdin.bn", 20).as_bytes());
    // English source for entities, 20 lines.
    let src: String = std::fs::read_to_string(root().join("corpora/seeds-en-bn/src.en"))
        .unwrap()
        .lines()
        .take(20)
        .map(|l| format!("{l}\n"))
        .collect();
    w("src.en", src.as_bytes());
    let n = src.lines().count();
    w("hyp-src.txt", head("sys/GTCOM.bn", n).as_bytes());
    w("short-src.txt", head("sys/GTCOM.bn", n - 1).as_bytes());
    w("glossary.csv", b"id,lang,form\nx,en,Lavrov\nx,bn,\xff\n");
    w("docids.txt", b"a\nb\n");
    // Manifests.
    let ts = "[[testset]]\nname = \"t\"\nreferences = [\"ref.txt\"]\nsystems = [\"hyp.txt\", \"hyp2.txt\"]\n";
    w(
        "m-ok.toml",
        format!("[run]\nmetrics = [\"bleu\", \"chrf\"]\n{ts}").as_bytes(),
    );
    w(
        "m-key.toml",
        format!("[run]\nmetrics = [\"bleu\"]\ncolour = 1\n{ts}").as_bytes(),
    );
    w("m-gate.toml", format!("[run]\nmetrics = [\"bleu\", \"chrf\"]\n[gates]\nmin_score = {{ blue = 99, chrf2 = 99 }}\n{ts}").as_bytes());
    w("m-drop.toml", format!("[run]\nmetrics = [\"bleu\"]\n[gates]\nmax_drop = {{ chrf = 1 }}\nbaseline_report = \"x.json\"\n{ts}").as_bytes());
    w(
        "m-recall.toml",
        format!("[gates]\nmin_entity_recall = 1.5\n{ts}").as_bytes(),
    );
    w(
        "m-samples.toml",
        format!("[significance]\nsamples = 1000000000000\n{ts}").as_bytes(),
    );
    w(
        "m-width.toml",
        format!("[run]\nwidth = 70000\n{ts}").as_bytes(),
    );
    w(
        "m-glob.toml",
        b"[[testset]]\nname = \"t\"\nreferences = [\"ref.txt\"]\nsystems = [\"nothing/*.txt\"]\n",
    );
    w(
        "m-bomb.toml",
        b"[[testset]]\nname = \"t\"\nreferences = [\"bomb.gz\"]\nsystems = [\"hyp.txt\"]\n",
    );
    w("m-utf8.toml", b"[run]\nmetrics = [\"bleu\"]\n# caf\xe9\n");
    let m16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(ts.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    w("m-utf16.toml", &m16);
    w(
        "m-baseline.toml",
        format!("{ts}baseline = \"nobody\"\n").as_bytes(),
    );
    w("m-one.toml", b"[[testset]]\nname = \"t\"\nreferences = [\"one.txt\"]\nsystems = [\"one-hyp.txt\", \"one.txt\"]\n");
    w("m-names.toml", b"[[testset]]\nname = \"t\"\nreferences = [\"ref.txt\"]\nsystems = [\"a/o.de\", \"a/o.en\"]\n");
    // A report and statistics to break.
    let out = d.join("good-run");
    let o = run(&[
        "run",
        &d.join("m-ok.toml").to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::rename(out.join("report.json"), d.join("report.json")).unwrap();
    let report = std::fs::read_to_string(d.join("report.json")).unwrap();
    w("report-trunc.json", &report.as_bytes()[..report.len() / 2]);
    w(
        "report-v9.json",
        report
            .replacen("\"schema_version\": 1", "\"schema_version\": 9", 1)
            .as_bytes(),
    );
    w("report-utf8.json", &[report.as_bytes(), b"\n\xff"].concat());
    let mut v: serde_json::Value = serde_json::from_str(&report).unwrap();
    let first = v["testsets"][0]["systems"][0].clone();
    v["testsets"][0]["systems"]
        .as_array_mut()
        .unwrap()
        .push(first);
    w("report-dup.json", v.to_string().as_bytes());
    let mut v: serde_json::Value = serde_json::from_str(&report).unwrap();
    v["testsets"][0]["systems"].as_array_mut().unwrap().pop();
    w("report-fewer.json", v.to_string().as_bytes());
    let stats = d.join("s.jsonl");
    let o = run(&[
        "score",
        "-r",
        &d.join("ref.txt").to_string_lossy(),
        "-i",
        &d.join("hyp.txt").to_string_lossy(),
        "--emit-stats",
        &stats.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = std::fs::read_to_string(&stats).unwrap();
    w(
        "s-v1.jsonl",
        s.replace("\"mteval_stats\":2", "\"mteval_stats\":1")
            .as_bytes(),
    );
    w(
        "s-neg.jsonl",
        s.replacen("\"hyp_len\":", "\"hyp_len\":-", 1).as_bytes(),
    );
    w("s-utf8.jsonl", &[s.as_bytes(), b"\xff\n"].concat());
    // Statistics that no text gives (see: the reliability probe, "merge accepts
    // impossible statistics").
    let all = d.join("all.jsonl");
    let o = run(&[
        "score",
        "-r",
        &d.join("ref.txt").to_string_lossy(),
        "-i",
        &d.join("hyp.txt").to_string_lossy(),
        "-m",
        "bleu,chrf,ter",
        "--emit-stats",
        &all.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&all)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mutate = |name: &str, i: usize, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = records[i].clone();
        f(&mut v["sum"]);
        w(name, format!("{v}\n").as_bytes());
    };
    mutate("s-ter-huge.jsonl", 2, &|s| {
        s["edits"] = serde_json::json!(1e308)
    });
    mutate("s-bleu-noref.jsonl", 0, &|s| {
        s["ref_len"] = serde_json::json!(0)
    });
    mutate("s-chrf-order.jsonl", 1, &|s| {
        let first = s[0].clone();
        s[0] = s[1].clone();
        s[1] = first;
    });
    // Output through a link to a file that is not an input.
    w("victim.txt", b"precious\n");
    std::os::unix::fs::symlink(d.join("victim.txt"), d.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(
        d.join("nothing-here.txt"),
        d.parent().unwrap().join("dangling.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("dir"), d.parent().unwrap().join("outlink")).unwrap();
    mutate("s-bleu-bigrams.jsonl", 0, &|s| {
        s["totals"][1] = serde_json::json!(0)
    });
    mutate("s-bleu-matches.jsonl", 0, &|s| {
        s["matches"][1] = serde_json::json!(s["matches"][0].as_u64().unwrap() + 1)
    });
    mutate("s-ter-halfref.jsonl", 2, &|s| {
        s["ref_len"] = serde_json::json!(100.5)
    });
    w(
        "m-minscore.toml",
        format!("[run]\nmetrics = [\"bleu\"]\n[gates]\nmin_score = {{ bleu = -1 }}\n{ts}")
            .as_bytes(),
    );
    // Glossary with an unterminated quote; document ids with a blank one.
    w(
        "glossary-quote.csv",
        b"id,lang,form\nborrell,en,\"Borrell\nx,en,Lavrov\n",
    );
    let ids: String = (0..n)
        .map(|i| {
            if i == 2 {
                "\n".to_string()
            } else {
                format!("d{}\n", i / 5)
            }
        })
        .collect();
    w("docids-blank.txt", ids.as_bytes());
    w("gloss-none.csv", b"id,lang,form\nx,en,Nonexistentname\n");
    w(
        "m-smooth.toml",
        format!("[run]\nmetrics = [\"bleu\"]\n[metrics.bleu]\nsmooth_method = \"add-k\"\nsmooth_value = -1.0\n{ts}").as_bytes(),
    );
    w(
        "m-order.toml",
        format!("[run]\nmetrics = [\"chrf\"]\n[metrics.chrf]\nchar_order = 65\n{ts}").as_bytes(),
    );
    w(
        "m-empty.toml",
        format!("[run]\nmetrics = []\n{ts}").as_bytes(),
    );
    w(
        "m-alpha.toml",
        format!("[significance]\nalpha = 2.0\n{ts}").as_bytes(),
    );
    let bom = [&b"\xef\xbb\xbf"[..], report.as_bytes()].concat();
    w("report-bom.json", &bom);
}

/// `(arguments, exit code, needles of the stderr line)`; `{d}` is the fixture
/// directory, `{out}` an output path that must not exist afterwards.
const ROWS: &[(&str, i32, &[&str])] = &[
    // score: files
    ("score -r {d}/missing.txt -i {d}/hyp.txt -o {out}", 2, &["missing.txt"]),
    ("score -r {d}/ref.txt -i {d}/empty.txt -o {out}", 2, &["empty.txt", "empty"]),
    ("score -r {d}/ref.txt -i {d}/dir -o {out}", 2, &["dir", "directory"]),
    ("score -r {d}/ref.txt -i {d}/short.txt -o {out}", 2, &["short.txt", "has 19 lines", "has 20 lines"]),
    ("score -r {d}/ref.txt -i {d}/bad-utf8.txt -o {out}", 2, &["bad-utf8.txt:2: invalid UTF-8"]),
    ("score -r {d}/ref.txt -i {d}/utf16.txt -o {out}", 2, &["utf16.txt", "UTF-16", "iconv"]),
    ("score -r {d}/ref.txt -i {d}/utf16-nobom.txt -o {out}", 2, &["utf16-nobom.txt", "UTF-16"]),
    ("score -r {d}/ref.txt -i {d}/mac.txt -o {out}", 2, &["has 1 line", "lone CR"]),
    ("score -r {d}/ref.txt -i {d}/corrupt.gz -o {out}", 2, &["corrupt.gz", "gzip"]),
    ("score -r {d}/ref.txt -i {d}/bomb.gz -o {out}", 2, &["bomb.gz", "20000000 lines"]),
    // score: numbers and names
    ("score -r {d}/ref.txt -i {d}/hyp.txt -w 70000 -o {out}", 2, &["--width", "70000"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt {d}/hyp2.txt --paired-bs --paired-bs-n 1000000000000 -o {out}", 2, &["--paired-bs-n"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -j 20000 -o {out}", 2, &["--threads"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -j 0 -o {out}", 2, &["--threads"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -m chrf --chrf-char-order 65 -o {out}", 2, &["order", "65"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --smooth-method floor --smooth-value nan -o {out}", 2, &["--smooth-value"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -m meteor -o {out}", 2, &["meteor"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -l xyz -o {out}", 2, &["xyz"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -l enzh -o {out}", 2, &["enzh"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -nr 2 -o {out}", 2, &["-nr"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -f yaml -o {out}", 2, &["yaml", "latex"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --tokenize ja-mecab --mecab-dic {d} -o {out}", 2, &["sys.dic"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -l en-ko --mecab-dic {d}/ref.txt -o {out}", 2, &["ref.txt/sys.dic"]),
    ("score -r {d}/one.txt -i {d}/one-hyp.txt {d}/one.txt --paired-bs -o {out}", 2, &["bootstrap", "1 segment"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --shard 1/2 -o {out}", 2, &["--emit-stats"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --emit-stats {out} --shard 2/2", 2, &["--shard '2/2'"]),
    ("score -r {d}/ref.txt -i x={d}/hyp.txt x={d}/hyp2.txt -o {out}", 2, &["'x'", "NAME=PATH"]),
    ("score -r {d}/ref.txt -i {d}/a/o.de {d}/a/o.en -o {out}", 2, &["'o'", "NAME=PATH"]),
    ("score -r - -i - -o {out}", 2, &["stdin"]),
    // score: outputs that are inputs
    ("score -r {d}/ref.txt -i {d}/hyp.txt -o {d}/ref.txt", 2, &["ref.txt"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --emit-stats {d}/hyp.txt -o {out}", 2, &["hyp.txt"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --smooth-method add-k --smooth-value 1e308 --confidence -o {out}", 2, &["--smooth-value", "1000000"]),
    // score: outputs
    ("score -r {d}/ref.txt -i {d}/hyp.txt --emit-stats {out} -o {out}", 2, &["two outputs are the same file"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt --emit-stats {out} -o /dev/full", 2, &["/dev/full"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -o {d}/link.txt", 2, &["link.txt", "symbolic link", "victim.txt"]),
    ("score -r {d}/ref.txt -i {d}/hyp.txt -o {d}/../dangling.txt", 2, &["dangling.txt", "does not exist"]),
    ("score -r {d}/ref.txt -i {d}/empty.txt {d}/empty.txt --paired-bs -o {out}", 2, &["at least two systems", "given twice"]),
    // entities
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/hyp-src.txt --glossary {d}/glossary-quote.csv -o {out}", 2, &["glossary-quote.csv:2:", "unterminated quote"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/hyp-src.txt --docids {d}/docids-blank.txt -o {out}", 2, &["docids-blank.txt:3:", "empty document id"]),
    ("entities --source {d}/src.en --source-lang bn --target-lang bn -i {d}/hyp-src.txt -r {d}/hyp-src.txt -o {out}", 2, &["src.en", "Bengali script", "--source-lang"]),
    ("entities --source {d}/src.en --source-lang en --target-lang pl -i {d}/hyp-src.txt -o {out}", 2, &["'pl'"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/short-src.txt -o {out}", 2, &["short-src.txt:13", "missing line"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/hyp-src.txt -o {d}/src.en", 2, &["src.en"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/hyp-src.txt --glossary {d}/glossary.csv -o {out}", 2, &["glossary.csv:3: invalid UTF-8"]),
    ("entities --source {d}/hyp.txt --source-lang hi --target-lang bn -i {d}/hyp2.txt -o {out}", 2, &["reference"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/hyp-src.txt --docids {d}/docids.txt -o {out}", 2, &["docids.txt"]),
    ("entities --source {d}/src.en --source-lang en --target-lang bn -i {d}/utf16.txt -o {out}", 2, &["utf16.txt", "UTF-16"]),
    // run
    ("run {d}/m-key.toml --out {out}", 2, &["m-key.toml:3:", "colour"]),
    ("run {d}/m-gate.toml --out {out}", 2, &["m-gate.toml:4:", "blue"]),
    ("run {d}/m-drop.toml --out {out}", 2, &["m-drop.toml:4:", "chrf"]),
    ("run {d}/m-recall.toml --out {out}", 2, &["m-recall.toml:2:"]),
    ("run {d}/m-samples.toml --out {out}", 2, &["m-samples.toml:2:", "samples"]),
    ("run {d}/m-width.toml --out {out}", 2, &["m-width.toml:2:", "width"]),
    ("run {d}/m-glob.toml --out {out}", 2, &["m-glob.toml:4:", "nothing/*.txt"]),
    ("run {d}/m-bomb.toml --out {out}", 2, &["bomb.gz", "20000000 lines"]),
    ("run {d}/m-utf8.toml --out {out}", 2, &["m-utf8.toml:3: invalid UTF-8"]),
    ("run {d}/m-utf16.toml --out {out}", 2, &["m-utf16.toml", "UTF-16"]),
    ("run {d}/m-baseline.toml --out {out}", 2, &["m-baseline.toml:5:", "nobody"]),
    ("run {d}/m-one.toml --out {out}", 2, &["bootstrap", "1 segment"]),
    ("run {d}/m-names.toml --out {out}", 2, &["m-names.toml:4:", "NAME=PATH"]),
    ("run {d}/m-ok.toml --out {out} -j 0", 2, &["--threads"]),
    ("run {d}/missing.toml --out {out}", 2, &["missing.toml"]),
    ("run {d}/m-smooth.toml --out {out}", 2, &["m-smooth.toml:5:", "smooth_value"]),
    ("run {d}/m-order.toml --out {out}", 2, &["m-order.toml:4:", "char_order", "65"]),
    ("run {d}/m-empty.toml --out {out}", 2, &["m-empty.toml:2:", "metrics"]),
    ("run {d}/m-alpha.toml --out {out}", 2, &["m-alpha.toml:2:", "alpha"]),
    ("run {d}/m-minscore.toml --out {out}", 2, &["m-minscore.toml:4:", "never fail"]),
    ("run {d}/m-ok.toml --out {d}/../outlink", 2, &["outlink", "symbolic link"]),
    // compare
    ("compare {d}/report.json {d}/missing.json", 2, &["missing.json"]),
    ("compare {d}/report.json {d}/report-trunc.json", 2, &["report-trunc.json:", "not an mteval report"]),
    ("compare {d}/report-v9.json {d}/report.json", 2, &["report-v9.json", "schema version 9"]),
    ("compare {d}/report.json {d}/report.json --max-drop blue=1", 2, &["blue"]),
    ("compare {d}/report.json {d}/report-utf8.json", 2, &["invalid UTF-8"]),
    ("compare {d}/report.json {d}/report-dup.json", 2, &["report-dup.json", "two systems"]),
    ("compare {d}/report.json {d}/report.json --max-drop chrf=nan", 2, &["--max-drop", "NaN"]),
    ("compare {d}/report.json {d}/report.json --max-drop bleu=1,bleu=5", 2, &["--max-drop", "twice"]),
    ("compare {d}/report.json {d}/report.json --history {d}/report.json", 2, &["report.json", "refusing"]),
    ("compare {d}/report.json {d}/report.json --history {d}/ref.txt", 2, &["ref.txt:1:", "history"]),
    ("compare {d}/report.json {d}/report.json --history {d}/nodir/h.csv", 2, &["nodir", "no such directory"]),
    // merge
    ("merge {d}/s.jsonl {d}/s.jsonl -o {out}", 2, &["repeats the shard"]),
    ("merge {d}/s-v1.jsonl -o {out}", 2, &["s-v1.jsonl:1:", "schema version 1"]),
    ("merge {d}/s-neg.jsonl -o {out}", 2, &["s-neg.jsonl:1:"]),
    ("merge {d}/s-utf8.jsonl -o {out}", 2, &["s-utf8.jsonl:2: invalid UTF-8"]),
    ("merge {d}/empty.txt -o {out}", 2, &["no statistics records"]),
    ("merge {d}/s.jsonl -o {d}/s.jsonl", 2, &["s.jsonl"]),
    ("merge {d}/s-ter-huge.jsonl -o {out}", 2, &["s-ter-huge.jsonl:1:", "impossible TER"]),
    ("merge {d}/s-bleu-noref.jsonl -o {out}", 2, &["s-bleu-noref.jsonl:1:", "impossible BLEU"]),
    ("merge {d}/s-chrf-order.jsonl -o {out}", 2, &["s-chrf-order.jsonl:1:", "impossible chrF"]),
    ("merge {d}/s-bleu-bigrams.jsonl -o {out}", 2, &["s-bleu-bigrams.jsonl:1:", "impossible BLEU", "at least"]),
    ("merge {d}/s-bleu-matches.jsonl -o {out}", 2, &["s-bleu-matches.jsonl:1:", "impossible BLEU", "one reference"]),
    ("merge {d}/s-ter-halfref.jsonl -o {out}", 2, &["s-ter-halfref.jsonl:1:", "impossible TER"]),
];

fn snapshot(d: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walk(d) {
        out.push((e.to_string_lossy().into_owned(), std::fs::read(&e).unwrap()));
    }
    out.sort();
    out
}

fn walk(d: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn bad_input_matrix() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    fixtures(&d);
    let before = snapshot(&d);
    let out = tmp.path().join("out");
    for &(row, code, needles) in ROWS {
        let line = row
            .replace("{d}", &d.to_string_lossy())
            .replace("{out}", &out.to_string_lossy());
        let args: Vec<&str> = line.split_whitespace().collect();
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{row}: exit code; stderr: {err}"
        );
        assert!(!err.contains("panicked"), "{row}: panic: {err}");
        // The one error line is the last; warnings may precede it.
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines.iter().all(|l| l.starts_with("mteval: ")) && !lines.is_empty(),
            "{row}: stderr {err:?}"
        );
        let errors: Vec<&&str> = lines
            .iter()
            .filter(|l| !l.starts_with("mteval: warning:") && !l.starts_with("mteval: note:"))
            .collect();
        assert_eq!(errors.len(), 1, "{row}: one error line expected: {err:?}");
        for n in needles {
            assert!(errors[0].contains(n), "{row}: {:?} lacks {n:?}", errors[0]);
        }
        assert!(o.stdout.is_empty(), "{row}: nothing on stdout");
        assert!(!out.exists(), "{row}: {} was written", out.display());
        assert!(snapshot(&d) == before, "{row}: an input changed");
    }
    // A system of the baseline that the current report lacks makes the comparison
    // "not comparable" (exit 2), it is not skipped.
    let o = run(&[
        "compare",
        &d.join("report.json").to_string_lossy(),
        &d.join("report-fewer.json").to_string_lossy(),
        "--max-drop",
        "bleu=1",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("no such system"));
    let p = |name: &str| d.join(name).to_string_lossy().into_owned();

    // One error is one line: no note before it.
    let o = run(&[
        "score",
        "-r",
        &p("empty.txt"),
        "-i",
        &p("empty.txt"),
        &p("empty.txt"),
        "--paired-bs",
    ]);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    // A byte-order mark in a report (or manifest, glossary, statistics) is not data.
    let o = run(&["compare", &p("report.json"), &p("report-bom.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    // Nothing expected is nothing checked, not 100 %.
    let o = run(&[
        "entities",
        "--source",
        &p("src.en"),
        "--source-lang",
        "en",
        "--target-lang",
        "bn",
        "-i",
        &p("hyp-src.txt"),
        "--glossary",
        &p("gloss-none.csv"),
        "-f",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["systems"][0]["summary"]["expected"], 0);
    assert!(v["systems"][0]["summary"]["recall"].is_null(), "{v}");

    // A closed stdout is an error, not a result written nowhere with exit 0.
    let o = std::process::Command::new("bash")
        .args([
            "-c",
            &format!(
                "'{}' score -r '{}' -i '{}' >&-",
                crate::util::bin(),
                p("ref.txt"),
                p("hyp.txt")
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("<stdout>: is closed"));
    // The link and its file are untouched.
    assert!(std::fs::symlink_metadata(d.join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
}
