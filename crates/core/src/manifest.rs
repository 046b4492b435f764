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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(deny_unknown_fields))]
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
    pub files: crate::Map<FileEntry>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(deny_unknown_fields))]
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The SHA-256 of these bytes could not be computed (the browser's WebCrypto is missing,
    /// e.g. on a page that is not https): nothing unhashed is accepted.
    Unhashed(&'static str),
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
            Unhashed(_) => "no SHA-256 available",
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
            Unhashed(what) => write!(
                f,
                "the SHA-256 of {what} could not be computed (in a browser: WebCrypto needs https or localhost); nothing unhashed is accepted"
            ),
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
    keys: Vec<PinnedKey>,
}

#[derive(Clone)]
struct PinnedKey {
    /// The 8 key-id bytes as minisign writes them.
    id: [u8; 8],
    /// The Ed25519 public key.
    key: [u8; 32],
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
fn key_id_hex(id: &[u8; 8]) -> String {
    format!("{:016X}", u64::from_le_bytes(*id))
}

/// The first `N` bytes of `b` as an array (`b` is at least that long where this is used).
fn array<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}

impl PublicKeys {
    /// Parse 1 (current) or 2 (current, next) public keys; each may be the base64 line or a
    /// whole minisign `.pub` file: `Ed` + key id (8 bytes) + Ed25519 key (32 bytes).
    pub fn parse(keys: &[&str]) -> Result<PublicKeys, ManifestError> {
        if keys.is_empty() || keys.len() > 2 {
            return Err(ManifestError::KeyCount(keys.len()));
        }
        let mut out = Vec::with_capacity(keys.len());
        for (index, k) in keys.iter().enumerate() {
            let bad = |reason: &str| ManifestError::BadPublicKey { index, reason: reason.into() };
            let raw = base64_decode(key_line(k)).ok_or_else(|| bad("not base64"))?;
            if raw.len() != 42 || &raw[0..2] != b"Ed" {
                return Err(bad("not an Ed25519 minisign public key"));
            }
            out.push(PinnedKey { id: array(&raw[2..10]), key: array(&raw[10..42]) });
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
        self.keys.iter().map(|k| key_id_hex(&k.id)).collect()
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

// ---------------------------------------------------------------- signatures

/// A minisign signature file read against the pinned keys, before anything is verified:
/// which key, and the two Ed25519 signatures that must hold ([`SignatureChecks::pairs`]).
///
/// The format (minisign's own): an untrusted comment line; base64 of the algorithm (`Ed`:
/// over the file itself, `ED`: over its BLAKE2b-512, the default of minisign ≥ 0.8), the key
/// id (8 bytes) and the signature (64); `trusted comment: …`; base64 of the global signature
/// (64 bytes) over the signature followed by the trusted comment. Read as
/// `minisign_verify::Signature::decode` reads it (a native test holds the two together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureChecks {
    /// 0 = the current key, 1 = the next.
    pub key_index: usize,
    pub key_id: String,
    /// The pinned Ed25519 key that signed.
    pub public_key: [u8; 32],
    prehashed: bool,
    signature: [u8; 64],
    global_signature: [u8; 64],
    /// The trusted comment, without its `trusted comment: ` prefix.
    pub trusted_comment: String,
}

impl SignatureChecks {
    /// Apply the caps, read the signature file and find its key among the pinned ones.
    pub fn read(manifest_bytes: &[u8], signature: &[u8], keys: &PublicKeys) -> Result<SignatureChecks, ManifestError> {
        if manifest_bytes.len() > MAX_MANIFEST_BYTES {
            return Err(ManifestError::ManifestTooLarge { size: manifest_bytes.len(), max: MAX_MANIFEST_BYTES });
        }
        if signature.len() > MAX_SIGNATURE_BYTES {
            return Err(ManifestError::SignatureTooLarge { size: signature.len(), max: MAX_SIGNATURE_BYTES });
        }
        let malformed = |why: &str| ManifestError::SignatureMalformed(why.into());
        let text = std::str::from_utf8(signature).map_err(|_| malformed("not UTF-8 text"))?;
        let mut lines = text.lines();
        let _untrusted = lines.next().ok_or_else(|| malformed("empty"))?;
        let sig =
            lines.next().and_then(base64_decode).filter(|r| r.len() == 74).ok_or_else(|| malformed("second line is not a signature"))?;
        let trusted = lines.next().unwrap_or("");
        let global =
            lines.next().and_then(base64_decode).filter(|r| r.len() == 64).ok_or_else(|| malformed("fourth line is not a signature"))?;
        let trusted_comment = trusted.strip_prefix("trusted comment: ").ok_or_else(|| malformed("third line is not a trusted comment"))?;
        let prehashed = match &sig[0..2] {
            b"Ed" => false,
            b"ED" => true,
            _ => return Err(malformed("not an Ed25519 signature")),
        };
        let id: [u8; 8] = array(&sig[2..10]);
        let key_id = key_id_hex(&id);
        let key_index = keys
            .keys
            .iter()
            .position(|k| k.id == id)
            .ok_or_else(|| ManifestError::UnknownKey { signature_key_id: key_id.clone(), pinned: keys.key_ids() })?;
        Ok(SignatureChecks {
            key_index,
            key_id,
            public_key: keys.keys[key_index].key,
            prehashed,
            signature: array(&sig[10..74]),
            global_signature: array(&global),
            trusted_comment: trusted_comment.to_string(),
        })
    }

    /// The two (message, signature) pairs that must verify under [`Self::public_key`]: the
    /// signature over the manifest (its BLAKE2b-512 for `ED`) and the global signature over
    /// the signature and the trusted comment.
    pub fn pairs(&self, manifest_bytes: &[u8]) -> [(Vec<u8>, [u8; 64]); 2] {
        let signed = if self.prehashed {
            use blake2::Digest;
            blake2::Blake2b512::digest(manifest_bytes).to_vec()
        } else {
            manifest_bytes.to_vec()
        };
        let mut global = self.signature.to_vec();
        global.extend_from_slice(self.trusted_comment.as_bytes());
        [(signed, self.signature), (global, self.global_signature)]
    }
}

/// The two primitives the signing rules need. The CLI and the native tests compute them
/// ([`NativeCrypto`]); the browser computes them with WebCrypto, asynchronously, before it
/// opens a bundle, and hands the results in as [`Precomputed`]. The rules that use them are
/// the same code either way.
pub trait Crypto {
    /// Does `signature` verify `message` under the Ed25519 key `public_key`?
    fn ed25519_verify(&self, public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool;
    /// Lowercase hex SHA-256 of `bytes`, or `None` when it cannot be had (then the bytes are
    /// refused).
    fn sha256_hex(&self, bytes: &[u8]) -> Option<String>;
}

/// Ed25519 (`ed25519-compact`) and SHA-256 (`sha2`) in Rust.
#[cfg(feature = "native-crypto")]
pub struct NativeCrypto;

#[cfg(feature = "native-crypto")]
impl Crypto for NativeCrypto {
    fn ed25519_verify(&self, public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        let pk = ed25519_compact::PublicKey::new(*public_key);
        pk.verify(message, &ed25519_compact::Signature::new(*signature)).is_ok()
    }
    fn sha256_hex(&self, bytes: &[u8]) -> Option<String> {
        Some(sha256_hex(bytes))
    }
}

/// Results computed elsewhere (the browser's WebCrypto), answered by exact lookup: an
/// Ed25519 check holds only for the very (key, message, signature) that was verified and
/// found valid, a digest is known only for the very bytes that were hashed. Anything else
/// fails, so a missing or wrong precomputation can only refuse content, never accept it.
#[derive(Debug, Clone, Default)]
pub struct Precomputed {
    valid: Vec<([u8; 32], Vec<u8>, [u8; 64])>,
    digests: Vec<(Vec<u8>, String)>,
}

impl Precomputed {
    /// Record that `signature` was verified over `message` under `public_key` and is valid.
    pub fn valid_signature(&mut self, public_key: [u8; 32], message: Vec<u8>, signature: [u8; 64]) {
        self.valid.push((public_key, message, signature));
    }
    /// Record the lowercase hex SHA-256 of `bytes`.
    pub fn digest(&mut self, bytes: &[u8], sha256_hex: String) {
        self.digests.push((bytes.to_vec(), sha256_hex));
    }
}

impl Crypto for Precomputed {
    fn ed25519_verify(&self, public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        self.valid.iter().any(|(k, m, s)| k == public_key && m == message && s == signature)
    }
    fn sha256_hex(&self, bytes: &[u8]) -> Option<String> {
        self.digests.iter().find(|(b, _)| b == bytes).map(|(_, d)| d.clone())
    }
}

/// Standard base64 with padding (what minisign writes), canonical only (`base64ct`: no
/// stray bits in the last character, constant time). `None` on anything else.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    base64ct::Base64::decode_vec(s).ok().filter(|v| !v.is_empty())
}

// ---------------------------------------------------------------- hashing

/// Lowercase hex SHA-256.
#[cfg(feature = "native-crypto")]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
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
/// `crypto` does the Ed25519 checks and the manifest's SHA-256 ([`Crypto`]).
pub fn verify_manifest(
    manifest_bytes: &[u8],
    signature: &[u8],
    keys: &PublicKeys,
    seen: Option<&Seen>,
    now_unix: i64,
    mode: Mode,
    crypto: &dyn Crypto,
) -> Result<Verified, ManifestError> {
    // 1. Caps, and 2. the signature over the exact bytes, before parsing.
    let checks = SignatureChecks::read(manifest_bytes, signature, keys)?;
    for (message, sig) in checks.pairs(manifest_bytes) {
        if !crypto.ed25519_verify(&checks.public_key, &message, &sig) {
            return Err(ManifestError::BadSignature { key_id: checks.key_id.clone() });
        }
    }
    let key_index = checks.key_index;

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
    let manifest_sha256 = crypto.sha256_hex(manifest_bytes).ok_or(ManifestError::Unhashed(MANIFEST_NAME))?;
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

    Ok(Verified { manifest, stale: expired, key_index, manifest_sha256, trusted_comment: checks.trusted_comment })
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
/// then SHA-256 (by `crypto`; bytes it has no digest for are refused).
pub fn verify_file(entry: &FileEntry, bytes: &[u8], crypto: &dyn Crypto) -> Result<(), ManifestError> {
    check_received(entry, bytes.len() as u64)?;
    let digest = crypto.sha256_hex(bytes).ok_or(ManifestError::Unhashed("a content file"))?;
    verify_file_digest(entry, bytes.len(), &digest)
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

#[cfg(feature = "native-crypto")]
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
    #[cfg(feature = "native-crypto")]
    fn names_and_hashes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_safe_file_name("tree.0123456789abcdef.json"));
        for bad in ["", "../x", "a/b", ".hidden", "a..b", "a b", "a\\b", "tree.json?x"] {
            assert!(!is_safe_file_name(bad), "{bad}");
        }
        assert_eq!(content_addressed_name("tree", b"abc"), "tree.ba7816bf8f01cfea.json");
    }
}
