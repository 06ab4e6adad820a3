//! Tests of the whole check on small in-memory and temporary files.

use super::*;
use std::io::Write;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    let mut f = std::fs::File::create(&p).expect("create temp file");
    f.write_all(text.as_bytes()).expect("write temp file");
    p
}

fn opts(dir: &tempfile::TempDir, src: &str, hyp: &str) -> EntityOptions {
    EntityOptions {
        source: write(dir, "src.en", src),
        source_lang: "en".into(),
        target_lang: "bn".into(),
        hyps: vec![write(dir, "sys1.bn", hyp)],
        ..Default::default()
    }
}

#[test]
fn line_mismatch_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = opts(&dir, "Lavrov came.\nPutin spoke.\n", "ল্যাভরভ এলেন।\n");
    let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("sys1.bn:2: missing line"), "{e}");
    assert!(e.contains("src.en has 2"), "{e}");
}

#[test]
fn docids_line_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut o = opts(
        &dir,
        "Lavrov came.\nPutin spoke.\n",
        "ল্যাভরভ এলেন।\nপুতিন বললেন।\n",
    );
    o.docids = Some(write(&dir, "ids.txt", "d1\nd1\nd2\n"));
    let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("ids.txt:3: extra line"), "{e}");
}

#[test]
fn unknown_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut o = opts(&dir, "Lavrov came.\n", "ল্যাভরভ এলেন।\n");
    o.target_lang = "xx".into();
    assert_eq!(
        check(&o).err().map(|e| e.kind().clone()),
        Some(ErrorKind::Config)
    );
}

#[test]
fn found_missing_variants_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = opts(
        &dir,
        "Sergei Lavrov arrived in Pyongyang on 18 October.\nLavrov met Choe Son Hui.\nLavrov thanked Putin.\n",
        "সের্গেই ল্যাভরভ ১৮ অক্টোবর পিয়ংইয়ং পৌঁছেছেন।\nলাভরভের সঙ্গে চোয়ে সন-হুইয়ের বৈঠক।\nল্যাভরভ ধন্যবাদ জানান।\n",
    );
    let r = check(&o).expect("check runs");
    let s = &r.systems[0];
    assert_eq!(s.system, "sys1");
    assert_eq!(s.summary.mentions, 6);
    let missing: Vec<&str> = s
        .mentions
        .iter()
        .filter(|m| m.status == Status::Missing)
        .map(|m| m.entity.as_str())
        .collect();
    assert_eq!(missing, vec!["Putin"]);
    let lavrov = s
        .variants
        .iter()
        .find(|v| v.entity == "Lavrov")
        .expect("Lavrov variants");
    assert!(!lavrov.consistent);
    assert_eq!(lavrov.forms.get("লাভরভ"), Some(&1));
    assert_eq!(s.numbers.len(), 1);
    assert_eq!(s.numbers[0].status, Status::Found);
    assert_eq!(s.summary.hallucinated, 0);
}

#[test]
fn substitution_is_a_hallucination() {
    let r = check_lines(
        &[
            "Cho Tae-yul met Borrell.".to_string(),
            "Choe Son Hui spoke.".to_string(),
        ],
        "bn",
        &[(
            "s".to_string(),
            vec![
                "চো তাই-ইউল বোরেলের সঙ্গে দেখা করেন।".to_string(),
                "চো তাই-ইউল বলেছেন।".to_string(),
            ],
        )],
    );
    let s = &r.systems[0];
    assert_eq!(s.summary.missing, 1);
    assert_eq!(s.hallucinations.len(), 1, "{:?}", s.hallucinations);
    assert_eq!(s.hallucinations[0].entity, "Cho Tae-yul");
}

#[test]
fn glossary_preferred_and_translated_places() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut o = opts(
        &dir,
        "Lavrov visited South Korea.\nLavrov left the United States.\n",
        "লাভরভ দক্ষিণ কোরিয়া সফর করেন।\nলাভরভ মার্কিন যুক্তরাষ্ট্র ছাড়েন।\n",
    );
    let r = check(&o).expect("check runs");
    assert_eq!(
        r.systems[0].summary.missing, 0,
        "{:?}",
        r.systems[0].mentions
    );
    o.glossary = Some(write(
        &dir,
        "g.csv",
        "id,lang,form,preferred\nlavrov,en,Lavrov\nlavrov,bn,ল্যাভরভ,yes\n",
    ));
    let r = check(&o).expect("check runs");
    let s = &r.systems[0];
    assert_eq!(s.summary.mentions, 2);
    assert_eq!(s.summary.found, 2);
    assert_eq!(s.variants[0].entity, "lavrov");
    assert!(!s.variants[0].consistent, "non-preferred form flagged");
}

