//! sacreBLEU 2.6.0's command line, read the way Python 3.11's `argparse` reads it
//! (`sacrebleu/sacrebleu.py::parse_args`): the same options and single-dash long names
//! (`-tok`, `-lc`, `-nr`), unique prefixes of option names (`allow_abbrev` is left on, so
//! `--smooth-m` is `--smooth-method` and `-to` is `-tok`), `--opt=value`, values glued to
//! one-letter options (`-w2`) and clustered flags (`-bq`), `nargs='*'`/`'+'` lists, the
//! positional references (consumed by the first run of plain arguments), the last of a
//! repeated option winning, type and choice checks, and the mutually exclusive paired
//! tests. An error is one line for stderr and exit code 2, as `argparse` exits.

/// sacreBLEU's metric choices (`-m`).
pub const METRICS: &[&str] = &["bleu", "chrf", "ter"];
/// sacreBLEU's BLEU tokenizer choices (`metrics/bleu.py::_TOKENIZERS`).
pub const TOKENIZERS: &[&str] = crate::tokenize::TokenizerKind::NAMES;
/// sacreBLEU's smoothing choices (`BLEU.SMOOTH_DEFAULTS`).
pub const SMOOTH: &[&str] = &["none", "floor", "add-k", "exp"];
/// sacreBLEU's output formats (`-f`).
pub const FORMATS: &[&str] = &["json", "text", "latex"];

/// How many values an option takes (argparse's `nargs`) and their type.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `store_true`.
    Flag,
    /// One value.
    One(Ty),
    /// `nargs='*'`.
    Star,
    /// `nargs='+'`.
    Plus(Ty),
    /// `--version`: prints `sacrebleu 2.6.0` and exits.
    Version,
    /// `-h/--help`.
    Help,
}

/// A value's type (argparse's `type=` and `choices=`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    Str,
    Int,
    Float,
    Choice(&'static [&'static str]),
}

/// One option: its spellings (in sacreBLEU's declaration order), its destination and kind.
struct Opt {
    names: &'static [&'static str],
    dest: &'static str,
    kind: Kind,
}

const fn opt(names: &'static [&'static str], dest: &'static str, kind: Kind) -> Opt {
    Opt { names, dest, kind }
}

