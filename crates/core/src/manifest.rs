//! Signed content (TUF-lite, spec section 4) as pure functions over bytes, the highest
//! version seen, and "now". The browser and the CLI call the same code.
//!
//! # What is published
//!
//! ```text
//! manifest.json            {"schema":1,"version":…,"issued":"…Z","expires":"…Z",
//!                           "files":{"tree":{"name":"tree.<16 hex>.json","sha256":"…","length":…},
//!                                    "directory":{"name":"organisations.<16 hex>.json",…}}}
//! manifest.json.minisig    a standard minisign signature over the exact manifest bytes
//! tree.<16 hex>.json       content-addressed files, named by the first 16 hex digits of their SHA-256
//! organisations.<16 hex>.json
//! ```
//!
//! # Client rules, in order ([`verify_manifest`], then [`verify_file`] per file)
//!
//! 1. **Caps**: the manifest is at most [`MAX_MANIFEST_BYTES`], the signature at most
//!    [`MAX_SIGNATURE_BYTES`], each file at most [`MAX_FILE_BYTES`] and never more than its
//!    declared length (readers stop at [`FileEntry::read_limit`]).
//! 2. **Signature first**: the minisign signature is checked over the exact bytes with the
//!    pinned keys *before* the JSON is parsed. Both prehashed (`ED`, the default of
//!    minisign ≥ 0.8) and legacy (`Ed`) signatures are accepted.
//! 3. **Schema**: `schema` must equal [`crate::model::SCHEMA_VERSION`].
//! 4. **Rollback**: a version lower than the highest accepted ([`Seen`]) is refused; the
//!    same version with different bytes is refused; the same bytes again are fine.
//! 5. **Freeze**: [`Mode::Fresh`] (just fetched) refuses a manifest past `expires`.
//!    [`Mode::Cached`] (already verified earlier, loaded from the local cache while offline)
//!    accepts it with `stale: true`, so the app shows "informatie is mogelijk verouderd".
//! 6. **Files**: the keys `tree`, `directory` and `site`, plus `text.<code>` per translated
//!    language and nothing else; safe names; lowercase SHA-256;
//!    declared length within the cap. Each file's bytes are checked for length, then hash.
//!
//! **`issued` in the future is not refused** (only `issued > expires` is). Children's
//! phones often have wrong clocks; refusing would lock out a user whose clock runs behind,
//! while a future `issued` gains an attacker nothing (they would need the signing key).
//!
//! # Keys and rotation
//!
//! The app pins one or two minisign (Ed25519) public keys at build time: `current` and,
//! optionally, `next`. A manifest verifies if it is signed by either ([`Verified::key_index`]
//! tells which). Rotation, without a moment where clients refuse content:
//!
//! 1. Generate the next key pair offline (`wegwijzer keygen --out next` or `minisign -G`).
//! 2. Ship an app build that pins `current` + `next`. Wait until that build is everywhere
//!    (the service worker updates clients).
//! 3. Sign new content with `next` and a higher version.
//! 4. Ship a build that pins `next` as current (optionally with a new next). Destroy the old
//!    secret key.
//!
//! The client remembers only [`Seen`] (highest accepted version + SHA-256 of those manifest
//! bytes); keys are never learned from content. See `docs/signing.md`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

use crate::model::SCHEMA_VERSION;
use crate::time::{format_rfc3339, parse_rfc3339};

