//! `report.html` and `score --format html` in a real browser: headless Chromium loads
//! each page from disk, runs its script, and the DOM it dumps is checked (tables with
//! one row per system, a chart per metric with a bar per system, the segment browser's
//! rows, filters read from the URL fragment); screenshots go to
//! `target/html-screenshots/`. A second test proves that a page makes no network
//! request, from Chromium's own network log.
//!
//! Without `/usr/bin/chromium` the browser tests print a note and pass, unless
//! `MTEVAL_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs Chromium): then a
//! missing browser fails them. The 20-system WMT21 test needs the shared data
//! (`../shared/data` beside the repository, or `/work/shared/data`) and is skipped with
//! a note without it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{root, run, stderr, stdout};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The browser, or `None` (with a note) where it is missing and not required.
fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        return Some(CHROMIUM);
    }
    if std::env::var("MTEVAL_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("{CHROMIUM} is missing and MTEVAL_REQUIRE_BROWSER=1 (apt-get install -y chromium)");
    }
    eprintln!("note: {CHROMIUM} not installed; browser test skipped (apt-get install -y chromium)");
    None
}

/// Runs headless Chromium on `url` with `extra` flags in a fresh profile, for at most
/// two minutes; returns stdout. Host names resolve to nothing, so the browser's own
/// background requests (updates, sign-in) never leave the machine either.
fn headless(browser: &str, extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=5000",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend_from_slice(extra);
    args.push(url.to_string());
    let out_file = profile.path().join("stdout");
    let mut child = Command::new(browser)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {args:?} took more than 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read_to_string(out_file).unwrap()
}

/// The DOM of `url` after its scripts ran.
fn dump_dom(browser: &str, url: &str) -> String {
    headless(browser, &["--dump-dom".to_string()], url)
}

/// Saves a screenshot of `url` as `target/html-screenshots/NAME.png`, 1400 pixels wide
/// and `height` high.
fn screenshot(browser: &str, url: &str, name: &str, height: u32) {
    let dir = root().join("target/html-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    headless(
        browser,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size=1400,{height}"),
        ],
        url,
    );
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "screenshot {} has {size} bytes",
        png.display()
    );
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

/// Percent-encodes a URL fragment value (UTF-8 bytes).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The part of `dom` from `start` up to `end` (or the end of the page).
fn slice<'a>(dom: &'a str, start: &str, end: &str) -> &'a str {
    let a = dom
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in the page"));
    let rest = &dom[a..];
    &rest[..rest[1..].find(end).map_or(rest.len(), |b| b + 1)]
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The number in `name="…"` on the root element.
fn attr_ms(dom: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = dom.find(&key).unwrap_or_else(|| panic!("{name} not set")) + key.len();
    dom[at..at + dom[at..].find('"').unwrap()].parse().unwrap()
}

/// The text of the browser's status line of test set `ts`.
fn status(dom: &str, ts: usize) -> String {
    let part = slice(dom, &format!("id=\"ts{ts}-segments\""), "id=\"ts");
    let at = part.find("<p class=\"status\">").expect("status line") + 18;
    part[at..at + part[at..].find('<').unwrap()].to_string()
}

