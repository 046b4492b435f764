//! The whole client-side acceptance of a content bundle, as one pure function:
//! signed manifest → files (length + SHA-256) → parse → structural lint. The app calls
//! this unchanged; nothing is rendered or cached unless it returns `Ok`.

use crate::json::Value;
use crate::lint::{has_errors, lint, Severity};
use crate::load::LoadError;
use crate::manifest::{verify_file, verify_manifest, Crypto, ManifestError, Mode, PublicKeys, Seen, Verified};
use crate::model::{Content, Lang, Tree};
use std::fmt;

/// Raw bytes of one bundle as fetched or cached: the Dutch base files and, for another
/// language, its overlay ([`crate::i18n`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBundle {
    pub manifest: Vec<u8>,
    pub signature: Vec<u8>,
    pub tree: Vec<u8>,
    pub directory: Vec<u8>,
    pub site: Vec<u8>,
    /// The overlay of one language other than Dutch, if one is wanted.
    pub texts: Option<(Lang, Vec<u8>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    Manifest(ManifestError),
    MissingFile(&'static str),
    Load(LoadError),
    /// Signed but structurally broken (a content-team mistake that slipped past `check`).
    Lint(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Manifest(e) => write!(f, "manifest: {e}"),
            BundleError::MissingFile(k) => write!(f, "manifest names no `{k}` file"),
            BundleError::Load(e) => write!(f, "content: {e}"),
            BundleError::Lint(e) => write!(f, "content fails its rules: {e}"),
        }
    }
}

impl From<ManifestError> for BundleError {
    fn from(e: ManifestError) -> Self {
        BundleError::Manifest(e)
    }
}

/// An accepted bundle.
#[derive(Debug, Clone)]
pub struct Opened {
    pub verified: Verified,
    pub content: Content,
}

/// Verify and open a bundle with Ed25519 and SHA-256 computed here ([`NativeCrypto`]): the
/// CLI (`wegwijzer verify`) and the native tests. Date-based lint (stale verification) is not
/// applied in the client, whose clock may be wrong; structural errors reject the bundle.
#[cfg(feature = "native-crypto")]
pub fn open(raw: &RawBundle, keys: &PublicKeys, seen: Option<&Seen>, now_unix: i64, mode: Mode) -> Result<Opened, BundleError> {
    open_with(raw, keys, seen, now_unix, mode, &crate::manifest::NativeCrypto)
}

/// [`open`] with the Ed25519 checks and SHA-256 digests done by `crypto`: the browser
/// computes them with WebCrypto and passes them in as [`crate::manifest::Precomputed`].
/// Every rule is the same code.
pub fn open_with(
    raw: &RawBundle,
    keys: &PublicKeys,
    seen: Option<&Seen>,
    now_unix: i64,
    mode: Mode,
    crypto: &dyn Crypto,
) -> Result<Opened, BundleError> {
    let mut o = Opening::new(raw, keys, seen, now_unix, mode, crypto);
    loop {
        if let Some(opened) = o.step()? {
            return Ok(opened);
        }
    }
}

/// The acceptance of [`open_with`] in steps (signature and hashes, syntax, the
/// overlay, the model, structural rules), so the browser can give the main thread back
/// between them instead of blocking it in one long task. `open_with` runs exactly
/// these steps in a loop.
pub struct Opening<'a> {
    raw: &'a RawBundle,
    keys: &'a PublicKeys,
    seen: Option<&'a Seen>,
    now_unix: i64,
    mode: Mode,
    crypto: &'a dyn Crypto,
    stage: Stage,
}

enum Stage {
    Verify,
    ParseTree(Verified),
    ParseRest(Verified, Value),
    DecodeTree(Verified, [Value; 3]),
    DecodeRest(Verified, Tree, [Value; 2]),
    Lint(Verified, Content),
    Done,
}

fn file<'m>(v: &'m Verified, key: &'static str) -> Result<&'m crate::manifest::FileEntry, BundleError> {
    v.manifest.file(key).ok_or(BundleError::MissingFile(key))
}

impl<'a> Opening<'a> {
    pub fn new(
        raw: &'a RawBundle,
        keys: &'a PublicKeys,
        seen: Option<&'a Seen>,
        now_unix: i64,
        mode: Mode,
        crypto: &'a dyn Crypto,
    ) -> Self {
        Opening { raw, keys, seen, now_unix, mode, crypto, stage: Stage::Verify }
    }