/// Largest manifest accepted, in bytes.
pub const MAX_MANIFEST_BYTES: usize = 16 * 1024;
/// Largest signature file accepted, in bytes.
pub const MAX_SIGNATURE_BYTES: usize = 2 * 1024;
/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The file keys a manifest of this schema must name. Besides them it may name one overlay
/// per language other than Dutch, `text.<code>` ([`crate::i18n`]), and nothing else.
pub const FILE_KEYS: [&str; 3] = ["tree", "directory", "site"];
/// Name of the manifest and its signature next to the content files.
pub const MANIFEST_NAME: &str = "manifest.json";
pub const SIGNATURE_NAME: &str = "manifest.json.minisig";

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Must equal [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Monotonically increasing (the CLI uses unix seconds by default).
    pub version: u64,
    /// RFC 3339, when it was signed.
    pub issued: String,
    /// RFC 3339; a freshly fetched manifest past this moment is refused.
    pub expires: String,
    /// Keys `tree` and `directory`.
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    pub fn file(&self, key: &str) -> Option<&FileEntry> {
        self.files.get(key)
    }
    /// `issued` as unix seconds (valid after verification).
    pub fn issued_unix(&self) -> Option<i64> {
        parse_rfc3339(&self.issued)
    }
    /// `expires` as unix seconds (valid after verification).
    pub fn expires_unix(&self) -> Option<i64> {
        parse_rfc3339(&self.expires)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// File name relative to the manifest: only `[A-Za-z0-9._-]`, no `..`.
    pub name: String,
    /// Lowercase hex SHA-256 of the exact bytes.
    pub sha256: String,
    /// Exact length in bytes.
    pub length: u64,
}

impl FileEntry {
    /// Stop reading a response after this many bytes (+1 to detect "too long").
    pub fn read_limit(&self) -> u64 {
        self.length.min(MAX_FILE_BYTES)
    }
}

/// What the client remembers between visits (when storage works).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// Highest manifest version accepted.
    pub version: u64,
    /// Lowercase hex SHA-256 of those exact manifest bytes.
    pub manifest_sha256: String,
}

/// Where the manifest comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Just fetched from the network: expired is refused.
    Fresh,
    /// Loaded from the local cache of already-verified content (offline): expired is
    /// accepted and reported as `stale`.
    Cached,
}

/// A manifest that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub manifest: Manifest,
    /// Past `expires` (only possible in [`Mode::Cached`]): show "information may be out of date".
    pub stale: bool,
    /// 0 = signed by the current key, 1 = by the next key.
    pub key_index: usize,
    /// Lowercase hex SHA-256 of the manifest bytes.
    pub manifest_sha256: String,
    /// The signature's trusted comment (signed; informational).
    pub trusted_comment: String,
}

impl Verified {
    /// The [`Seen`] to remember after accepting this manifest (never lower than before,
    /// since rollback was refused).
    pub fn seen(&self) -> Seen {
        Seen { version: self.manifest.version, manifest_sha256: self.manifest_sha256.clone() }
    }
}

/// Everything that can go wrong, with what to do about it in the Display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// A pinned public key could not be read (a build configuration error).
    BadPublicKey {
        index: usize,
        reason: String,
    },
    /// Zero or more than two pinned keys.
    KeyCount(usize),
    ManifestTooLarge {
        size: usize,
        max: usize,
    },
    SignatureTooLarge {
        size: usize,
        max: usize,
    },
    /// The signature file is not in minisign format.
    SignatureMalformed(String),
    /// Signed by a key that is not pinned.
    UnknownKey {
        signature_key_id: String,
        pinned: Vec<String>,
    },
    /// Signed with a pinned key id, but the signature does not match the bytes.
    BadSignature {
        key_id: String,
    },
    /// Valid signature, but the JSON is not a manifest.
    Malformed(String),
    SchemaVersion {
        found: u32,
        expected: u32,
    },
    BadTimestamp {
        field: &'static str,
        value: String,
    },
    IssuedAfterExpires {
        issued: String,
        expires: String,
    },
    Expired {
        expires: String,
        now: String,
    },
    Rollback {
        version: u64,
        highest: u64,
    },
    SameVersionDifferentBytes {
        version: u64,
    },
    MissingFile(&'static str),
    UnexpectedFile(String),
    UnsafeFileName(String),
    BadDigest {
        name: String,
        value: String,
    },
    /// Declared or actual size above [`MAX_FILE_BYTES`].
    FileTooLarge {
        name: String,
        size: u64,
        max: u64,
    },
    /// More bytes than the manifest declares.
    FileTooLong {
        name: String,
        expected: u64,
        actual: u64,
    },
    /// Fewer bytes than the manifest declares.
    FileTruncated {
        name: String,
        expected: u64,
        actual: u64,
    },
    HashMismatch {
        name: String,
        expected: String,
        actual: String,
    },
}