/// Checks the page of `report` as rendered: per test set, a row per system, a chart
/// per metric with a bar per system, the first 50 rows of the segment browser.
fn check_rendered(dom: &str, report: &serde_json::Value) {
    let testsets = report["testsets"].as_array().unwrap();
    for (i, t) in testsets.iter().enumerate() {
        let part = slice(dom, &format!("id=\"ts{i}-top\""), "class=\"testset\"");
        let systems = t["systems"].as_array().unwrap().len();
        let metrics = t["metrics"].as_array().unwrap().len();
        let segments = t["segments"].as_u64().unwrap() as usize;
        let table = slice(part, "<table class=\"systems\"", "</table>");
        assert_eq!(
            count(table, "<tr class=\"system\""),
            systems,
            "{}",
            t["name"]
        );
        let charts = slice(
            part,
            &format!("id=\"ts{i}-charts\""),
            &format!("id=\"ts{i}-pairs\""),
        );
        assert_eq!(count(charts, "<svg class=\"chart\""), metrics);
        assert_eq!(count(charts, "<rect class=\"bar"), metrics * systems);
        if !t["comparisons"].as_array().unwrap().is_empty() {
            assert_eq!(count(part, "<table class=\"pmatrix\""), metrics);
            assert!(part.contains("<table class=\"clusters\""));
        }
        // Breakdowns (when computed): a line chart per metric by reference length and one
        // of word F-measure by frequency, a line per system; n-grams per other system.
        if let Some(b) = t["breakdowns"].as_object() {
            let section = slice(
                part,
                &format!("id=\"ts{i}-breakdowns\""),
                &format!("id=\"ts{i}-entities\""),
            );
            assert_eq!(count(section, "<svg class=\"linechart\""), metrics + 1);
            assert_eq!(
                count(section, "<polyline class=\"series\""),
                (metrics + 1) * systems
            );
            assert_eq!(
                count(section, "<details class=\"ngrams\""),
                b["ngrams"].as_array().unwrap().len()
            );
        }
        let browser = slice(part, &format!("id=\"ts{i}-segments\""), "</table>");
        assert_eq!(
            count(browser, "<tr class=\"seg\""),
            (segments * systems).min(50),
            "first page of the segment browser of {}",
            t["name"]
        );
        let total = segments * systems;
        assert_eq!(
            status(dom, i),
            format!("{total} of {total} rows (segment × system) match.")
        );
    }
    assert!(attr_ms(dom, "data-render-ms") > 0.0);
}

/// The segments of test set `t` where `q` (lower-cased) occurs in the source, a
/// reference or `system`'s output: what the page's search must find.
fn expected_matches(texts: &[Vec<String>], q: &str) -> usize {
    let n = texts[0].len();
    (0..n)
        .filter(|&i| texts.iter().any(|f| f[i].to_lowercase().contains(q)))
        .count()
}

