//! No panics on arbitrary input: manifest and file verification, RFC 3339 and date parsing,
//! opening hours.

use proptest::prelude::*;
use std::sync::OnceLock;
use wegwijzer_core::hours::{describe, is_open, parse_days, parse_hhmm, validate_hours};
use wegwijzer_core::manifest::*;
use wegwijzer_core::model::{Hours, HoursException, Lang, TimeRange, WeeklyRange};
use wegwijzer_core::time::*;

fn keys() -> &'static (minisign::KeyPair, PublicKeys) {
    static K: OnceLock<(minisign::KeyPair, PublicKeys)> = OnceLock::new();
    K.get_or_init(|| {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let pk = PublicKeys::parse(&[&kp.pk.to_base64()]).unwrap();
        (kp, pk)
    })
}

fn sign(bytes: &[u8]) -> String {
    let (kp, _) = keys();
    minisign::sign(Some(&kp.pk), &kp.sk, bytes, None, None).unwrap().into_string()
}

/// Strings that look like the things being parsed, plus noise.
fn timeish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|z|[+-][0-9]{2}:[0-9]{2})?",
        "[0-9:TZ+.-]{0,30}",
        any::<String>(),
    ]
}

fn hhmm() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{2}:[0-9]{2}", "[0-9:]{0,6}", any::<String>()]
}

fn days() -> impl Strategy<Value = String> {
    prop_oneof!["(mon|tue|wed|thu|fri|sat|sun)([-,](mon|tue|wed|thu|fri|sat|sun)){0,4}", "[a-z,-]{0,12}", any::<String>()]
}

fn hours() -> impl Strategy<Value = Hours> {
    let weekly = prop::collection::vec((days(), hhmm(), hhmm()).prop_map(|(days, from, to)| WeeklyRange { days, from, to }), 0..4);
    let exc = prop::collection::vec(
        (
            prop_oneof!["20[0-9]{2}-[0-9]{2}-[0-9]{2}", any::<String>()],
            prop::collection::vec((hhmm(), hhmm()).prop_map(|(from, to)| TimeRange { from, to }), 0..3),
        )
            .prop_map(|(date, open)| HoursException { date, open }),
        0..3,
    );
    (prop_oneof![Just("Europe/Amsterdam".to_string()), any::<String>()], any::<bool>(), weekly, exc)
        .prop_map(|(tz, always, weekly, exceptions)| Hours { tz, always, weekly, exceptions })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn verify_manifest_never_panics(m in prop::collection::vec(any::<u8>(), 0..2048),
                                    sig in prop::collection::vec(any::<u8>(), 0..400),
                                    v in any::<u64>(), now in any::<i64>(), cached in any::<bool>()) {
        let (_, pk) = keys();
        let seen = Seen { version: v, manifest_sha256: String::new() };
        let mode = if cached { Mode::Cached } else { Mode::Fresh };
        let _ = verify_manifest(&m, &sig, pk, Some(&seen), now, mode);
        let _ = verify_manifest(&m, &sig, pk, None, now, mode);
    }

    #[test]
    fn signed_arbitrary_json_never_panics(m in prop_oneof![
            any::<String>(),
            "\\{\"schema\":1,\"version\":[0-9]{1,20},\"issued\":\"[^\"]{0,25}\",\"expires\":\"[^\"]{0,25}\",\"files\":\\{[^}]{0,80}\\}\\}",
        ], now in any::<i64>()) {
        // A valid signature over junk: parsing and the rules must still not panic.
        let (_, pk) = keys();
        let sig = sign(m.as_bytes());
        let r = verify_manifest(m.as_bytes(), sig.as_bytes(), pk, None, now, Mode::Fresh);
        if let Err(e) = r { let _ = e.to_string(); }
    }

    #[test]
    fn signature_text_never_panics(s in prop_oneof![
            any::<String>(),
            "untrusted comment: [a-z ]{0,10}\n[A-Za-z0-9+/=]{0,120}\ntrusted comment: [a-z ]{0,10}\n[A-Za-z0-9+/=]{0,100}\n",
        ]) {
        let (_, pk) = keys();
        let _ = verify_manifest(b"{}", s.as_bytes(), pk, None, 0, Mode::Fresh);
        let _ = PublicKeys::parse(&[&s]);
        let _ = base64_decode(&s);
    }

    #[test]
    fn verify_file_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), len in any::<u64>(),
                                sha in "[0-9a-f]{0,70}", name in any::<String>()) {
        let e = FileEntry { name, sha256: sha, length: len };
        let _ = verify_file(&e, &bytes);
        let _ = check_received(&e, len);
        let _ = e.read_limit();
        let _ = is_safe_file_name(&e.name);
    }

    #[test]
    fn time_parsers_never_panic(s in timeish(), t in any::<i64>()) {
        if let Some(u) = parse_rfc3339(&s) {
            // Anything accepted has a canonical form that parses back to the same instant.
            prop_assert_eq!(parse_rfc3339(&format_rfc3339(u)), Some(u));
        }
        if let Some(d) = parse_date(&s) {
            prop_assert_eq!(parse_date(&format_date(d)), Some(d));
        }
        let _ = format_rfc3339(t);
        let l = amsterdam_local(t);
        prop_assert!(l.minutes_of_day < 1440 && l.weekday < 7);
        prop_assert!(amsterdam_offset_secs(t) == 3600 || amsterdam_offset_secs(t) == 7200);
    }

    #[test]
    fn hours_never_panic(h in hours(), now in any::<i64>()) {
        let valid = validate_hours(&h).is_ok();
        let open = is_open(&h, now);
        prop_assert_eq!(open.is_some(), valid);
        let _ = describe(&h, Lang::Nl);
        let _ = describe(&h, Lang::En);
        for w in &h.weekly {
            let _ = parse_days(&w.days);
            let _ = parse_hhmm(&w.from, true);
        }
    }
}