/// Every option of `sacrebleu.py::parse_args`, in its order (the order decides nothing
/// but the wording of an ambiguity error).
const OPTS: &[Opt] = &[
    opt(&["-h", "--help"], "help", Kind::Help),
    opt(&["--citation", "--cite"], "citation", Kind::Flag),
    opt(&["--list"], "list", Kind::Flag),
    opt(&["--test-set", "-t"], "test_set", Kind::One(Ty::Str)),
    opt(&["--language-pair", "-l"], "langpair", Kind::One(Ty::Str)),
    opt(&["--origlang", "-ol"], "origlang", Kind::One(Ty::Str)),
    opt(&["--subset"], "subset", Kind::One(Ty::Str)),
    opt(&["--download"], "download", Kind::One(Ty::Str)),
    opt(&["--echo"], "echo", Kind::Plus(Ty::Str)),
    opt(&["--input", "-i"], "input", Kind::Star),
    opt(&["--num-refs", "-nr"], "num_refs", Kind::One(Ty::Int)),
    opt(&["--encoding", "-e"], "encoding", Kind::One(Ty::Str)),
    opt(
        &["--metrics", "-m"],
        "metrics",
        Kind::Plus(Ty::Choice(METRICS)),
    ),
    opt(&["--sentence-level", "-sl"], "sentence_level", Kind::Flag),
    opt(
        &["--smooth-method", "-s"],
        "smooth_method",
        Kind::One(Ty::Choice(SMOOTH)),
    ),
    opt(
        &["--smooth-value", "-sv"],
        "smooth_value",
        Kind::One(Ty::Float),
    ),
    opt(
        &["--tokenize", "-tok"],
        "tokenize",
        Kind::One(Ty::Choice(TOKENIZERS)),
    ),
    opt(&["--lowercase", "-lc"], "lowercase", Kind::Flag),
    opt(&["--force"], "force", Kind::Flag),
    opt(
        &["--chrf-char-order", "-cc"],
        "chrf_char_order",
        Kind::One(Ty::Int),
    ),
    opt(
        &["--chrf-word-order", "-cw"],
        "chrf_word_order",
        Kind::One(Ty::Int),
    ),
    opt(&["--chrf-beta"], "chrf_beta", Kind::One(Ty::Int)),
    opt(&["--chrf-whitespace"], "chrf_whitespace", Kind::Flag),
    opt(&["--chrf-lowercase"], "chrf_lowercase", Kind::Flag),
    opt(&["--chrf-eps-smoothing"], "chrf_eps_smoothing", Kind::Flag),
    opt(&["--ter-case-sensitive"], "ter_case_sensitive", Kind::Flag),
    opt(&["--ter-asian-support"], "ter_asian_support", Kind::Flag),
    opt(&["--ter-no-punct"], "ter_no_punct", Kind::Flag),
    opt(&["--ter-normalized"], "ter_normalized", Kind::Flag),
    opt(&["--confidence", "-ci"], "confidence", Kind::Flag),
    opt(
        &["--confidence-n", "-cin"],
        "confidence_n",
        Kind::One(Ty::Int),
    ),
    opt(&["--paired-ar", "-par"], "paired_ar", Kind::Flag),
    opt(&["--paired-bs", "-pbs"], "paired_bs", Kind::Flag),
    opt(
        &["--paired-ar-n", "-parn"],
        "paired_ar_n",
        Kind::One(Ty::Int),
    ),
    opt(
        &["--paired-bs-n", "-pbsn"],
        "paired_bs_n",
        Kind::One(Ty::Int),
    ),
    opt(&["--paired-jobs", "-j"], "paired_jobs", Kind::One(Ty::Int)),
    opt(&["--quiet", "-q"], "quiet", Kind::Flag),
    opt(&["--short", "-sh"], "short", Kind::Flag),
    opt(&["--score-only", "-b"], "score_only", Kind::Flag),
    opt(&["--width", "-w"], "width", Kind::One(Ty::Int)),
    opt(&["--detail", "-d"], "detail", Kind::Flag),
    opt(&["--no-color", "-nc"], "no_color", Kind::Flag),
    opt(
        &["--format", "-f"],
        "format",
        Kind::One(Ty::Choice(FORMATS)),
    ),
    opt(&["--version", "-V"], "version", Kind::Version),
];

