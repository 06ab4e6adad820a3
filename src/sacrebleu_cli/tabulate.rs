//! The two table layouts sacreBLEU prints for several systems, as tabulate 0.10.0 draws
//! them (`tabulate/__init__.py::tabulate` with `headers='keys'`, `colalign=('right',)`,
//! `stralign='center'`, `numalign='center'`, `floatfmt='.{width}f'`): `fancy_grid` (text)
//! and `latex_booktabs` (LaTeX).
//!
//! What tabulate does and this follows: each column's type is the most generic of its
//! cells' (empty < bool < int < float < string, `_column_type`), and a float column's
//! cells are reformatted with `floatfmt` (`_format`); cells are stripped, then padded to
//! the widest cell or header + 2 (`MIN_PADDING`), right-aligned in the first column and
//! centred elsewhere (Python's `^`: the extra space goes right); widths are terminal
//! columns as `wcwidth.wcswidth` counts them (wide East Asian characters count 2); cells
//! with line breaks make every row multi-line in `fancy_grid` (blank lines below shorter
//! cells); LaTeX cells are escaped character by character (`LATEX_ESCAPE_RULES`); every
//! output line is `rstrip`ped.

use unicode_width::UnicodeWidthChar;

/// A table layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// tabulate's `fancy_grid` (sacreBLEU's `-f text`).
    FancyGrid,
    /// tabulate's `latex_booktabs` (sacreBLEU's `-f latex`).
    LatexBooktabs,
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Right,
    Center,
}

/// `wcwidth.wcswidth`: terminal columns of `s`, or -1 if it holds a control character.
pub fn wcswidth(s: &str) -> isize {
    let mut w = 0isize;
    for c in s.chars() {
        let u = c as u32;
        if u < 0x20 || (0x7f..0xa0).contains(&u) {
            return -1;
        }
        w += c.width().unwrap_or(0) as isize;
    }
    w
}

/// Python's `len` (code points).
fn py_len(s: &str) -> isize {
    s.chars().count() as isize
}

