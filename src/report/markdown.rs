//! The one Markdown escaping, for text placed in a paragraph, a list item or a table
//! cell. Views build Markdown from plain text with [`escape`]; tables
//! ([`super::table::Table::to_markdown`]) escape every cell with it.

/// Escapes plain text for GitHub-flavoured Markdown inline content: a backslash before
/// every ASCII punctuation character that can start markup, `&` included (it starts an
/// entity: `&amp;` would render as `&`); CommonMark lets any ASCII punctuation be
/// escaped, and an escaped one renders as itself. Line breaks become spaces so a table
/// row stays one row.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
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
    fn escapes_markup_once() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(
            escape("NJUSC_TSC *x* `c` <b> [l](u) #1 ~s~ \\"),
            "NJUSC\\_TSC \\*x\\* \\`c\\` \\<b\\> \\[l\\](u) \\#1 \\~s\\~ \\\\"
        );
        assert_eq!(escape("two\nlines\r"), "two lines ");
        assert_eq!(escape("R&amp;D"), "R\\&amp;D");
        assert_eq!(escape("চয় সন হুই"), "চয় সন হুই");
    }
}