fn lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap()
        .split('\n')
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn shipped_report_renders_and_filters_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_string_lossy().into_owned();
    let o = run(&["run", "corpora/mteval.toml", "--out", &out, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = dir.path().join("report.html");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    let url = file_url(&page);
    let dom = dump_dom(browser, &url);
    check_rendered(&dom, &report);
    // Indic text carries its language.
    assert!(dom.contains("lang=\"bn\""), "target cells carry lang=bn");

    // Filters from the URL fragment: one system of the second test set, then a word.
    let t = &report["testsets"][1];
    let name = t["name"].as_str().unwrap();
    let systems: Vec<&str> = t["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let sys = systems[1];
    let dom = dump_dom(browser, &format!("{url}#ts={name}&system={}", encode(sys)));
    let part = slice(&dom, "id=\"ts1-segments\"", "</table>");
    let segments = t["segments"].as_u64().unwrap() as usize;
    assert_eq!(count(part, "<tr class=\"seg\""), segments.min(50));
    assert_eq!(
        count(part, &format!("data-system=\"{sys}\"")),
        segments.min(50),
        "only {sys}'s rows"
    );
    // The first test set is untouched by a fragment naming the second.
    let t0 = &report["testsets"][0];
    let all0 = t0["segments"].as_u64().unwrap() as usize * t0["systems"].as_array().unwrap().len();
    let part0 = slice(&dom, "id=\"ts0-segments\"", "</table>");
    assert_eq!(count(part0, "<tr class=\"seg\""), all0.min(50));

    // A Bengali word: only segments whose source, reference or this system's output
    // hold it.
    let base = root().join("corpora/wmt21-hi-bn");
    let refs = lines(&base.join("ref.bn"));
    let q = refs[2].split_whitespace().nth(1).unwrap().to_lowercase();
    let texts = vec![
        lines(&base.join("src.hi")),
        refs.clone(),
        lines(&base.join(format!("sys/{sys}.bn"))),
    ];
    let want = expected_matches(&texts, &q);
    assert!(want > 0 && want < segments, "{q:?} matches {want} segments");
    let dom = dump_dom(
        browser,
        &format!("{url}#ts={name}&system={}&q={}", encode(sys), encode(&q)),
    );
    assert_eq!(
        status(&dom, 1),
        format!(
            "{want} of {} rows (segment × system) match.",
            segments * systems.len()
        )
    );
    let part = slice(&dom, "id=\"ts1-segments\"", "</table>");
    assert_eq!(count(part, "<tr class=\"seg\""), want.min(50));
    assert_eq!(count(part, &format!("data-system=\"{sys}\"")), want.min(50));

    // Worst first by chrF2: the first row is the system's lowest sentence chrF.
    let chrf = t["systems"].as_array().unwrap()[1]["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["metric"] == "chrF2")
        .unwrap()["segment_scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x.as_f64().unwrap() * 1e4).round() / 1e4)
        .collect::<Vec<f64>>();
    let worst = (0..chrf.len())
        .min_by(|&a, &b| chrf[a].total_cmp(&chrf[b]).then(a.cmp(&b)))
        .unwrap();
    let dom = dump_dom(
        browser,
        &format!(
            "{url}#ts={name}&system={}&metric=chrF2&sort=worst",
            encode(sys)
        ),
    );
    let part = slice(&dom, "id=\"ts1-segments\"", "</table>");
    let first = slice(part, "<tr class=\"seg\"", ">");
    assert!(
        first.contains(&format!("data-seg=\"{}\"", worst + 1)),
        "worst chrF2 segment {} first, got {first}",
        worst + 1
    );
    // The diff marks words: some output word is not in its reference.
    assert!(part.contains("<ins>") && part.contains("<del>"));

    screenshot(browser, &url, "shipped", 2000);
    // Tall enough to show the second test set's browser, filtered.
    screenshot(
        browser,
        &format!("{url}#ts={name}&system={}&sort=worst", encode(sys)),
        "shipped-filtered",
        9000,
    );
}

#[test]
fn score_html_renders_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("score.html");
    let o = run(&[
        "score",
        "-r",
        "corpora/wmt21-hi-bn/ref.bn",
        "-i",
        "corpora/wmt21-hi-bn/sys/GTCOM.bn",
        "corpora/wmt21-hi-bn/sys/UEdin.bn",
        "corpora/wmt21-hi-bn/sys/Online-B.bn",
        "-m",
        "bleu,chrf,ter",
        "--paired-bs",
        "-f",
        "html",
        "-o",
        &page.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert_no_url(&html);
    let dom = dump_dom(browser, &file_url(&page));
    assert_eq!(count(&dom, "<tr class=\"system\""), 3);
    assert_eq!(count(&dom, "<svg class=\"chart\""), 3);
    assert_eq!(count(&dom, "<rect class=\"bar"), 9);
    assert!(dom.contains("No segment browser here"));
    screenshot(browser, &file_url(&page), "score", 2000);
}

/// `--format html` is refused where there is no page, before any work.
#[test]
fn html_is_refused_for_entities_and_compare() {
    let o = run(&[
        "compare",
        "tests/snapshots/run/report.json",
        "tests/snapshots/run/report.json",
        "--format",
        "html",
    ]);
    crate::util::assert_one_line_error(&o, &["--format 'html'", "compare"]);
    let o = run(&[
        "entities",
        "--source",
        "corpora/seeds-en-bn/src.en",
        "--source-lang",
        "en",
        "--target-lang",
        "bn",
        "-i",
        "corpora/seeds-en-bn/sys/mt-a.bn",
        "-f",
        "html",
    ]);
    crate::util::assert_one_line_error(&o, &["--format 'html'", "entities"]);
    assert!(stdout(&o).is_empty());
}

/// No URL of another scheme where a page would fetch it: `src=`, `href=`, `url(`,
/// `@import`, and no element that loads by itself.
fn assert_no_url(html: &str) {
    let fetch = regex::Regex::new(
        r#"(?i)(\b(src|href|srcset|action|poster|data)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)(https?:|ftp:|wss?:|//)"#,
    )
    .unwrap();
    if let Some(m) = fetch.find(html) {
        panic!("the page fetches {:?}", m.as_str());
    }
    for tag in ["<link", "<iframe", "<img", "<object", "<embed", "<base"] {
        assert!(!html.contains(tag), "the page has {tag}");
    }
}

/// Every URL the pages themselves requested, from a Chromium network log: requests
/// with a page as initiator (the browser's own background requests have none).
fn page_requests(browser: &str, url: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("net.json");
    headless(
        browser,
        &[
            format!("--log-net-log={}", log.display()),
            "--net-log-capture-mode=Default".to_string(),
            "--dump-dom".to_string(),
        ],
        url,
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&log).expect("net log written")).unwrap();
    let start = v["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("event type known");
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(String::from))
        .collect()
}

#[test]
fn report_makes_no_network_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_string_lossy().into_owned();
    let o = run(&["run", "corpora/mteval.toml", "--out", &out, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = dir.path().join("report.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert_no_url(&html);
    // The checker catches what it should (a test that cannot fail proves nothing).
    let caught = std::panic::catch_unwind(|| {
        assert_no_url("<style>a{background:url( 'https://x/y.png')}</style>")
    });
    assert!(caught.is_err());
    let Some(browser) = chromium() else { return };
    // The method sees a page's request: a control page asks a loopback port where
    // nothing listens.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        "<!doctype html><p>x</p><img src=\"http://127.0.0.1:59999/x.png\">",
    )
    .unwrap();
    let seen = page_requests(browser, &file_url(&control));
    assert!(
        seen.iter()
            .any(|u| u.starts_with("http://127.0.0.1:59999/")),
        "the network log shows a page's request: {seen:?}"
    );
    let seen = page_requests(browser, &file_url(&page));
    let foreign: Vec<&String> = seen
        .iter()
        .filter(|u| {
            !["file:", "data:", "about:", "blob:"]
                .iter()
                .any(|s| u.starts_with(s))
        })
        .collect();
    assert!(foreign.is_empty(), "report.html requested {foreign:?}");
}

/// The shared data folder, if this machine has it.
fn shared_data() -> Option<PathBuf> {
    [
        root().join("../shared/data"),
        PathBuf::from("/work/shared/data"),
    ]
    .into_iter()
    .find(|p| p.join("wmt21-news-systems/txt").is_dir())
}

/// 20 real WMT21 English→German systems × 1002 segments: the page renders every
/// table and chart and its first page of rows, and filters; prints its size and
/// render time.
#[test]
fn wmt21_twenty_systems_render_in_chromium() {
    let Some(browser) = chromium() else { return };
    let Some(data) = shared_data() else {
        eprintln!("note: shared data (../shared/data or /work/shared/data) not found; 20-system test skipped");
        return;
    };
    let txt = data.join("wmt21-news-systems/txt");
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("mteval.toml");
    let p = |s: &str| txt.join(s).to_string_lossy().into_owned();
    std::fs::write(
        &manifest,
        format!(
            "[run]\nmetrics = [\"bleu\", \"chrf\", \"chrf++\", \"ter\"]\n\
             [significance]\ntest = \"paired-bs\"\nall_pairs = true\n\
             [[testset]]\nname = \"wmt21-en-de\"\nsource = {:?}\nsource_lang = \"en\"\n\
             target_lang = \"de\"\nreferences = [{:?}]\nsystems = [{:?}]\n",
            p("sources/newstest2021.en-de.src.en"),
            p("references/newstest2021.en-de.ref.A.de"),
            p("system-outputs/newstest2021.en-de.hyp.*.de"),
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        &manifest.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = out.join("report.html");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let t = &report["testsets"][0];
    let systems: Vec<&str> = t["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(systems.len(), 20);
    let url = file_url(&page);
    let dom = dump_dom(browser, &url);
    check_rendered(&dom, &report);
    let size = std::fs::metadata(&page).unwrap().len();
    eprintln!(
        "report.html of 20 systems × {} segments: {size} bytes, first render {} ms after \
         navigation start, script {} ms",
        t["segments"],
        attr_ms(&dom, "data-render-ms"),
        attr_ms(&dom, "data-script-ms")
    );
    let sys = systems[7];
    let dom = dump_dom(browser, &format!("{url}#system={}&q=die", encode(sys)));
    let part = slice(&dom, "id=\"ts0-segments\"", "</table>");
    let rows = count(part, "<tr class=\"seg\"");
    assert!(rows > 0 && rows == count(part, &format!("data-system=\"{sys}\"")));
    screenshot(browser, &url, "wmt21-en-de", 2000);
}