/// The parsed arguments, with sacreBLEU's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SacreArgs {
    /// Positional reference files.
    pub refs: Vec<String>,
    /// `-i`: system files; `None` reads the systems from stdin (tab-separated).
    pub input: Option<Vec<String>>,
    /// `-nr`: tab-separated references per line of the (one) reference file.
    pub num_refs: i64,
    /// `-e`: the files' encoding.
    pub encoding: String,
    /// `-m`, as given (duplicates included).
    pub metrics: Vec<String>,
    /// `-sl`.
    pub sentence_level: bool,
    /// `-s`.
    pub smooth_method: String,
    /// `-sv`.
    pub smooth_value: Option<f64>,
    /// `-tok`.
    pub tokenize: Option<String>,
    /// `-lc` (BLEU only).
    pub lowercase: bool,
    /// `--force`.
    pub force: bool,
    /// `-cc`.
    pub chrf_char_order: i64,
    /// `-cw`.
    pub chrf_word_order: i64,
    /// `--chrf-beta`.
    pub chrf_beta: i64,
    /// `--chrf-whitespace`.
    pub chrf_whitespace: bool,
    /// `--chrf-lowercase`.
    pub chrf_lowercase: bool,
    /// `--chrf-eps-smoothing`.
    pub chrf_eps_smoothing: bool,
    /// `--ter-case-sensitive`.
    pub ter_case_sensitive: bool,
    /// `--ter-asian-support`.
    pub ter_asian_support: bool,
    /// `--ter-no-punct`.
    pub ter_no_punct: bool,
    /// `--ter-normalized`.
    pub ter_normalized: bool,
    /// `-ci`.
    pub confidence: bool,
    /// `-cin`.
    pub confidence_n: i64,
    /// `--paired-ar`.
    pub paired_ar: bool,
    /// `--paired-bs`.
    pub paired_bs: bool,
    /// `-parn`.
    pub paired_ar_n: i64,
    /// `-pbsn`.
    pub paired_bs_n: i64,
    /// `-q`.
    pub quiet: bool,
    /// `-sh`.
    pub short: bool,
    /// `-b`.
    pub score_only: bool,
    /// `-w`.
    pub width: i64,
    /// `-d`.
    pub detail: bool,
    /// `-f` (before `SACREBLEU_FORMAT` is applied).
    pub format: String,
    /// `-l`.
    pub langpair: Option<String>,
    /// The options given that need sacreBLEU's test-set downloads (`-t`, `--echo`, …),
    /// as spelled.
    pub downloads: Vec<String>,
}

impl Default for SacreArgs {
    fn default() -> Self {
        SacreArgs {
            refs: Vec::new(),
            input: None,
            num_refs: 1,
            encoding: "utf-8".into(),
            metrics: vec!["bleu".into()],
            sentence_level: false,
            smooth_method: "exp".into(),
            smooth_value: None,
            tokenize: None,
            lowercase: false,
            force: false,
            chrf_char_order: 6,
            chrf_word_order: 0,
            chrf_beta: 2,
            chrf_whitespace: false,
            chrf_lowercase: false,
            chrf_eps_smoothing: false,
            ter_case_sensitive: false,
            ter_asian_support: false,
            ter_no_punct: false,
            ter_normalized: false,
            confidence: false,
            confidence_n: 1000,
            paired_ar: false,
            paired_bs: false,
            paired_ar_n: 10000,
            paired_bs_n: 1000,
            quiet: false,
            short: false,
            score_only: false,
            width: 1,
            detail: false,
            format: "json".into(),
            langpair: None,
            downloads: Vec::new(),
        }
    }
}

/// What parsing decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Arguments to run with.
    Args(Box<SacreArgs>),
    /// `-V/--version` was met (argparse prints and exits at once).
    Version,
    /// `-h/--help` was met.
    Help,
}

/// An `argparse` error: its message (argparse exits 2 after printing usage).
pub type ArgError = String;

/// How one argument string reads (`argparse.ArgumentParser._parse_optional`).
#[derive(Debug, Clone, PartialEq)]
enum Classified {
    /// A plain argument ('A').
    Positional,
    /// An option ('O'): which one (`None`: unknown), as spelled, and a value given with it.
    Optional(Option<usize>, String, Option<String>),
}

fn find(name: &str) -> Option<usize> {
    OPTS.iter().position(|o| o.names.contains(&name))
}

/// Whether `s` looks like a negative number (`argparse`'s `^-\d+$|^-\d*\.\d+$`).
fn negative_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if !rest.is_empty() && digits(rest) {
        return true;
    }
    match rest.split_once('.') {
        Some((a, b)) => digits(a) && !b.is_empty() && digits(b),
        None => false,
    }
}

