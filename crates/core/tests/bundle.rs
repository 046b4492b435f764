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

/// The browser hashes the files with WebCrypto and passes the digests in; the rules stay the same.
#[test]
fn digests_computed_by_the_caller_follow_the_same_rules() {
    use wegwijzer_core::bundle::{open_with_digests, FileDigests};
    let kp = KeyPair::generate_unencrypted_keypair().unwrap();
    let keys = PublicKeys::parse(&[&kp.pk.to_base64()]).unwrap();
    let (tree, dir) = (read("tree.json"), read("organisations.json"));
    let good = signed(&kp, &tree, &dir);
    let honest = |raw: &RawBundle| FileDigests {
        tree: sha256_hex(&raw.tree),
        directory: sha256_hex(&raw.directory),
        site: sha256_hex(&raw.site),
        texts: None,
    };
    assert!(open_with_digests(&good, &keys, None, now(), Mode::Fresh, Some(&honest(&good))).is_ok());

    // A flipped byte, hashed honestly by the caller: the digest no longer matches the manifest.
    let mut bad = good.clone();
    let i = bad.tree.len() / 3;
    bad.tree[i] ^= 1;
    let r = open_with_digests(&bad, &keys, None, now(), Mode::Fresh, Some(&honest(&bad)));
    assert!(matches!(r, Err(BundleError::Manifest(ManifestError::HashMismatch { .. }))), "{r:?}");

    // A wrong digest for the right bytes is refused too, and so is a wrong length.
    let mut wrong = honest(&good);
    wrong.directory = sha256_hex(b"something else");
    assert!(open_with_digests(&good, &keys, None, now(), Mode::Fresh, Some(&wrong)).is_err());
    let mut short = good.clone();
    short.directory.pop();
    assert!(open_with_digests(&short, &keys, None, now(), Mode::Fresh, Some(&honest(&short))).is_err());
}