/// Python's `str.splitlines()` line boundaries.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Python's `str.splitlines()`.
fn splitlines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_line_break(c) {
            out.push(&s[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = chars.peek() {
                    chars.next();
                    end = j + 1;
                }
            }
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `re.split("[\r\n]", s)`.
fn split_cr_lf(s: &str) -> Vec<&str> {
    s.split(['\r', '\n']).collect()
}

/// Python's `format(s, '>w')` / `'^w'` (padding by code points).
fn pad(align: Align, width: isize, s: &str) -> String {
    let fill = (width - py_len(s)).max(0) as usize;
    match align {
        Align::Right => format!("{}{s}", " ".repeat(fill)),
        Align::Center => {
            let left = fill / 2;
            format!("{}{s}{}", " ".repeat(left), " ".repeat(fill - left))
        }
    }
}

/// A cell's type rank (`_type`, `_more_generic`): 0 empty, 1 bool, 2 int, 3 float, 5 str.
fn cell_type(s: &str) -> u8 {
    if s.is_empty() {
        0
    } else if s == "True" || s == "False" {
        1
    } else if super::args::py_int(s).is_some() {
        2
    } else if let Some(f) = super::args::py_float(s) {
        let lower = crate::text::py_strip(s).to_ascii_lowercase();
        if f.is_finite() || ["inf", "-inf", "nan"].contains(&lower.as_str()) {
            3
        } else {
            5
        }
    } else {
        5
    }
}

/// Python's `str.strip()`.
fn strip(s: &str) -> &str {
    crate::text::py_strip(s)
}

/// Renders `columns` (each a header and its cells, all columns equally long) in `layout`,
/// floats with `width` decimals, without a final newline (as `tabulate` returns it).
pub fn tabulate(columns: &[(String, Vec<String>)], width: usize, layout: Layout) -> String {
    let multiline = layout == Layout::FancyGrid
        && columns
            .iter()
            .any(|(h, c)| h.contains(['\r', '\n']) || c.iter().any(|x| x.contains(['\r', '\n'])));
    // tabulate measures lines of multi-line text split on \r and \n.
    let width_of = |s: &str| -> isize {
        if multiline {
            split_cr_lf(s).into_iter().map(wcswidth).max().unwrap_or(0)
        } else {
            wcswidth(s)
        }
    };
    let mut aligns = Vec::new();
    let mut padded_cols: Vec<Vec<String>> = Vec::new();
    let mut widths = Vec::new();
    for (ci, (header, cells)) in columns.iter().enumerate() {
        let ty = cells.iter().map(|c| cell_type(c)).fold(1, u8::max);
        let formatted: Vec<String> = cells
            .iter()
            .map(|c| match (ty, super::args::py_float(c)) {
                (3, Some(x)) if !c.is_empty() => super::render::fixed(x, width),
                _ => c.clone(),
            })
            .collect();
        let align = if ci == 0 { Align::Right } else { Align::Center };
        let stripped: Vec<&str> = formatted.iter().map(|s| strip(s)).collect();
        let minwidth = width_of(header) + 2;
        let maxwidth = stripped
            .iter()
            .flat_map(|s| {
                if multiline {
                    split_cr_lf(s).into_iter().map(wcswidth).collect::<Vec<_>>()
                } else {
                    vec![wcswidth(s)]
                }
            })
            .fold(minwidth, isize::max);
        // Wide characters: pad to the width less their extra columns.
        let pad_line = |s: &str| pad(align, maxwidth - (wcswidth(s) - py_len(s)), s);
        let padded: Vec<String> = stripped
            .iter()
            .map(|s| {
                if multiline {
                    let lines = splitlines(s);
                    lines
                        .iter()
                        .map(|l| pad_line(l))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    pad_line(s)
                }
            })
            .collect();
        let colwidth = padded
            .iter()
            .map(|c| width_of(c))
            .fold(minwidth, isize::max);
        aligns.push(align);
        padded_cols.push(padded);
        widths.push(colwidth);
    }
    let headers: Vec<String> = columns
        .iter()
        .zip(&aligns)
        .zip(&widths)
        .map(|(((h, _), &a), &w)| {
            let one = |h: &str| pad(a, w + py_len(h) - wcswidth(h), h);
            if multiline {
                let parts: Vec<String> = split_cr_lf(h).into_iter().map(one).collect();
                parts.join("\n")
            } else {
                one(h)
            }
        })
        .collect();
    let nrows = padded_cols.first().map_or(0, |c| c.len());
    let rows: Vec<Vec<String>> = (0..nrows)
        .map(|r| padded_cols.iter().map(|c| c[r].clone()).collect())
        .collect();
    match layout {
        Layout::FancyGrid => fancy_grid(&headers, &rows, &widths, multiline),
        Layout::LatexBooktabs => latex_booktabs(&headers, &rows, &aligns),
    }
}

/// Python's `str.rstrip()` of a built line.
fn rstrip(s: String) -> String {
    crate::text::py_rstrip(&s).to_string()
}

fn fancy_grid(
    headers: &[String],
    rows: &[Vec<String>],
    widths: &[isize],
    multiline: bool,
) -> String {
    let line = |begin: &str, fill: &str, sep: &str, end: &str| {
        let cells: Vec<String> = widths
            .iter()
            .map(|&w| fill.repeat((w + 2) as usize))
            .collect();
        rstrip(format!("{begin}{}{end}", cells.join(sep)))
    };
    let row = |cells: &[String], out: &mut Vec<String>| {
        if multiline {
            let split: Vec<Vec<&str>> = cells.iter().map(|c| splitlines(c)).collect();
            let n = split.iter().map(|l| l.len()).max().unwrap_or(0);
            for i in 0..n {
                let parts: Vec<String> = split
                    .iter()
                    .zip(widths)
                    .map(|(l, &w)| {
                        let text = l
                            .get(i)
                            .map_or_else(|| " ".repeat(w.max(0) as usize), |s| s.to_string());
                        format!(" {text} ")
                    })
                    .collect();
                out.push(rstrip(format!("│{}│", parts.join("│"))));
            }
        } else {
            let parts: Vec<String> = cells.iter().map(|c| format!(" {c} ")).collect();
            out.push(rstrip(format!("│{}│", parts.join("│"))));
        }
    };
    let mut out = vec![line("╒", "═", "╤", "╕")];
    row(headers, &mut out);
    out.push(line("╞", "═", "╪", "╡"));
    for (i, r) in rows.iter().enumerate() {
        row(r, &mut out);
        if i + 1 < rows.len() {
            out.push(line("├", "─", "┼", "┤"));
        }
    }
    out.push(line("╘", "═", "╧", "╛"));
    out.join("\n")
}

/// tabulate's `LATEX_ESCAPE_RULES`.
fn latex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("\\&"),
            '%' => out.push_str("\\%"),
            '$' => out.push_str("\\$"),
            '#' => out.push_str("\\#"),
            '_' => out.push_str("\\_"),
            '^' => out.push_str("\\^{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '<' => out.push_str("\\ensuremath{<}"),
            '>' => out.push_str("\\ensuremath{>}"),
            c => out.push(c),
        }
    }
    out
}

