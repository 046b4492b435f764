//! `bundle::open`, the client's whole acceptance path, over the real default content:
//! a good bundle opens; a tampered file, a signed-but-broken tree and a wrong key do not.
mod common;

use minisign::KeyPair;
use wegwijzer_core::bundle::{open, BundleError, RawBundle};
use wegwijzer_core::manifest::*;
use wegwijzer_core::time::parse_rfc3339;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../content/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn signed(kp: &KeyPair, tree: &[u8], dir: &[u8]) -> RawBundle {
    let site = read("site.json");
    let m = common::manifest_for(tree, dir, &site, &[], 5);
    let sig = minisign::sign(Some(&kp.pk), &kp.sk, &m[..], Some("version:5"), None).unwrap().into_string();
    RawBundle { manifest: m, signature: sig.into_bytes(), tree: tree.to_vec(), directory: dir.to_vec(), site, texts: None }
}

fn now() -> i64 {
    parse_rfc3339("2026-11-25T12:00:00Z").unwrap()
}

#[test]
fn default_content_opens_and_tampering_is_refused() {
    let kp = KeyPair::generate_unencrypted_keypair().unwrap();
    let keys = PublicKeys::parse(&[&kp.pk.to_base64()]).unwrap();
    let (tree, dir) = (read("tree.json"), read("organisations.json"));

    let good = signed(&kp, &tree, &dir);
    let o = open(&good, &keys, None, now(), Mode::Fresh).expect("default content opens");
    assert_eq!(o.verified.manifest.version, 5);
    assert!(o.content.node(&o.content.tree.start).is_some());

    // A flipped byte in the tree: hash mismatch.
    let mut bad = good.clone();
    let i = bad.tree.len() / 2;
    bad.tree[i] ^= 1;
    assert!(matches!(open(&bad, &keys, None, now(), Mode::Fresh), Err(BundleError::Manifest(_))));

    // Signed but structurally broken (dangling reference): refused by the structural lint.
    let broken = String::from_utf8(tree.clone()).unwrap().replacen("\"next\": \"", "\"next\": \"gone-", 1);
    let b = signed(&kp, broken.as_bytes(), &dir);
    assert!(matches!(open(&b, &keys, None, now(), Mode::Fresh), Err(BundleError::Lint(_))), "dangling reference must be refused");

    // Another key.
    let other = KeyPair::generate_unencrypted_keypair().unwrap();
    let other_keys = PublicKeys::parse(&[&other.pk.to_base64()]).unwrap();
    assert!(open(&good, &other_keys, None, now(), Mode::Fresh).is_err());

    // Expired: refused fresh, accepted (stale) from the cache.
    let later = parse_rfc3339("2027-06-01T00:00:00Z").unwrap();
    assert!(open(&good, &keys, None, later, Mode::Fresh).is_err());
    assert!(open(&good, &keys, None, later, Mode::Cached).unwrap().verified.stale);
}

/// What the browser does before it opens a bundle: the Ed25519 checks the signature asks for
/// and the SHA-256 of every file, computed outside the rules (there by WebCrypto, here by
/// `NativeCrypto`) and handed in as `Precomputed`. Only valid signatures are recorded.
fn precomputed(raw: &RawBundle, keys: &PublicKeys) -> Precomputed {
    let mut p = Precomputed::default();
    if let Ok(checks) = SignatureChecks::read(&raw.manifest, &raw.signature, keys) {
        for (message, sig) in checks.pairs(&raw.manifest) {
            if NativeCrypto.ed25519_verify(&checks.public_key, &message, &sig) {
                p.valid_signature(checks.public_key, message, sig);
            }
        }
    }
    let texts = raw.texts.as_ref().map(|(_, t)| t.as_slice());
    for b in [Some(raw.manifest.as_slice()), Some(&raw.tree), Some(&raw.directory), Some(&raw.site), texts].into_iter().flatten() {
        p.digest(b, sha256_hex(b));
    }
    p
}

/// The browser verifies signatures and hashes files with WebCrypto and passes the results in;
/// the rules stay the same, and a missing or wrong precomputation can only refuse.
#[test]
fn results_computed_by_the_caller_follow_the_same_rules() {
    use wegwijzer_core::bundle::open_with;
    let kp = KeyPair::generate_unencrypted_keypair().unwrap();
    let keys = PublicKeys::parse(&[&kp.pk.to_base64()]).unwrap();
    let (tree, dir) = (read("tree.json"), read("organisations.json"));
    let good = signed(&kp, &tree, &dir);
    assert!(open_with(&good, &keys, None, now(), Mode::Fresh, &precomputed(&good, &keys)).is_ok());

    // A flipped byte, hashed honestly by the caller: the digest no longer matches the manifest.
    let mut bad = good.clone();
    let i = bad.tree.len() / 3;
    bad.tree[i] ^= 1;
    let r = open_with(&bad, &keys, None, now(), Mode::Fresh, &precomputed(&bad, &keys));
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::HashMismatch { .. }))), "{r:?}");

    // A flipped byte in the manifest: its signature is not valid, so nothing was recorded.
    let mut forged = good.clone();
    let at = forged.manifest.iter().position(|&c| c == b'1').unwrap();
    forged.manifest[at] = b'2';
    let r = open_with(&forged, &keys, None, now(), Mode::Fresh, &precomputed(&forged, &keys));
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::BadSignature { .. }))), "{r:?}");
    // ...and results recorded for the honest bundle do not carry over to the forged one.
    let r = open_with(&forged, &keys, None, now(), Mode::Fresh, &precomputed(&good, &keys));
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::BadSignature { .. }))), "{r:?}");

    // Nothing precomputed: refused at the signature; signatures but no digests: refused unhashed.
    let r = open_with(&good, &keys, None, now(), Mode::Fresh, &Precomputed::default());
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::BadSignature { .. }))), "{r:?}");
    let mut sigs_only = Precomputed::default();
    let checks = SignatureChecks::read(&good.manifest, &good.signature, &keys).unwrap();
    for (m, s) in checks.pairs(&good.manifest) {
        sigs_only.valid_signature(checks.public_key, m, s);
    }
    let r = open_with(&good, &keys, None, now(), Mode::Fresh, &sigs_only);
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::Unhashed(_)))), "{r:?}");

    // A wrong digest recorded for the right bytes is refused, and so is a wrong length.
    let mut wrong = sigs_only.clone();
    wrong.digest(&good.manifest, sha256_hex(&good.manifest));
    wrong.digest(&good.tree, sha256_hex(&good.tree));
    wrong.digest(&good.directory, sha256_hex(b"something else"));
    wrong.digest(&good.site, sha256_hex(&good.site));
    let r = open_with(&good, &keys, None, now(), Mode::Fresh, &wrong);
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::HashMismatch { .. }))), "{r:?}");
    let mut short = good.clone();
    short.directory.pop();
    assert!(open_with(&short, &keys, None, now(), Mode::Fresh, &precomputed(&short, &keys)).is_err());
}
