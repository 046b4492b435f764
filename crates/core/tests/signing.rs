//! Every rule of spec section 4, with keys and signatures made in memory by the `minisign` crate.

use minisign::KeyPair;
use wegwijzer_core::manifest::*;
use wegwijzer_core::time::parse_rfc3339;

struct Key {
    kp: KeyPair,
}

impl Key {
    fn new() -> Key {
        Key { kp: KeyPair::generate_unencrypted_keypair().unwrap() }
    }
    fn pub_b64(&self) -> String {
        self.kp.pk.to_base64()
    }
    fn pub_file(&self) -> String {
        self.kp.pk.to_box().unwrap().into_string()
    }
    fn sign(&self, bytes: &[u8]) -> String {
        minisign::sign(Some(&self.kp.pk), &self.kp.sk, bytes, Some("version:test"), None).unwrap().into_string()
    }
}

const TREE: &[u8] = br#"{"schema":1,"nodes":[]}"#;
const DIR: &[u8] = br#"{"schema":1,"organisations":[]}"#;
const SITE: &[u8] = br#"{"schema":1,"languages":[],"ui":{},"ui_lists":{},"pages":[]}"#;

fn manifest_json(schema: u32, version: u64, issued: &str, expires: &str) -> Vec<u8> {
    format!(
        r#"{{"schema":{schema},"version":{version},"issued":"{issued}","expires":"{expires}","files":{{"tree":{{"name":"{}","sha256":"{}","length":{}}},"directory":{{"name":"{}","sha256":"{}","length":{}}},"site":{{"name":"{}","sha256":"{}","length":{}}}}}}}"#,
        content_addressed_name("tree", TREE),
        sha256_hex(TREE),
        TREE.len(),
        content_addressed_name("organisations", DIR),
        sha256_hex(DIR),
        DIR.len(),
        content_addressed_name("site", SITE),
        sha256_hex(SITE),
        SITE.len()
    )
    .into_bytes()
}