    /// Do the next step: `Ok(None)` when there is more to do, the opened bundle after the
    /// last step, or the first error (then stop: nothing of the bundle may be used).
    pub fn step(&mut self) -> Result<Option<Opened>, BundleError> {
        let raw = self.raw;
        let load = |e| BundleError::Load(e);
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Verify => {
                let v = verify_manifest(&raw.manifest, &raw.signature, self.keys, self.seen, self.now_unix, self.mode, self.crypto)?;
                let mut files: Vec<(&crate::manifest::FileEntry, &[u8])> =
                    vec![(file(&v, "tree")?, &raw.tree), (file(&v, "directory")?, &raw.directory), (file(&v, "site")?, &raw.site)];
                if let Some((lang, bytes)) = &raw.texts {
                    let key = crate::i18n::overlay_key(*lang);
                    let entry = v.manifest.files.get(&key).ok_or(BundleError::MissingFile("text"))?;
                    files.push((entry, bytes));
                }
                for (entry, bytes) in files {
                    verify_file(entry, bytes, self.crypto)?;
                }
                Stage::ParseTree(v)
            }
            Stage::ParseTree(v) => Stage::ParseRest(v, crate::load::read_tree_value(&raw.tree).map_err(load)?),
            Stage::ParseRest(v, tree) => {
                let dir = crate::load::read_value("organisations.json", &raw.directory).map_err(load)?;
                let site = crate::load::read_value("site.json", &raw.site).map_err(load)?;
                let mut docs = [tree, dir, site];
                if let Some((lang, bytes)) = &raw.texts {
                    crate::i18n::apply(&mut docs, *lang, bytes).map_err(|e| load(crate::load::load_error("overlay", e)))?;
                }
                Stage::DecodeTree(v, docs)
            }
            Stage::DecodeTree(v, [tree, dir, site]) => Stage::DecodeRest(v, crate::load::decode_tree(tree).map_err(load)?, [dir, site]),
            Stage::DecodeRest(v, tree, [dir, site]) => {
                let directory = crate::load::decode_directory(dir).map_err(load)?;
                let site = crate::load::decode_site(site).map_err(load)?;
                Stage::Lint(v, Content::new(tree, directory).with_site(site))
            }
            Stage::Lint(verified, content) => {
                let diags = lint(&content, crate::lint::UNDATED);
                if has_errors(&diags) {
                    let first = diags.iter().find(|d| d.severity == Severity::Error).map(|d| d.to_string()).unwrap_or_default();
                    return Err(BundleError::Lint(first));
                }
                return Ok(Some(Opened { verified, content }));
            }
            Stage::Done => return Err(BundleError::MissingFile("done")),
        };
        Ok(None)
    }
}

/// The last verified bundle as the app keeps it on the device (`localStorage`, key
/// `ww:content`): the four texts as fetched. Reading it back is reading outside data (another
/// script on the origin, a browser extension or a corrupt disk may have changed it), so it is
/// opened again with [`Mode::Cached`] before use, like a fresh download.
struct Cached {
    manifest: String,
    signature: String,
    tree: String,
    directory: String,
    site: String,
}

crate::from_json_struct!(Cached { req: [manifest, signature, tree, directory, site], opt: [] });
crate::to_json_struct!(Cached { manifest, signature, tree, directory, site });

/// The stored form of a bundle ([`read_cached`] reads it back). Non-UTF-8 bytes are replaced,
/// which makes such a bundle fail verification when read back: it was never accepted anyway.
pub fn cached_json(raw: &RawBundle) -> String {
    use crate::json::ToJson;
    let to_s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Cached {
        manifest: to_s(&raw.manifest),
        signature: to_s(&raw.signature),
        tree: to_s(&raw.tree),
        directory: to_s(&raw.directory),
        site: to_s(&raw.site),
    }
    .to_json()
}

/// The stored bundle, or `None` for anything that is not exactly the stored form. The bytes
/// are NOT verified here: pass them to [`open`] / [`Opening`].
pub fn read_cached(text: &[u8]) -> Option<RawBundle> {
    let c: Cached = crate::json::from_slice(text).ok()?;
    Some(RawBundle {
        manifest: c.manifest.into_bytes(),
        signature: c.signature.into_bytes(),
        tree: c.tree.into_bytes(),
        directory: c.directory.into_bytes(),
        site: c.site.into_bytes(),
        texts: None,
    })
}
