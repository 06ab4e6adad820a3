//! Numbers across digit scripts and separators: ১৮ = 18 = १८, 1,000 = 1000 = ১,০০০,
//! and 15টি contains 15.
//!
//! A number is a maximal run of decimal digits (any script), with `,` or `.` allowed
//! between digits. Grouping commas are dropped (Western 1,000,000 and Indian 10,00,000
//! both reduce to their digits); a dot is kept as the decimal point. Leading zeros are
//! dropped so 02:27 and 2:27 agree.

use super::normalize::digit_value;

/// A number in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte offset in the line.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Canonical value: ASCII digits, no grouping, no leading zeros.
    pub value: String,
}

/// Extracts the numbers of a line.
pub fn extract(line: &str) -> Vec<Number> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit_value(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut raw = String::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if let Some(d) = digit_value(c) {
                raw.push(char::from_digit(d, 10).unwrap_or('0'));
                j += 1;
            } else if (c == ',' || c == '.')
                && j + 1 < chars.len()
                && digit_value(chars[j + 1].1).is_some()
            {
                raw.push(c);
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(line.len(), |&(b, _)| b);
        out.push(Number {
            start,
            end,
            value: canonical(&raw),
        });
        i = j;
    }
    out
}

fn canonical(raw: &str) -> String {
    let no_group: String = raw.chars().filter(|&c| c != ',').collect();
    let (int, frac) = match no_group.split_once('.') {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (no_group, None),
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    match frac {
        Some(f) if !f.is_empty() => format!("{int}.{f}"),
        _ => int.to_string(),
    }
}

/// For each number of `source`, whether the same value occurs in `target` (each target
/// number can account for one source number).
pub fn check(source: &str, target: &str) -> Vec<(Number, bool)> {
    let mut pool: Vec<String> = extract(target).into_iter().map(|n| n.value).collect();
    extract(source)
        .into_iter()
        .map(|n| {
            let found = pool
                .iter()
                .position(|v| *v == n.value)
                .map(|p| pool.swap_remove(p))
                .is_some();
            (n, found)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<String> {
        extract(s).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn scripts_and_separators() {
        assert_eq!(values("১৮ অক্টোবর"), vec!["18"]);
        assert_eq!(values("१८ ऑक्टोबर"), vec!["18"]);
        assert_eq!(
            values("1,000 and 1000 and ১,০০০"),
            vec!["1000", "1000", "1000"]
        );
        assert_eq!(values("১,২০,০০০"), vec!["120000"]);
        assert_eq!(values("15টি ক্ষেত্র"), vec!["15"]);
        assert_eq!(values("02:27 PM, 3.5"), vec!["2", "27", "3.5"]);
        assert_eq!(values("Hwasong-19."), vec!["19"]);
    }

    #[test]
    fn presence() {
        let r = check("15 areas on 18 October, 18 times", "15টি ক্ষেত্র ১৮ অক্টোবর");
        let st: Vec<bool> = r.iter().map(|(_, f)| *f).collect();
        assert_eq!(st, vec![true, true, false]);
        assert_eq!(&"15 areas"[r[0].0.start..r[0].0.end], "15");
    }
}
