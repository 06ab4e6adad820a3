//! The one LaTeX escaping, for text placed in a table cell or a comment, and the
//! `booktabs` layout of [`super::table::Table::to_latex`] (`--format latex`, as sacreBLEU's
//! and compare-mt's LaTeX tables).
//!
//! The table needs `\usepackage{booktabs}`. Text outside ASCII passes through as UTF-8
//! (Bengali or Devanagari system names need XeLaTeX or LuaLaTeX with a font that has
//! them), except the symbols the views use, which become math: `±` `μ` `≤` `→`.

/// Escapes plain text for a LaTeX table cell: the ten characters with a meaning in
/// LaTeX become their escaped or text-command forms, as do `|`, `<` and `>` (which the
/// default font encoding prints as other glyphs) and `[`/`]` (which would start an
/// optional argument of the rule or line break before a cell); line breaks become
/// spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            // In LaTeX's default font encoding these print as other glyphs.
            '|' => out.push_str("\\textbar{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            // A cell that starts with `[` would be read as an optional argument of the
            // `\midrule` or `\\` before it.
            '[' => out.push_str("{[}"),
            ']' => out.push_str("{]}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '±' => out.push_str("$\\pm$"),
            'μ' => out.push_str("$\\mu$"),
            '≤' => out.push_str("$\\leq$"),
            '→' => out.push_str("$\\rightarrow$"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r"a_b & 50% $x #1 {y} ~z ^w \v |<>"),
            r"a\_b \& 50\% \$x \#1 \{y\} \textasciitilde{}z \textasciicircum{}w \textbackslash{}v \textbar{}\textless{}\textgreater{}"
        );
        assert_eq!(
            escape("26.4 (μ = 26.3 ± 1.0)"),
            r"26.4 ($\mu$ = 26.3 $\pm$ 1.0)"
        );
        assert_eq!(escape("চয় সন হুই\nx"), "চয় সন হুই x");
        assert_eq!(escape("[base]"), "{[}base{]}");
    }
}