/// `_parse_optional` and `_get_option_tuples` of Python 3.11.
fn classify(arg: &str) -> Result<Classified, ArgError> {
    if !arg.starts_with('-') {
        return Ok(Classified::Positional);
    }
    if let Some(i) = find(arg) {
        return Ok(Classified::Optional(Some(i), arg.to_string(), None));
    }
    if arg.chars().count() == 1 {
        return Ok(Classified::Positional);
    }
    if let Some((name, value)) = arg.split_once('=') {
        if let Some(i) = find(name) {
            return Ok(Classified::Optional(
                Some(i),
                name.to_string(),
                Some(value.to_string()),
            ));
        }
    }
    let mut tuples: Vec<(usize, String, Option<String>)> = Vec::new();
    let all = OPTS
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.names.iter().map(move |n| (i, *n)));
    if arg.starts_with("--") {
        let (prefix, explicit) = match arg.split_once('=') {
            Some((p, v)) => (p, Some(v.to_string())),
            None => (arg, None),
        };
        for (i, n) in all {
            if n.starts_with(prefix) {
                tuples.push((i, n.to_string(), explicit.clone()));
            }
        }
    } else {
        let split = arg.char_indices().nth(2).map_or(arg.len(), |(k, _)| k);
        let (short, glued) = arg.split_at(split);
        for (i, n) in all {
            if n == short {
                tuples.push((i, n.to_string(), Some(glued.to_string())));
            } else if n.starts_with(arg) {
                tuples.push((i, n.to_string(), None));
            }
        }
    }
    match tuples.len() {
        0 => {}
        1 => {
            let (i, n, v) = tuples.remove(0);
            return Ok(Classified::Optional(Some(i), n, v));
        }
        _ => {
            let names: Vec<&str> = tuples.iter().map(|t| t.1.as_str()).collect();
            return Err(format!(
                "ambiguous option: {arg} could match {}",
                names.join(", ")
            ));
        }
    }
    if negative_number(arg) || arg.contains(' ') {
        return Ok(Classified::Positional);
    }
    Ok(Classified::Optional(None, arg.to_string(), None))
}

/// Python's `int()` of a string: surrounding whitespace, a sign, digits with single
/// underscores between them.
pub fn py_int(s: &str) -> Option<i64> {
    let t = crate::text::py_strip(s);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let v: i64 = digits.replace('_', "").parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Python's `float()` of a string (decimal, exponent, `inf`, `nan`, underscores between
/// digits).
pub fn py_float(s: &str) -> Option<f64> {
    let t = crate::text::py_strip(s);
    if t.is_empty() {
        return None;
    }
    let plain = t.trim_start_matches(['+', '-']);
    let lower = plain.to_ascii_lowercase();
    if t.len() - plain.len() > 1 {
        return None;
    }
    if ["inf", "infinity", "nan"].contains(&lower.as_str()) {
        return t.parse().ok();
    }
    let ok_chars = plain
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_'));
    if !ok_chars || t.contains("__") {
        return None;
    }
    // An underscore must sit between two digits.
    let b = t.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        if c == b'_'
            && !(k > 0 && b[k - 1].is_ascii_digit() && k + 1 < b.len() && b[k + 1].is_ascii_digit())
        {
            return None;
        }
    }
    t.replace('_', "").parse().ok()
}

/// Python's `repr()` of a string, as argparse quotes a bad value.
fn py_repr_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// One value of `kind`'s type, checked (`_get_values`: type conversion, then choices).
fn check_value(o: &Opt, ty: Ty, v: &str) -> Result<(), ArgError> {
    let name = o.names.join("/");
    match ty {
        Ty::Str => Ok(()),
        Ty::Int => py_int(v)
            .map(|_| ())
            .ok_or_else(|| format!("argument {name}: invalid int value: {}", py_repr_str(v))),
        Ty::Float => py_float(v)
            .map(|_| ())
            .ok_or_else(|| format!("argument {name}: invalid float value: {}", py_repr_str(v))),
        Ty::Choice(c) => {
            if c.contains(&v) {
                Ok(())
            } else {
                let quoted: Vec<String> = c.iter().map(|x| py_repr_str(x)).collect();
                Err(format!(
                    "argument {name}: invalid choice: {} (choose from {})",
                    py_repr_str(v),
                    quoted.join(", ")
                ))
            }
        }
    }
}

