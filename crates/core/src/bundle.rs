//! The whole client-side acceptance of a content bundle, as one pure function:
//! signed manifest → files (length + SHA-256) → parse → structural lint. The app calls
//! this unchanged; nothing is rendered or cached unless it returns `Ok`.

use crate::lint::{has_errors, lint, Severity};
use crate::load::{read_directory, read_tree, LoadError};
use crate::manifest::{verify_file, verify_manifest, ManifestError, Mode, PublicKeys, Seen, Verified};
use crate::model::Content;
use std::fmt;

/// Raw bytes of one bundle as fetched or cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBundle {
    pub manifest: Vec<u8>,
    pub signature: Vec<u8>,
    pub tree: Vec<u8>,
    pub directory: Vec<u8>,
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

/// Verify and open a bundle. Date-based lint (stale verification) is not applied in the
/// client, whose clock may be wrong; structural errors reject the bundle.
pub fn open(raw: &RawBundle, keys: &PublicKeys, seen: Option<&Seen>, now_unix: i64, mode: Mode) -> Result<Opened, BundleError> {
    let verified = verify_manifest(&raw.manifest, &raw.signature, keys, seen, now_unix, mode)?;
    let tree_entry = verified.manifest.file("tree").ok_or(BundleError::MissingFile("tree"))?;
    let dir_entry = verified.manifest.file("directory").ok_or(BundleError::MissingFile("directory"))?;
    verify_file(tree_entry, &raw.tree)?;
    verify_file(dir_entry, &raw.directory)?;
    let tree = read_tree(&raw.tree).map_err(BundleError::Load)?;
    let directory = read_directory(&raw.directory).map_err(BundleError::Load)?;
    let content = Content::new(tree, directory);
    let diags = lint(&content, i64::MAX / 4);
    if has_errors(&diags) {
        let first = diags.iter().find(|d| d.severity == Severity::Error).map(|d| d.to_string()).unwrap_or_default();
        return Err(BundleError::Lint(first));
    }
    Ok(Opened { verified, content })
}
