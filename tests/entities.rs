//! Entity checker evaluation on the labelled seed set and held-out name lists.

use std::path::PathBuf;

use mteval::entities::{check, render, EntityOptions, Status};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/entities").join(name)
}

fn opts(set: &str, hyp: &str) -> EntityOptions {
    EntityOptions {
        source: data(&format!("{set}.src.en")),
        source_lang: "en".into(),
        target_lang: set.into(),
        hyps: vec![data(hyp)],
        refs: vec![],
        glossary: None,
        docids: None,
    }
}

#[test]
#[ignore]
fn dump() {
    for (set, hyp) in [("bn", "bn.seeds.bn"), ("mr", "mr.seeds.mr"), ("bn", "bn.swap.bn"), ("bn", "bn.respell.bn"), ("bn", "bn.delete.bn")] {
        let r = check(&opts(set, hyp)).expect("check");
        for s in &r.systems {
            for m in &s.mentions {
                println!("M\t{hyp}\t{}\t{}\t{}\t{}", m.segment, m.entity, if m.status == Status::Found { "found" } else { "missing" }, m.target_form.clone().unwrap_or_default());
            }
            for h in &s.hallucinations {
                println!("H\t{hyp}\t{}\t{}\t{}", h.segment, h.entity, h.target_form);
            }
            for v in &s.variants {
                if !v.consistent {
                    println!("V\t{hyp}\t{}\t{:?}", v.entity, v.forms);
                }
            }
        }
        let _ = render::to_text(&r);
    }
}