/// Stores `values` for option `o` into `a`.
fn store(a: &mut SacreArgs, o: &Opt, spelled: &str, values: Vec<String>) {
    let one = || values.first().cloned().unwrap_or_default();
    let int = || py_int(&one()).unwrap_or(0);
    match o.dest {
        "citation" | "list" | "test_set" | "origlang" | "subset" | "download" | "echo" => {
            a.downloads.push(spelled.to_string())
        }
        "langpair" => a.langpair = Some(one()),
        "input" => a.input = Some(values),
        "num_refs" => a.num_refs = int(),
        "encoding" => a.encoding = one(),
        "metrics" => a.metrics = values,
        "sentence_level" => a.sentence_level = true,
        "smooth_method" => a.smooth_method = one(),
        "smooth_value" => a.smooth_value = py_float(&one()),
        "tokenize" => a.tokenize = Some(one()),
        "lowercase" => a.lowercase = true,
        "force" => a.force = true,
        "chrf_char_order" => a.chrf_char_order = int(),
        "chrf_word_order" => a.chrf_word_order = int(),
        "chrf_beta" => a.chrf_beta = int(),
        "chrf_whitespace" => a.chrf_whitespace = true,
        "chrf_lowercase" => a.chrf_lowercase = true,
        "chrf_eps_smoothing" => a.chrf_eps_smoothing = true,
        "ter_case_sensitive" => a.ter_case_sensitive = true,
        "ter_asian_support" => a.ter_asian_support = true,
        "ter_no_punct" => a.ter_no_punct = true,
        "ter_normalized" => a.ter_normalized = true,
        "confidence" => a.confidence = true,
        "confidence_n" => a.confidence_n = int(),
        "paired_ar" => a.paired_ar = true,
        "paired_bs" => a.paired_bs = true,
        "paired_ar_n" => a.paired_ar_n = int(),
        "paired_bs_n" => a.paired_bs_n = int(),
        "quiet" => a.quiet = true,
        "short" => a.short = true,
        "score_only" => a.score_only = true,
        "width" => a.width = int(),
        "detail" => a.detail = true,
        "format" => a.format = one(),
        // --paired-jobs, --no-color: no effect on what mteval prints.
        _ => {}
    }
}