impl ManifestError {
    /// A short name of the error (the browser's console message; the CLI prints the full text).
    pub fn kind(&self) -> &'static str {
        use ManifestError::*;
        match self {
            BadPublicKey { .. } => "bad pinned key",
            KeyCount(_) => "pinned key count",
            ManifestTooLarge { .. } => "manifest too large",
            SignatureTooLarge { .. } => "signature too large",
            SignatureMalformed(_) => "signature malformed",
            UnknownKey { .. } => "signed by a key that is not pinned",
            BadSignature { .. } => "bad signature",
            Malformed(_) => "manifest malformed",
            SchemaVersion { .. } => "manifest schema",
            BadTimestamp { .. } => "bad timestamp",
            IssuedAfterExpires { .. } => "issued after expires",
            Expired { .. } => "expired (freeze)",
            Rollback { .. } => "older version (rollback)",
            SameVersionDifferentBytes { .. } => "same version, different bytes",
            MissingFile(_) => "missing file",
            UnexpectedFile(_) => "unexpected file",
            UnsafeFileName(_) => "unsafe file name",
            BadDigest { .. } => "bad digest",
            FileTooLarge { .. } => "file too large",
            FileTooLong { .. } => "file longer than declared",
            FileTruncated { .. } => "file truncated",
            HashMismatch { .. } => "file hash mismatch",
        }
    }
}

/// The browser build (without `full-lint`) logs only [`ManifestError::kind`]: the full texts
/// and hints below are for the content team at the CLI and cost the app's wasm about 1 kB brotli.
#[cfg(not(feature = "full-lint"))]
impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind())
    }
}

#[cfg(feature = "full-lint")]
impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ManifestError::*;
        match self {
            BadPublicKey { index, reason } => write!(
                f,
                "pinned public key #{index} is not a minisign public key ({reason}); \
                 give the base64 line of a .pub file or the whole file"
            ),
            KeyCount(n) => write!(f, "{n} public keys given; pin one (current) or two (current, next)"),
            ManifestTooLarge { size, max } => write!(
                f,
                "manifest is {size} bytes, more than the {max}-byte cap: refused without reading it; \
                 is this really a manifest?"
            ),
            SignatureTooLarge { size, max } => {
                write!(f, "signature is {size} bytes, more than the {max}-byte cap: refused")
            }
            SignatureMalformed(why) => write!(
                f,
                "signature is not a minisign signature ({why}); publish the .minisig file written by \
                 `wegwijzer sign` or `minisign -S`"
            ),
            UnknownKey { signature_key_id, pinned } => write!(
                f,
                "signature does not match any pinned key (signed by key id {signature_key_id}, pinned: {}); \
                 sign with a pinned key or pin this key in the build",
                pinned.join(", ")
            ),
            BadSignature { key_id } => write!(
                f,
                "signature check failed for key id {key_id}: the manifest or its signature was changed \
                 after signing; re-sign and publish both together"
            ),
            Malformed(why) => write!(f, "manifest is signed but not a valid manifest: {why}"),
            SchemaVersion { found, expected } => write!(
                f,
                "manifest schema {found} is not supported by this app (expects {expected}); \
                 update the app or sign content for schema {expected}"
            ),
            BadTimestamp { field, value } => {
                write!(f, "manifest {field} \"{value}\" is not an RFC 3339 time like 2025-01-31T12:00:00Z")
            }
            IssuedAfterExpires { issued, expires } => {
                write!(f, "manifest issued {issued} is after it expires {expires}: re-sign with a later expiry")
            }
            Expired { expires, now } => write!(
                f,
                "manifest expired at {expires} (now {now}): freeze protection refuses it; \
                 sign and publish fresh content"
            ),
            Rollback { version, highest } => write!(
                f,
                "version {version} is older than the highest version seen ({highest}): rollback refused; \
                 sign with a version above {highest}"
            ),
            SameVersionDifferentBytes { version } => write!(
                f,
                "version {version} was seen before with different bytes: refused; \
                 every change needs a new, higher version"
            ),
            MissingFile(k) => write!(f, "manifest does not name the \"{k}\" file"),
            UnexpectedFile(k) => {
                write!(f, "manifest names an unknown file key \"{k}\"; schema {SCHEMA_VERSION} has only tree and directory")
            }
            UnsafeFileName(n) => write!(f, "file name \"{n}\" is not allowed: use only letters, digits, '.', '_' and '-', no '..' or '/'"),
            BadDigest { name, value } => {
                write!(f, "sha256 of {name} is \"{value}\", not 64 lowercase hex digits")
            }
            FileTooLarge { name, size, max } => {
                write!(f, "{name} is {size} bytes, more than the {max}-byte cap: refused")
            }
            FileTooLong { name, expected, actual } => write!(
                f,
                "{name} has more bytes than the manifest declares ({actual} > {expected}): refused; \
                 the file and manifest do not belong together"
            ),
            FileTruncated { name, expected, actual } => write!(f, "{name} is truncated ({actual} of {expected} bytes): retry the download"),
            HashMismatch { name, expected, actual } => write!(
                f,
                "{name} does not match the manifest (sha256 {actual}, expected {expected}): \
                 wrong or tampered file; publish the files and manifest from one `wegwijzer sign` run"
            ),
        }
    }
}

