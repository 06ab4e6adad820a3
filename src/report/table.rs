//! Table layout shared by the text, Markdown and LaTeX views.

use unicode_segmentation::UnicodeSegmentation;

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Pad on the right.
    Left,
    /// Pad on the left (numbers).
    Right,
}

/// A table of already-formatted cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// Column headers.
    pub header: Vec<String>,
    /// Column alignments (same length as `header`).
    pub align: Vec<Align>,
    /// Rows of cells (each the same length as `header`).
    pub rows: Vec<Vec<String>>,
}

/// Display width of a cell, counted in grapheme clusters, so Bengali or Devanagari
/// names do not break column alignment as badly as code points would.
pub fn width(s: &str) -> usize {
    s.graphemes(true).count()
}

fn pad(s: &str, w: usize, align: Align) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

impl Table {
    fn widths(&self, min: usize) -> Vec<usize> {
        (0..self.header.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| width(&r[c]))
                    .chain([width(&self.header[c]), min])
                    .max()
                    .unwrap_or(min)
            })
            .collect()
    }

    /// Plain text: columns separated by two spaces, a dashed rule under the header.
    pub fn to_text(&self) -> String {
        let w = self.widths(1);
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(c, s)| pad(s, w[c], self.align[c]))
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        let mut out = line(&self.header);
        out.push('\n');
        out.push_str(
            &w.iter()
                .map(|&n| "-".repeat(n))
                .collect::<Vec<_>>()
                .join("  "),
        );
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }

    /// GitHub-flavoured Markdown; cells are plain text, escaped with
    /// [`super::markdown::escape`].
    pub fn to_markdown(&self) -> String {
        let esc = super::markdown::escape;
        let cells: Vec<String> = self.header.iter().map(|h| esc(h)).collect();
        let mut out = format!("| {} |\n", cells.join(" | "));
        let rule: Vec<&str> = self
            .align
            .iter()
            .map(|a| if *a == Align::Right { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

impl Table {
    /// A LaTeX `booktabs` tabular; cells are plain text, escaped with
    /// [`super::latex::escape`].
    pub fn to_latex(&self) -> String {
        let esc = super::latex::escape;
        let spec: String = self
            .align
            .iter()
            .map(|a| if *a == Align::Right { 'r' } else { 'l' })
            .collect();
        let row = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| esc(c)).collect();
            format!("{} \\\\\n", cells.join(" & "))
        };
        let mut out = format!("\\begin{{tabular}}{{{spec}}}\n\\toprule\n");
        out.push_str(&row(&self.header));
        out.push_str("\\midrule\n");
        for r in &self.rows {
            out.push_str(&row(r));
        }
        out.push_str("\\bottomrule\n\\end{tabular}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_cells_once() {
        let t = Table {
            header: vec!["System".into(), "BLEU".into()],
            align: vec![Align::Left, Align::Right],
            rows: vec![vec!["a|b_c".into(), "1.0*".into()]],
        };
        assert_eq!(
            t.to_markdown(),
            "| System | BLEU |\n| --- | ---: |\n| a\\|b\\_c | 1.0\\* |\n"
        );
        assert_eq!(t.to_text(), "System  BLEU\n------  ----\na|b_c   1.0*\n");
        assert_eq!(
            t.to_latex(),
            "\\begin{tabular}{lr}\n\\toprule\nSystem & BLEU \\\\\n\\midrule\na\\textbar{}b\\_c & 1.0* \\\\\n\\bottomrule\n\\end{tabular}\n"
        );
    }
}