/// Parses sacreBLEU's arguments (without the program name), as
/// `argparse.ArgumentParser.parse_args` (`_parse_known_args`) does.
pub fn parse(argv: &[String]) -> Result<Parsed, ArgError> {
    // Classify every string: 'O' (an option), 'A' (a plain argument); after `--`
    // everything is plain.
    let mut classes: Vec<Classified> = Vec::with_capacity(argv.len());
    let mut rest_plain = false;
    let mut dashdash: Vec<bool> = Vec::with_capacity(argv.len());
    for a in argv {
        if rest_plain {
            classes.push(Classified::Positional);
            dashdash.push(false);
        } else if a == "--" {
            rest_plain = true;
            classes.push(Classified::Positional);
            dashdash.push(true);
        } else {
            classes.push(classify(a)?);
            dashdash.push(false);
        }
    }
    let is_opt = |k: usize| matches!(classes[k], Classified::Optional(..));
    // Plain arguments from `k` up to the next option.
    let plain_run = |k: usize| (k..argv.len()).take_while(|&j| !is_opt(j)).count();
    let values_of = |k: usize, n: usize| -> Vec<String> {
        (k..k + n)
            .filter(|&j| !dashdash[j])
            .map(|j| argv[j].clone())
            .collect()
    };

    let mut args = SacreArgs::default();
    let mut refs_taken = false;
    let mut extras: Vec<String> = Vec::new();
    let mut seen_paired: Option<&'static str> = None;
    let mut k = 0;
    while k < argv.len() {
        if !is_opt(k) {
            let n = plain_run(k);
            if refs_taken {
                extras.extend(values_of(k, n));
            } else {
                args.refs = values_of(k, n);
                refs_taken = true;
            }
            k += n;
            continue;
        }
        let Classified::Optional(action, spelled, explicit) = classes[k].clone() else {
            unreachable!()
        };
        let Some(mut i) = action else {
            extras.push(argv[k].clone());
            k += 1;
            continue;
        };
        let mut spelled = spelled;
        let mut explicit = explicit;
        let mut stop = k + 1;
        // One option string may hold several one-letter flags (`-bq`) or a glued value.
        let mut actions: Vec<(usize, String, Vec<String>)> = Vec::new();
        loop {
            let o = &OPTS[i];
            let takes = !matches!(o.kind, Kind::Flag | Kind::Version | Kind::Help);
            match explicit.take() {
                Some(v) => {
                    let single_dash = !spelled[1..].starts_with('-');
                    if !takes && single_dash && !v.is_empty() {
                        actions.push((i, spelled.clone(), Vec::new()));
                        let mut chars = v.chars();
                        let next = format!("-{}", chars.next().unwrap_or_default());
                        let rest: String = chars.collect();
                        match find(&next) {
                            Some(j) => {
                                i = j;
                                spelled = next;
                                explicit = (!rest.is_empty()).then_some(rest);
                                continue;
                            }
                            None => {
                                return Err(format!(
                                    "argument {}: ignored explicit argument {}",
                                    o.names.join("/"),
                                    py_repr_str(&v)
                                ))
                            }
                        }
                    } else if takes {
                        actions.push((i, spelled.clone(), vec![v]));
                        break;
                    } else {
                        return Err(format!(
                            "argument {}: ignored explicit argument {}",
                            o.names.join("/"),
                            py_repr_str(&v)
                        ));
                    }
                }
                None => {
                    let avail = plain_run(k + 1);
                    let n = match o.kind {
                        Kind::Flag | Kind::Version | Kind::Help => 0,
                        Kind::One(_) => {
                            if avail == 0 {
                                return Err(format!(
                                    "argument {}: expected one argument",
                                    o.names.join("/")
                                ));
                            }
                            1
                        }
                        Kind::Star => avail,
                        Kind::Plus(_) => {
                            if avail == 0 {
                                return Err(format!(
                                    "argument {}: expected at least one argument",
                                    o.names.join("/")
                                ));
                            }
                            avail
                        }
                    };
                    actions.push((i, spelled.clone(), values_of(k + 1, n)));
                    stop = k + 1 + n;
                    break;
                }
            }
        }
        for (i, spelled, values) in actions {
            let o = &OPTS[i];
            match o.kind {
                Kind::Version => return Ok(Parsed::Version),
                Kind::Help => return Ok(Parsed::Help),
                Kind::One(ty) | Kind::Plus(ty) => {
                    for v in &values {
                        check_value(o, ty, v)?;
                    }
                }
                Kind::Flag | Kind::Star => {}
            }
            if matches!(o.dest, "paired_ar" | "paired_bs") {
                if let Some(other) = seen_paired.filter(|d| *d != o.dest) {
                    let other = OPTS
                        .iter()
                        .find(|x| x.dest == other)
                        .map(|x| x.names.join("/"));
                    return Err(format!(
                        "argument {}: not allowed with argument {}",
                        o.names.join("/"),
                        other.unwrap_or_default()
                    ));
                }
                seen_paired = Some(o.dest);
            }
            store(&mut args, o, &spelled, values);
        }
        k = stop;
    }
    if !extras.is_empty() {
        return Err(format!("unrecognized arguments: {}", extras.join(" ")));
    }
    Ok(Parsed::Args(Box::new(args)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(args: &[&str]) -> SacreArgs {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Ok(Parsed::Args(a)) => *a,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    fn err(args: &[&str]) -> String {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Err(e) => e,
            other => panic!("{args:?}: expected an error, got {other:?}"),
        }
    }

    #[test]
    fn single_dash_long_names_and_prefixes() {
        let a = ok(&[
            "ref", "-i", "a", "b", "-m", "bleu", "ter", "-tok", "intl", "-lc",
        ]);
        assert_eq!(a.refs, ["ref"]);
        assert_eq!(a.input, Some(vec!["a".into(), "b".into()]));
        assert_eq!(a.metrics, ["bleu", "ter"]);
        assert_eq!(a.tokenize.as_deref(), Some("intl"));
        assert!(a.lowercase);
        // Unique prefixes, `=` values, glued one-letter values, clustered flags.
        let a = ok(&[
            "r",
            "--smooth-m",
            "floor",
            "--tokenize=zh",
            "-w3",
            "-bq",
            "--tok",
            "char",
        ]);
        assert_eq!(a.smooth_method, "floor");
        assert_eq!(a.tokenize.as_deref(), Some("char"));
        assert_eq!(a.width, 3);
        assert!(a.score_only && a.quiet);
        assert_eq!(ok(&["r", "-nr", " 2 "]).num_refs, 2);
        assert_eq!(ok(&["r", "-sv", "1_0.5"]).smooth_value, Some(10.5));
        // The last of a repeated option wins.
        assert_eq!(ok(&["r", "-m", "ter", "-m", "chrf"]).metrics, ["chrf"]);
        assert!(ok(&["r", "-t", "wmt20"]).downloads == ["-t"]);
        assert_eq!(parse(&["-V".to_string()]), Ok(Parsed::Version));
    }

    #[test]
    fn positional_references_are_the_first_plain_run() {
        assert_eq!(ok(&["-b", "r1", "r2", "-i", "s"]).refs, ["r1", "r2"]);
        // After -i, plain arguments are systems.
        let a = ok(&["-i", "s", "r"]);
        assert!(a.refs.is_empty());
        assert_eq!(a.input.unwrap(), ["s", "r"]);
        assert!(err(&["r1", "-b", "r2"]).contains("unrecognized arguments: r2"));
        assert!(ok(&["r", "-i"]).input.unwrap().is_empty());
        assert_eq!(ok(&["--", "-r"]).refs, ["-r"]);
    }

    #[test]
    fn errors_argparse_would_raise() {
        for (args, needle) in [
            (vec!["r", "-c"], "ambiguous option: -c could match"),
            (
                vec!["r", "-to", "zh"],
                "ambiguous option: -to could match -t, -tok",
            ),
            (vec!["r", "--cit"], "ambiguous option"),
            (vec!["r", "-m", "meteor"], "invalid choice: 'meteor'"),
            (vec!["r", "-w", "x"], "invalid int value: 'x'"),
            (vec!["r", "-m"], "expected at least one argument"),
            (vec!["r", "-w"], "expected one argument"),
            (vec!["r", "--paired-bs", "--paired-ar"], "not allowed with"),
            (vec!["r", "--quiet=1"], "ignored explicit argument '1'"),
            (vec!["r", "--bogus"], "unrecognized arguments: --bogus"),
            (vec!["r", "-bz"], "ignored explicit argument 'z'"),
        ] {
            let e = err(&args);
            assert!(e.contains(needle), "{args:?}: {e}");
        }
        // A negative number is a plain argument: -w takes it.
        assert_eq!(ok(&["r", "-w", "-1"]).width, -1);
    }

    #[test]
    fn python_numbers() {
        assert_eq!(py_int("+7"), Some(7));
        assert_eq!(py_int("1_000"), Some(1000));
        assert_eq!(py_int("1__0"), None);
        assert_eq!(py_int("1.0"), None);
        assert_eq!(py_float("1e-2"), Some(0.01));
        assert_eq!(py_float(".5"), Some(0.5));
        assert!(py_float("inf").unwrap().is_infinite());
        assert_eq!(py_float("1_"), None);
        assert_eq!(py_float("x"), None);
    }
}