fn manifest(version: u64) -> Vec<u8> {
    manifest_json(1, version, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z")
}

fn now() -> i64 {
    parse_rfc3339("2025-03-01T12:00:00Z").unwrap()
}

fn keys(k: &Key) -> PublicKeys {
    PublicKeys::parse(&[&k.pub_b64()]).unwrap()
}

fn fresh(m: &[u8], sig: &str, keys: &PublicKeys, seen: Option<&Seen>) -> Result<Verified, ManifestError> {
    verify_manifest(m, sig.as_bytes(), keys, seen, now(), Mode::Fresh, &NativeCrypto)
}

#[test]
fn good_signature_verifies_and_files_match() {
    let k = Key::new();
    let m = manifest(5);
    let v = fresh(&m, &k.sign(&m), &keys(&k), None).unwrap();
    assert_eq!(v.manifest.version, 5);
    assert!(!v.stale);
    assert_eq!(v.key_index, 0);
    assert_eq!(v.trusted_comment, "version:test");
    assert_eq!(v.seen(), Seen { version: 5, manifest_sha256: sha256_hex(&m) });
    verify_file(v.manifest.file("tree").unwrap(), TREE, &NativeCrypto).unwrap();
    verify_file(v.manifest.file("directory").unwrap(), DIR, &NativeCrypto).unwrap();
}

#[test]
fn whole_pub_file_and_crlf_signature_accepted() {
    let k = Key::new();
    let m = manifest(5);
    let keys = PublicKeys::parse(&[&k.pub_file()]).unwrap();
    assert_eq!(keys.key_ids().len(), 1);
    let sig = k.sign(&m).replace('\n', "\r\n");
    fresh(&m, &sig, &keys, None).unwrap();
}

#[test]
fn flipped_byte_in_manifest_refused() {
    let k = Key::new();
    let m = manifest(5);
    let sig = k.sign(&m);
    for i in [0, m.len() / 2, m.len() - 1] {
        let mut t = m.clone();
        t[i] ^= 0x01;
        let e = fresh(&t, &sig, &keys(&k), None).unwrap_err();
        assert!(matches!(e, ManifestError::BadSignature { .. }), "{e}");
        assert!(e.to_string().contains("signature check failed"));
    }
    // An extra trailing newline is a different byte string too.
    let mut t = m.clone();
    t.push(b'\n');
    assert!(matches!(fresh(&t, &sig, &keys(&k), None), Err(ManifestError::BadSignature { .. })));
}

#[test]
fn flipped_byte_in_signature_refused() {
    let k = Key::new();
    let m = manifest(5);
    let sig = k.sign(&m);
    let lines: Vec<&str> = sig.lines().collect();
    // Flip a character in the signature bytes (after the algorithm and key id).
    let mut l1: Vec<u8> = lines[1].as_bytes().to_vec();
    l1[40] = if l1[40] == b'A' { b'B' } else { b'A' };
    let t1 = format!("{}\n{}\n{}\n{}\n", lines[0], String::from_utf8(l1).unwrap(), lines[2], lines[3]);
    assert!(matches!(fresh(&m, &t1, &keys(&k), None), Err(ManifestError::BadSignature { .. })));
    // Change the trusted comment (covered by the global signature).
    let t2 = format!("{}\n{}\ntrusted comment: version:other\n{}\n", lines[0], lines[1], lines[3]);
    assert!(matches!(fresh(&m, &t2, &keys(&k), None), Err(ManifestError::BadSignature { .. })));
    // Flip the global signature.
    let mut l3: Vec<u8> = lines[3].as_bytes().to_vec();
    l3[10] = if l3[10] == b'A' { b'B' } else { b'A' };
    let t3 = format!("{}\n{}\n{}\n{}\n", lines[0], lines[1], lines[2], String::from_utf8(l3).unwrap());
    assert!(matches!(fresh(&m, &t3, &keys(&k), None), Err(ManifestError::BadSignature { .. })));
    // Garbage.
    for g in ["", "untrusted comment: x\n", "not a signature\nAAAA\n", "\u{0}\u{1}"] {
        assert!(matches!(fresh(&m, g, &keys(&k), None), Err(ManifestError::SignatureMalformed(_))), "{g:?}");
    }
    let bin = [0xffu8, 0xfe, 0x00];
    assert!(matches!(
        verify_manifest(&m, &bin, &keys(&k), None, now(), Mode::Fresh, &NativeCrypto),
        Err(ManifestError::SignatureMalformed(_))
    ));
}

#[test]
fn wrong_key_refused() {
    let k = Key::new();
    let other = Key::new();
    let m = manifest(5);
    let e = fresh(&m, &other.sign(&m), &keys(&k), None).unwrap_err();
    match &e {
        ManifestError::UnknownKey { pinned, .. } => assert_eq!(pinned, &keys(&k).key_ids()),
        _ => panic!("{e}"),
    }
    assert!(e.to_string().contains("does not match any pinned key"));
}

#[test]
fn same_key_id_other_key_refused() {
    // A forged key that claims the pinned key's id but has other key bytes.
    let k = Key::new();
    let other = Key::new();
    let m = manifest(5);
    let sig = other.sign(&m);
    let pinned = k.pub_b64();
    let theirs = other.pub_b64();
    // Splice the pinned key id into the attacker's signature line.
    let pinned_raw = decode(&pinned);
    let lines: Vec<&str> = sig.lines().collect();
    let mut raw = decode(lines[1]);
    raw[2..10].copy_from_slice(&pinned_raw[2..10]);
    let forged = format!("{}\n{}\n{}\n{}\n", lines[0], encode(&raw), lines[2], lines[3]);
    let e = fresh(&m, &forged, &keys(&k), None).unwrap_err();
    assert!(matches!(e, ManifestError::BadSignature { .. }), "{e}");
    let _ = theirs;
}

#[test]
fn rollback_refused() {
    let k = Key::new();
    let m = manifest(3);
    let seen = Seen { version: 5, manifest_sha256: "00".repeat(32) };
    let e = fresh(&m, &k.sign(&m), &keys(&k), Some(&seen)).unwrap_err();
    assert_eq!(e, ManifestError::Rollback { version: 3, highest: 5 });
    assert_eq!(e.to_string(), "version 3 is older than the highest version seen (5): rollback refused; sign with a version above 5");
    // Higher is fine.
    let m = manifest(6);
    let v = fresh(&m, &k.sign(&m), &keys(&k), Some(&seen)).unwrap();
    assert_eq!(v.seen().version, 6);
}

#[test]
fn same_version_different_bytes_refused_same_bytes_ok() {
    let k = Key::new();
    let m = manifest(5);
    let v = fresh(&m, &k.sign(&m), &keys(&k), None).unwrap();
    let seen = v.seen();
    // Same bytes (re-fetched, or even re-signed with a new signature): fine.
    fresh(&m, &k.sign(&m), &keys(&k), Some(&seen)).unwrap();
    // Same version, different bytes (other expiry): refused.
    let m2 = manifest_json(1, 5, "2025-01-01T00:00:00Z", "2025-08-01T00:00:00Z");
    let e = fresh(&m2, &k.sign(&m2), &keys(&k), Some(&seen)).unwrap_err();
    assert_eq!(e, ManifestError::SameVersionDifferentBytes { version: 5 });
}

#[test]
fn expired_fresh_refused_cached_stale() {
    let k = Key::new();
    let m = manifest(5);
    let sig = k.sign(&m);
    let later = parse_rfc3339("2025-07-01T00:00:01Z").unwrap();
    let e = verify_manifest(&m, sig.as_bytes(), &keys(&k), None, later, Mode::Fresh, &NativeCrypto).unwrap_err();
    assert!(matches!(e, ManifestError::Expired { .. }), "{e}");
    assert!(e.to_string().contains("expired at 2025-07-01T00:00:00Z"));
    let v = verify_manifest(&m, sig.as_bytes(), &keys(&k), None, later, Mode::Cached, &NativeCrypto).unwrap();
    assert!(v.stale);
    // Exactly at expiry: still valid.
    let at = parse_rfc3339("2025-07-01T00:00:00Z").unwrap();
    assert!(!verify_manifest(&m, sig.as_bytes(), &keys(&k), None, at, Mode::Fresh, &NativeCrypto).unwrap().stale);
    // Cached and not expired: not stale.
    assert!(!verify_manifest(&m, sig.as_bytes(), &keys(&k), None, now(), Mode::Cached, &NativeCrypto).unwrap().stale);
    // Cached still applies rollback.
    let seen = Seen { version: 9, manifest_sha256: String::new() };
    assert!(matches!(
        verify_manifest(&m, sig.as_bytes(), &keys(&k), Some(&seen), later, Mode::Cached, &NativeCrypto),
        Err(ManifestError::Rollback { .. })
    ));
}

#[test]
fn issued_after_expires_and_bad_timestamps_refused() {
    let k = Key::new();
    let m = manifest_json(1, 5, "2025-08-01T00:00:00Z", "2025-07-01T00:00:00Z");
    assert!(matches!(fresh(&m, &k.sign(&m), &keys(&k), None), Err(ManifestError::IssuedAfterExpires { .. })));
    let m = manifest_json(1, 5, "yesterday", "2025-07-01T00:00:00Z");
    assert!(matches!(fresh(&m, &k.sign(&m), &keys(&k), None), Err(ManifestError::BadTimestamp { field: "issued", .. })));
    // Issued in the future (a phone whose clock runs behind) is accepted: documented choice.
    let m = manifest_json(1, 5, "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z");
    fresh(&m, &k.sign(&m), &keys(&k), None).unwrap();
}

#[test]
fn hash_mismatch_length_mismatch_truncated_oversize_file() {
    let entry = FileEntry { name: "tree.x.json".into(), sha256: sha256_hex(TREE), length: TREE.len() as u64 };
    verify_file(&entry, TREE, &NativeCrypto).unwrap();
    // Same length, one byte changed.
    let mut t = TREE.to_vec();
    t[3] ^= 1;
    assert!(matches!(verify_file(&entry, &t, &NativeCrypto), Err(ManifestError::HashMismatch { .. })));
    // Other file entirely (mix-and-match).
    assert!(verify_file(&entry, DIR, &NativeCrypto).is_err());
    // Truncated.
    let e = verify_file(&entry, &TREE[..TREE.len() - 1], &NativeCrypto).unwrap_err();
    assert!(matches!(e, ManifestError::FileTruncated { actual, .. } if actual == TREE.len() as u64 - 1), "{e}");
    assert!(verify_file(&entry, b"", &NativeCrypto).is_err());
    // Longer than declared.
    let mut long = TREE.to_vec();
    long.push(b' ');
    assert!(matches!(verify_file(&entry, &long, &NativeCrypto), Err(ManifestError::FileTooLong { .. })));
    // Oversize (beyond the cap) refused before hashing, whatever the manifest says.
    let big = vec![b' '; MAX_FILE_BYTES as usize + 1];
    let liar = FileEntry { name: "x".into(), sha256: sha256_hex(&big), length: big.len() as u64 };
    assert!(matches!(verify_file(&liar, &big, &NativeCrypto), Err(ManifestError::FileTooLarge { .. })));
    assert!(check_received(&entry, TREE.len() as u64).is_ok());
    assert!(check_received(&entry, TREE.len() as u64 + 1).is_err());
    assert_eq!(entry.read_limit(), TREE.len() as u64);
}

#[test]
fn manifest_declaring_oversize_file_refused() {
    let k = Key::new();
    let m = String::from_utf8(manifest(5))
        .unwrap()
        .replace(&format!("\"length\":{}}}", TREE.len()), &format!("\"length\":{}}}", MAX_FILE_BYTES + 1));
    let m = m.into_bytes();
    assert!(matches!(fresh(&m, &k.sign(&m), &keys(&k), None), Err(ManifestError::FileTooLarge { .. })));
}

#[test]
fn oversize_manifest_and_signature_refused_before_anything() {
    let k = Key::new();
    let mut m = manifest(5);
    m.extend(std::iter::repeat_n(b' ', MAX_MANIFEST_BYTES));
    let e = fresh(&m, &k.sign(&m), &keys(&k), None).unwrap_err();
    assert!(matches!(e, ManifestError::ManifestTooLarge { .. }), "{e}");
    let m = manifest(5);
    let sig = format!("{}{}", k.sign(&m), " ".repeat(MAX_SIGNATURE_BYTES));
    assert!(matches!(fresh(&m, &sig, &keys(&k), None), Err(ManifestError::SignatureTooLarge { .. })));
}

#[test]
fn next_key_rotation_accepted() {
    let current = Key::new();
    let next = Key::new();
    let pinned = PublicKeys::current_next(&current.pub_b64(), Some(&next.pub_file())).unwrap();
    assert_eq!(pinned.len(), 2);
    let m = manifest(5);
    assert_eq!(fresh(&m, &current.sign(&m), &pinned, None).unwrap().key_index, 0);
    let m = manifest(6);
    assert_eq!(fresh(&m, &next.sign(&m), &pinned, None).unwrap().key_index, 1);
    // A third key is still refused.
    let third = Key::new();
    assert!(matches!(fresh(&m, &third.sign(&m), &pinned, None), Err(ManifestError::UnknownKey { .. })));
    // Key count and bad keys are configuration errors.
    assert_eq!(PublicKeys::parse(&[]).unwrap_err(), ManifestError::KeyCount(0));
    let a = current.pub_b64();
    assert_eq!(PublicKeys::parse(&[&a, &a, &a]).unwrap_err(), ManifestError::KeyCount(3));
    assert!(matches!(PublicKeys::parse(&["RWQnope"]), Err(ManifestError::BadPublicKey { index: 0, .. })));
    assert!(matches!(PublicKeys::parse(&[&a, ""]), Err(ManifestError::BadPublicKey { index: 1, .. })));
}

#[test]
fn unknown_schema_version_refused() {
    let k = Key::new();
    let m = manifest_json(2, 5, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z");
    let e = fresh(&m, &k.sign(&m), &keys(&k), None).unwrap_err();
    assert_eq!(e, ManifestError::SchemaVersion { found: 2, expected: 1 });
}

#[test]
fn malformed_json_after_valid_signature_refused() {
    let k = Key::new();
    for m in [
        &b"{not json"[..],
        b"",
        b"[]",
        br#"{"schema":1,"version":5,"issued":"2025-01-01T00:00:00Z","expires":"2025-07-01T00:00:00Z","files":{},"extra":1}"#,
        br#"{"schema":1,"version":-5,"issued":"2025-01-01T00:00:00Z","expires":"2025-07-01T00:00:00Z","files":{}}"#,
    ] {
        let e = fresh(m, &k.sign(m), &keys(&k), None).unwrap_err();
        assert!(matches!(e, ManifestError::Malformed(_)), "{e}");
    }
}

/// Which error a case expects.
type Expect = fn(&ManifestError) -> bool;

#[test]
fn file_entries_checked() {
    let k = Key::new();
    let base = String::from_utf8(manifest(5)).unwrap();
    let tree_name = content_addressed_name("tree", TREE);
    let cases: Vec<(String, Expect)> = vec![
        (base.replace(&tree_name, "../tree.json"), |e| matches!(e, ManifestError::UnsafeFileName(_))),
        (base.replace(&tree_name, "sub/tree.json"), |e| matches!(e, ManifestError::UnsafeFileName(_))),
        (base.replace(&sha256_hex(TREE), &sha256_hex(TREE).to_uppercase()), |e| matches!(e, ManifestError::BadDigest { .. })),
        (base.replace("\"directory\":", "\"dir\":"), |e| matches!(e, ManifestError::MissingFile("directory"))),
    ];
    for (m, want) in cases {
        let e = fresh(m.as_bytes(), &k.sign(m.as_bytes()), &keys(&k), None).unwrap_err();
        assert!(want(&e), "{m}: {e}");
    }
    let extra = base.replacen(
        "\"files\":{",
        &format!("\"files\":{{\"zextra\":{{\"name\":\"x.json\",\"sha256\":\"{}\",\"length\":1}},", sha256_hex(b"x")),
        1,
    );
    let e = fresh(extra.as_bytes(), &k.sign(extra.as_bytes()), &keys(&k), None).unwrap_err();
    assert!(matches!(e, ManifestError::UnexpectedFile(ref n) if n == "zextra"), "{e}");
    // A language overlay `text.<code>` may be named; `text.nl` (Dutch is the base) and other
    // shapes may not.
    let with = |key: &str| {
        base.replacen(
            "\"files\":{",
            &format!("\"files\":{{\"{key}\":{{\"name\":\"text-x.json\",\"sha256\":\"{}\",\"length\":1}},", sha256_hex(b"x")),
            1,
        )
    };
    let ok = with("text.ar");
    assert!(fresh(ok.as_bytes(), &k.sign(ok.as_bytes()), &keys(&k), None).is_ok());
    for bad in ["text.nl", "text.ara", "text.AR", "text.", "texts.ar"] {
        let m = with(bad);
        let e = fresh(m.as_bytes(), &k.sign(m.as_bytes()), &keys(&k), None).unwrap_err();
        assert!(matches!(e, ManifestError::UnexpectedFile(ref n) if n == bad), "{bad}: {e}");
    }
}

// Tiny base64 helpers for forging test signatures.
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
fn decode(s: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = vec![];
    for c in s.bytes().filter(|&c| c != b'=') {
        bits = (bits << 6) | B64.iter().position(|&x| x == c).unwrap() as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}
fn encode(b: &[u8]) -> String {
    let mut s = String::new();
    for ch in b.chunks(3) {
        let n = (ch[0] as u32) << 16 | (*ch.get(1).unwrap_or(&0) as u32) << 8 | *ch.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= ch.len() {
                s.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// The core reads minisign signatures itself (so the browser can verify them with WebCrypto);
/// `minisign-verify`, the reference reader, must give the same verdict on every variant:
/// prehashed (`ED`, the `minisign` crate) and legacy (`Ed`, made here) signatures, every
/// character of both signature lines changed, edited comments, line endings, extra lines.
#[test]
fn signature_reading_agrees_with_minisign_verify() {
    fn ours(m: &[u8], sig: &str, keys: &PublicKeys) -> bool {
        SignatureChecks::read(m, sig.as_bytes(), keys)
            .map(|c| c.pairs(m).iter().all(|(msg, s)| NativeCrypto.ed25519_verify(&c.public_key, msg, s)))
            .unwrap_or(false)
    }
    fn reference(m: &[u8], sig: &str, pk: &str) -> bool {
        let pk = minisign_verify::PublicKey::from_base64(pk).unwrap();
        minisign_verify::Signature::decode(sig).map(|s| pk.verify(m, &s, true).is_ok()).unwrap_or(false)
    }
    // A legacy key and signature, made with ed25519-compact in minisign's layout.
    let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new([7; 32]));
    let id = [1u8, 2, 3, 4, 5, 6, 7, 8];
    let legacy_pk = encode(&[&b"Ed"[..], &id, &kp.pk[..]].concat());
    let m = manifest(5);
    let legacy_sig = {
        let sig = kp.sk.sign(&m, None);
        let tc = "version:legacy";
        let global = kp.sk.sign([&sig[..], tc.as_bytes()].concat(), None);
        format!(
            "untrusted comment: legacy\n{}\ntrusted comment: {tc}\n{}\n",
            encode(&[&b"Ed"[..], &id, &sig[..]].concat()),
            encode(&global[..])
        )
    };
    let k = Key::new();
    let cases = [(k.sign(&m), k.pub_b64()), (legacy_sig, legacy_pk)];
    let mut checked = 0;
    for (sig, pk) in &cases {
        let keys = PublicKeys::parse(&[pk]).unwrap();
        let mut variants = vec![
            sig.clone(),
            sig.replace('\n', "\r\n"),
            sig.trim_end().to_string(),
            format!("{sig}extra line\n"),
            format!("\n{sig}"),
            sig.replace("trusted comment: ", "trusted comment:  "),
            sig.replace("trusted comment: ", "trusted comment:"),
            sig.replacen("untrusted comment: ", "", 1),
        ];
        let lines: Vec<&str> = sig.lines().collect();
        for line in [1, 2, 3] {
            for at in 0..lines[line].len() {
                for c in ['A', 'B', '/', '=', ' '] {
                    let mut l: Vec<char> = lines[line].chars().collect();
                    if l[at] == c {
                        continue;
                    }
                    l[at] = c;
                    let mut v = lines.clone();
                    let changed: String = l.into_iter().collect();
                    v[line] = &changed;
                    variants.push(v.join("\n") + "\n");
                }
            }
        }
        for v in &variants {
            assert_eq!(ours(&m, v, &keys), reference(&m, v, pk), "verdicts differ for {v:?}");
            checked += 1;
        }
        assert!(ours(&m, sig, &keys), "the honest signature verifies");
        let mut other = m.clone();
        other.push(b' ');
        assert!(!ours(&other, sig, &keys) && !reference(&other, sig, pk));
    }
    assert!(checked > 1000, "{checked}");
}
