//! The one CSV writer: rows of cells, RFC 4180 quoting by the `csv` crate. Every CSV
//! mteval writes (score, run, compare, entities, history) is rows built by a view and
//! encoded here.

use crate::error::{Error, Result};

/// Encodes `rows` (the header first, if any) as CSV.
pub fn encode<R, C>(rows: impl IntoIterator<Item = R>) -> Result<String>
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let err = |e: &dyn std::fmt::Display| Error::config(format!("cannot write CSV: {e}"));
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).map_err(|e| err(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| err(&e))?;
    String::from_utf8(bytes).map_err(|e| err(&e))
}