impl std::error::Error for ManifestError {}

// ---------------------------------------------------------------- keys

/// 1 or 2 pinned minisign public keys: index 0 = current, 1 = next.
#[derive(Clone)]
pub struct PublicKeys {
    keys: Vec<(minisign_verify::PublicKey, String)>,
}

impl fmt::Debug for PublicKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKeys").field("key_ids", &self.key_ids()).finish()
    }
}

/// The base64 line of a public key given as the line itself or as a whole `.pub` file.
fn key_line(s: &str) -> &str {
    s.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("untrusted comment:")).unwrap_or("")
}

/// Minisign key id display: the 8 key-id bytes as a little-endian u64 in upper-case hex,
/// as `minisign` prints it.
fn key_id_hex(id: &[u8]) -> String {
    let mut b = [0u8; 8];
    b.copy_from_slice(&id[..8]);
    format!("{:016X}", u64::from_le_bytes(b))
}

impl PublicKeys {
    /// Parse 1 (current) or 2 (current, next) public keys; each may be the base64 line or a
    /// whole minisign `.pub` file.
    pub fn parse(keys: &[&str]) -> Result<PublicKeys, ManifestError> {
        if keys.is_empty() || keys.len() > 2 {
            return Err(ManifestError::KeyCount(keys.len()));
        }
        let mut out = Vec::with_capacity(keys.len());
        for (index, k) in keys.iter().enumerate() {
            let line = key_line(k);
            let bad = |reason: &str| ManifestError::BadPublicKey { index, reason: reason.into() };
            let raw = base64_decode(line).ok_or_else(|| bad("not base64"))?;
            if raw.len() != 42 || &raw[0..2] != b"Ed" {
                return Err(bad("not an Ed25519 minisign public key"));
            }
            let pk = minisign_verify::PublicKey::from_base64(line).map_err(|e| bad(&crate::why(|| e.to_string())))?;
            out.push((pk, key_id_hex(&raw[2..10])));
        }
        Ok(PublicKeys { keys: out })
    }
    /// `current` and an optional `next`.
    pub fn current_next(current: &str, next: Option<&str>) -> Result<PublicKeys, ManifestError> {
        match next {
            Some(n) => Self::parse(&[current, n]),
            None => Self::parse(&[current]),
        }
    }
    /// Key ids as minisign prints them (16 upper-case hex digits).
    pub fn key_ids(&self) -> Vec<String> {
        self.keys.iter().map(|(_, id)| id.clone()).collect()
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Standard base64 with padding (what minisign writes). `None` on anything else.
#[allow(clippy::manual_is_multiple_of)] // rust-version 1.85
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() % 4 != 0 {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let chunks = b.len() / 4;
    for (i, ch) in b.chunks(4).enumerate() {
        let last = i + 1 == chunks;
        let pad = ch.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n: u32 = 0;
        for &c in &ch[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

// ---------------------------------------------------------------- hashing

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

/// Lowercase hex, as the manifest spells digests (also for digests computed by WebCrypto).
pub fn hex_lower(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    s
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// Safe file name: 1–128 chars of `[A-Za-z0-9._-]`, not starting with '.', no "..".
pub fn is_safe_file_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 128
        && !n.starts_with('.')
        && !n.contains("..")
        && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_' || c == b'-')
}

// ---------------------------------------------------------------- verification

/// Check signature-first and apply every rule of spec section 4 (see the module docs).
///
/// `signature` is the `.minisig` file's bytes. `seen` is what the client remembers, `None`
/// on a first visit or when storage does not work. `now_unix` is the client's clock.
pub fn verify_manifest(
    manifest_bytes: &[u8],
    signature: &[u8],
    keys: &PublicKeys,
    seen: Option<&Seen>,
    now_unix: i64,
    mode: Mode,
) -> Result<Verified, ManifestError> {
    // 1. Caps.
    if manifest_bytes.len() > MAX_MANIFEST_BYTES {
        return Err(ManifestError::ManifestTooLarge { size: manifest_bytes.len(), max: MAX_MANIFEST_BYTES });
    }
    if signature.len() > MAX_SIGNATURE_BYTES {
        return Err(ManifestError::SignatureTooLarge { size: signature.len(), max: MAX_SIGNATURE_BYTES });
    }
    // 2. Signature over the exact bytes, before parsing.
    let sig_text = std::str::from_utf8(signature).map_err(|_| ManifestError::SignatureMalformed("not UTF-8 text".into()))?;
    let sig_line = sig_text.lines().nth(1).map(str::trim).unwrap_or("");
    let sig_raw = base64_decode(sig_line)
        .filter(|r| r.len() == 74)
        .ok_or_else(|| ManifestError::SignatureMalformed("second line is not a signature".into()))?;
    let sig_key_id = key_id_hex(&sig_raw[2..10]);
    let sig = minisign_verify::Signature::decode(sig_text).map_err(|e| ManifestError::SignatureMalformed(crate::why(|| e.to_string())))?;
    let key_index = keys
        .keys
        .iter()
        .position(|(_, id)| *id == sig_key_id)
        .ok_or_else(|| ManifestError::UnknownKey { signature_key_id: sig_key_id.clone(), pinned: keys.key_ids() })?;
    keys.keys[key_index].0.verify(manifest_bytes, &sig, true).map_err(|_| ManifestError::BadSignature { key_id: sig_key_id.clone() })?;

    // 3. Parse and check the contents.
    let manifest: Manifest = crate::json::from_slice(manifest_bytes).map_err(|e| ManifestError::Malformed(crate::why(|| e.to_string())))?;
    if manifest.schema != SCHEMA_VERSION {
        return Err(ManifestError::SchemaVersion { found: manifest.schema, expected: SCHEMA_VERSION });
    }
    let issued =
        parse_rfc3339(&manifest.issued).ok_or_else(|| ManifestError::BadTimestamp { field: "issued", value: manifest.issued.clone() })?;
    let expires = parse_rfc3339(&manifest.expires)
        .ok_or_else(|| ManifestError::BadTimestamp { field: "expires", value: manifest.expires.clone() })?;
    if issued > expires {
        return Err(ManifestError::IssuedAfterExpires { issued: manifest.issued.clone(), expires: manifest.expires.clone() });
    }
    check_files(&manifest)?;

    // 4. Rollback.
    let manifest_sha256 = sha256_hex(manifest_bytes);
    if let Some(seen) = seen {
        if manifest.version < seen.version {
            return Err(ManifestError::Rollback { version: manifest.version, highest: seen.version });
        }
        if manifest.version == seen.version && manifest_sha256 != seen.manifest_sha256 {
            return Err(ManifestError::SameVersionDifferentBytes { version: manifest.version });
        }
    }

    // 5. Freeze.
    let expired = now_unix > expires;
    if expired && mode == Mode::Fresh {
        return Err(ManifestError::Expired { expires: manifest.expires.clone(), now: format_rfc3339(now_unix) });
    }

    Ok(Verified { manifest, stale: expired, key_index, manifest_sha256, trusted_comment: sig.trusted_comment().to_string() })
}

fn check_files(m: &Manifest) -> Result<(), ManifestError> {
    for k in FILE_KEYS {
        if !m.files.contains_key(k) {
            return Err(ManifestError::MissingFile(k));
        }
    }
    for (k, e) in &m.files {
        if !FILE_KEYS.contains(&k.as_str()) && crate::i18n::overlay_lang(k).is_none() {
            return Err(ManifestError::UnexpectedFile(k.clone()));
        }
        if !is_safe_file_name(&e.name) {
            return Err(ManifestError::UnsafeFileName(e.name.clone()));
        }
        if !is_sha256_hex(&e.sha256) {
            return Err(ManifestError::BadDigest { name: e.name.clone(), value: e.sha256.clone() });
        }
        if e.length > MAX_FILE_BYTES {
            return Err(ManifestError::FileTooLarge { name: e.name.clone(), size: e.length, max: MAX_FILE_BYTES });
        }
    }
    Ok(())
}

/// For streaming readers: call with the number of bytes received so far; stop and fail as
/// soon as it exceeds the declared length or the cap.
pub fn check_received(entry: &FileEntry, received: u64) -> Result<(), ManifestError> {
    if received > MAX_FILE_BYTES {
        return Err(ManifestError::FileTooLarge { name: entry.name.clone(), size: received, max: MAX_FILE_BYTES });
    }
    if received > entry.length {
        return Err(ManifestError::FileTooLong { name: entry.name.clone(), expected: entry.length, actual: received });
    }
    Ok(())
}

/// Check a content file against its manifest entry: size cap and length first (cheap),
/// then SHA-256.
pub fn verify_file(entry: &FileEntry, bytes: &[u8]) -> Result<(), ManifestError> {
    verify_file_digest(entry, bytes.len(), &sha256_hex(bytes))
}

/// [`verify_file`] with the SHA-256 (lowercase hex) of the file's bytes computed by the
/// caller: the browser hashes with WebCrypto, native code off the main thread, instead of
/// hashing in wasm. The rules are the same; only where the hash is computed moves.
pub fn verify_file_digest(entry: &FileEntry, len: usize, sha256: &str) -> Result<(), ManifestError> {
    let actual = len as u64;
    check_received(entry, actual)?;
    if actual < entry.length {
        return Err(ManifestError::FileTruncated { name: entry.name.clone(), expected: entry.length, actual });
    }
    if sha256 != entry.sha256 {
        return Err(ManifestError::HashMismatch { name: entry.name.clone(), expected: entry.sha256.clone(), actual: sha256.to_string() });
    }
    Ok(())
}

/// The content-addressed name the CLI gives a file: `<stem>.<first 16 hex of sha256>.json`.
pub fn content_addressed_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.json", &sha256_hex(bytes)[..16])
}

// The browser reads these with the small reader (crate::json), not serde_json.
crate::from_json_struct!(Manifest { req: [schema, version, issued, expires, files], opt: [] });
crate::from_json_struct!(FileEntry { req: [name, sha256, length], opt: [] });
// `Seen` is our own record in device storage: anything unexpected makes it unused.
crate::from_json_struct!(Seen { req: [version, manifest_sha256], opt: [] });
crate::to_json_struct!(Seen { version, manifest_sha256 });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("aGVsbG8h"), Some(b"hello!".to_vec()));
        assert_eq!(base64_decode("aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(base64_decode("aGVsbA="), None);
        assert_eq!(base64_decode("a=VsbA=="), None);
        assert_eq!(base64_decode(""), None);
        assert_eq!(base64_decode("aGV*bA=="), None);
    }

    #[test]
    fn names_and_hashes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_safe_file_name("tree.0123456789abcdef.json"));
        for bad in ["", "../x", "a/b", ".hidden", "a..b", "a b", "a\\b", "tree.json?x"] {
            assert!(!is_safe_file_name(bad), "{bad}");
        }
        assert_eq!(content_addressed_name("tree", b"abc"), "tree.ba7816bf8f01cfea.json");
    }
}