fn opts_lang(dir: &tempfile::TempDir, src: &str, lang: &str, hyp: &str) -> EntityOptions {
    EntityOptions {
        source: write(dir, "src.en", src),
        source_lang: "en".into(),
        target_lang: lang.into(),
        hyps: vec![write(dir, &format!("sys.{lang}"), hyp)],
        ..Default::default()
    }
}

// See: issue 9, "Glossary mode locates source mentions by sound".
#[test]
fn glossary_source_mentions_are_exact_whole_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut o = opts_lang(
        &dir,
        "She says she's fine. I do. Siso spoke to Edu.\n",
        "hi",
        "वह कहती है कि वह ठीक है। यदि। सिसो ने एडू से बात की।\n",
    );
    o.glossary = Some(write(
        &dir,
        "g.csv",
        "id,lang,form\nsiso,en,Siso\nsiso,hi,सिसो\nedu,en,Edu\nedu,hi,एडू\n",
    ));
    let r = check(&o).expect("check runs");
    let forms: Vec<&str> = r.systems[0]
        .mentions
        .iter()
        .map(|m| m.source_form.as_str())
        .collect();
    assert_eq!(forms, vec!["Siso", "Edu"], "only the names themselves");
    assert!(r.systems[0]
        .mentions
        .iter()
        .all(|m| m.status == Status::Found));
}

// See: issue 9, "Wrong script passes silently".
#[test]
fn wrong_script_gets_no_recall() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = opts_lang(
        &dir,
        "Lavrov met Putin in Moscow.\n",
        "hi",
        "ラブロフはモスクワでプーチンと会った。\n",
    );
    let r = check(&o).expect("check runs");
    let s = &r.systems[0];
    assert_eq!(s.summary.recall, None);
    assert!(s
        .script_warning
        .as_deref()
        .is_some_and(|w| w.contains("Devanagari")));
    assert!(crate::report::entities::to_text(&r).contains("warning:"));
    assert!(crate::report::entities::to_markdown(&r).contains("| — |"));
}

// See: issue 9, "German output yields 2,122 names not in the source".
#[test]
fn latin_targets_report_no_capitalised_nouns_and_strip_case_endings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = opts_lang(
        &dir,
        "Biden spoke.\nThe farmers protested.\n",
        "de",
        "Biden sprach.\nDie Bauern und die Regierung protestierten gegen die Steuer.\n",
    );
    let r = check(&o).expect("check runs");
    assert!(
        r.systems[0].hallucinations.is_empty(),
        "{:?}",
        r.systems[0].hallucinations
    );
    let o = opts_lang(
        &dir,
        "Biden's administration and Trump.\n",
        "cs",
        "Bidenova administrativa a Trumpovi.\n",
    );
    let r = check(&o).expect("check runs");
    assert_eq!(
        r.systems[0].summary.missing, 0,
        "{:?}",
        r.systems[0].mentions
    );
    // A Latin-script language whose case endings are not modelled is refused.
    let o = opts_lang(&dir, "Biden spoke.\n", "pl", "Biden przemówił.\n");
    let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        e.contains("unsupported target language 'pl'") && e.contains("case endings"),
        "{e}"
    );
}

// See: issue 9, "Indic sources are refused".
#[test]
fn indic_source_names_come_from_the_reference() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = EntityOptions {
        source: write(&dir, "src.hi", "ब्राज़ील और पराग्वे के बीच पुल बना।\n"),
        source_lang: "hi".into(),
        target_lang: "en".into(),
        hyps: vec![write(
            &dir,
            "sys.en",
            "A bridge was built between Brazil and the river.\n",
        )],
        refs: vec![write(
            &dir,
            "ref.en",
            "A bridge was built between Brazil and Paraguay.\n",
        )],
        ..Default::default()
    };
    let r = check(&o).expect("check runs");
    let st: Vec<(String, Status)> = r.systems[0]
        .mentions
        .iter()
        .map(|m| (m.entity.clone(), m.status))
        .collect();
    assert_eq!(
        st,
        vec![
            ("Brazil".to_string(), Status::Found),
            ("Paraguay".to_string(), Status::Missing)
        ]
    );
    // Without a reference (or glossary) there is nothing to find names with.
    let mut o = o;
    o.refs.clear();
    let e = check(&o).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("-r REF"), "{e}");
}

// See: issue 9, "Consistency": anusvara/nasal variants are one spelling unless strict.
#[test]
fn orthographic_variants_and_strict_spelling() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut o = opts_lang(
        &dir,
        "Trump spoke.\nTrump left.\n",
        "hi",
        "ट्रंप ने कहा।\nट्रम्प चले गए।\n",
    );
    let r = check(&o).expect("check runs");
    assert!(!r.systems[0].variants[0].inconsistent);
    o.strict_spelling = true;
    let r = check(&o).expect("check runs");
    assert!(r.systems[0].variants[0].inconsistent);
}