fn latex_booktabs(headers: &[String], rows: &[Vec<String>], aligns: &[Align]) -> String {
    let spec: String = aligns
        .iter()
        .map(|a| match a {
            Align::Right => 'r',
            Align::Center => 'c',
        })
        .collect();
    let row = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .map(|c| latex_escape(&format!(" {c} ")))
            .collect();
        rstrip(format!("{}\\\\", parts.join("&")))
    };
    let mut out = vec![
        format!("\\begin{{tabular}}{{{spec}}}\n\\toprule"),
        row(headers),
    ];
    out.push("\\midrule".into());
    out.extend(rows.iter().map(|r| row(r)));
    out.push("\\bottomrule\n\\end{tabular}".into());
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(spec: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        spec.iter()
            .map(|(h, c)| (h.to_string(), c.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn grid_pads_to_header_plus_two_and_centres_right_heavy() {
        let t = tabulate(
            &cols(&[("System", &["a", "bb"]), ("BLEU", &["1.0", "22.5"])]),
            1,
            Layout::FancyGrid,
        );
        let want = "\
╒══════════╤════════╕
│   System │  BLEU  │
╞══════════╪════════╡
│        a │  1.0   │
├──────────┼────────┤
│       bb │  22.5  │
╘══════════╧════════╛";
        assert_eq!(t, want);
    }

    #[test]
    fn multiline_cells_and_float_columns() {
        let t = tabulate(
            &cols(&[
                ("System", &["Baseline: x", "y"]),
                (
                    "TER",
                    &["1.5 (1.4 ± 0.2)", "2.0 (2.1 ± 0.3)\n(p = 0.0010)*"],
                ),
            ]),
            1,
            Layout::FancyGrid,
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[3], "│ Baseline: x │ 1.5 (1.4 ± 0.2) │");
        assert_eq!(lines[5], "│           y │ 2.0 (2.1 ± 0.3) │");
        assert_eq!(lines[6], "│             │  (p = 0.0010)*  │");
        // A float column is reformatted with the width: "2" and "3.25" become 2.00 and 3.25.
        let t = tabulate(
            &cols(&[("S", &["a", "b"]), ("M", &["2.", "3.25"])]),
            2,
            Layout::LatexBooktabs,
        );
        assert_eq!(
            t,
            "\\begin{tabular}{rc}\n\\toprule\n   S &  M   \\\\\n\\midrule\n   a & 2.00 \\\\\n   b & 3.25 \\\\\n\\bottomrule\n\\end{tabular}"
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(wcswidth("系统"), 4);
        assert_eq!(wcswidth("a\tb"), -1);
        let t = tabulate(
            &cols(&[("System", &["系统", "abc"]), ("B", &["1", "2"])]),
            1,
            Layout::FancyGrid,
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[3], "│     系统 │  1  │");
        assert_eq!(lines[5], "│      abc │  2  │");
    }

    #[test]
    fn latex_escapes_and_layout() {
        let t = tabulate(
            &cols(&[("System", &["a_b&c"]), ("chrF2", &["50.0"])]),
            1,
            Layout::LatexBooktabs,
        );
        let want = "\\begin{tabular}{rc}\n\\toprule\n   System &  chrF2  \\\\\n\\midrule\n    a\\_b\\&c &  50.0   \\\\\n\\bottomrule\n\\end{tabular}";
        assert_eq!(t, want);
    }

    #[test]
    fn python_splitlines() {
        assert_eq!(splitlines("a\r\nb\rc\n"), ["a", "b", "c"]);
        assert_eq!(splitlines(""), Vec::<&str>::new());
        assert_eq!(splitlines("x\u{2028}y"), ["x", "y"]);
    }
}
