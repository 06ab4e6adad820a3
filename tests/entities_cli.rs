//! `mteval entities` through the binary: the JSON contract, the glossary path, every
//! output format, and bad input (one line, exit 2).

use crate::util::{assert_one_line_error, run, stderr, stdout, write};

const SRC: &str = "corpora/seeds-en-bn/src.en";
const REF: &str = "corpora/seeds-en-bn/ref.bn";
const GLOSSARY: &str = "corpora/seeds-en-bn/glossary.csv";
const DOCIDS: &str = "corpora/seeds-en-bn/docids";
const SYS: [&str; 3] = [
    "corpora/seeds-en-bn/sys/mt-a.bn",
    "corpora/seeds-en-bn/sys/mt-b.bn",
    "corpora/seeds-en-bn/sys/mt-c.bn",
];

fn base() -> Vec<&'static str> {
    let mut a = vec![
        "entities",
        "--source",
        SRC,
        "--source-lang",
        "en",
        "--target-lang",
        "bn",
        "-i",
    ];
    a.extend(SYS);
    a
}

fn system<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["system"] == name)
        .unwrap()
}

#[test]
fn glossary_json_contract() {
    let mut args = base();
    args.extend([
        "-r",
        REF,
        "--glossary",
        GLOSSARY,
        "--docids",
        DOCIDS,
        "--format",
        "json",
    ]);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in [
        "mentions",
        "found",
        "missing",
        "recall",
        "hallucinated",
        "inconsistent_entities",
    ] {
        assert!(
            !system(&v, "mt-a")["summary"][key].is_null(),
            "summary.{key}"
        );
    }
    // mt-a keeps every glossary name, spelled one way.
    assert_eq!(system(&v, "mt-a")["summary"]["missing"], 0);
    assert_eq!(system(&v, "mt-a")["summary"]["inconsistent_entities"], 0);
    // mt-b drops four names and puts Cho Tae-yul where Choe Son Hui was.
    let b = system(&v, "mt-b");
    assert_eq!(b["summary"]["missing"], 4);
    let missing: Vec<&str> = b["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "missing")
        .map(|m| m["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["borrell", "hwasong-19", "blinken", "choe-son-hui"]
    );
    assert!(b["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["status"] == "missing" || !m["target_form"].is_null()));
    assert!(b["hallucinations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["entity"] == "cho-tae-yul" && h["segment"] == 12));
    // mt-c spells Borrell two ways and uses a non-preferred spelling of Choe Son Hui.
    let c = system(&v, "mt-c");
    let flagged: Vec<&str> = c["variants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["consistent"] == false)
        .map(|x| x["entity"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["borrell", "choe-son-hui"]);
    // Numbers: "15" and "Hwasong-19"'s 19 are checked; mt-b drops the 19.
    assert!(b["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["source_form"] == "19" && n["status"] == "missing"));
}

#[test]
fn every_format_renders() {
    for (fmt, check) in [
        ("csv", "system,line,entity"),
        ("markdown", "| "),
        ("text", "mt-b:"),
        ("json", "\"systems\""),
    ] {
        let mut args = base();
        args.extend(["--glossary", GLOSSARY, "--format", fmt]);
        let o = run(&args);
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
        assert!(stdout(&o).contains(check), "{fmt}");
    }
}

#[test]
fn bad_input_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let no_form = write(dir.path(), "g1.csv", b"id,lang,form\nlavrov,bn\n");
    let bad_lang = write(dir.path(), "g2.csv", b"id,lang,form\nlavrov,xx,Lavrov\n");
    let short_ids = write(dir.path(), "ids", b"000\n000\n");
    let short_hyp = write(dir.path(), "short.bn", b"one line\n");
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec!["--glossary", &no_form], vec!["g1.csv:2"]),
        (vec!["--glossary", &bad_lang], vec!["g2.csv:2", "xx"]),
        (vec!["--docids", &short_ids], vec!["ids"]),
        (vec!["-i", &short_hyp], vec!["short.bn"]),
        (vec!["--glossary", "no/such.csv"], vec!["no/such.csv"]),
    ];
    for (extra, needles) in cases {
        let mut args = base();
        args.extend(extra);
        assert_one_line_error(&run(&args), &needles);
    }
    let o = run(&[
        "entities",
        "--source",
        SRC,
        "--source-lang",
        "en",
        "--target-lang",
        "ja",
        "-i",
        SYS[0],
    ]);
    assert_one_line_error(&o, &["'ja'"]);
}

#[test]
fn help_lists_every_supported_language() {
    let o = run(&["entities", "--help"]);
    let help = stdout(&o);
    for (lang, _) in mteval::entities::script::TARGETS
        .iter()
        .chain(mteval::entities::script::SOURCES)
    {
        assert!(
            help.contains(&format!(" {lang},"))
                || help.contains(&format!(" {lang} "))
                || help.contains(&format!(" {lang}\n"))
                || help.contains(&format!(" {lang}.")),
            "{lang} missing from --help"
        );
    }
}
