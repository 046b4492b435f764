//! No panics on arbitrary input (issue 13, "no panics on any bytes"): every function that reads
//! outside data gets arbitrary bytes and mutations of a valid input, and must answer with an
//! error (or a correct result), never a panic:
//! - `bundle::open` (manifest, signature, tree and directory files; also signed junk and files
//!   whose hash matches a signed manifest, so the JSON reader, model and lint see mutated content),
//! - the content-cache reader (`bundle::read_cached`) and the rollback record (`Seen`),
//! - the saved-progress reader (`progress::restore`),
//! - the markup parser, the route parser and the embed option parser (`embed::Options`),
//! - plus manifest and file verification, RFC 3339 and date parsing, opening hours.
//!
//! `large_inputs_*` feed 1 MiB inputs (nested brackets, long runs of markup) to each reader. The
//! readers are linear and the JSON reader refuses nesting deeper than 128 levels instead of
//! recursing further (a stack overflow would abort this test binary). Each large input runs under
//! a watchdog of [`HANG_LIMIT`]: not a performance test (they take milliseconds), a hang detector
//! with a margin of more than 100x, for quadratic or endless loops.
//!
//! Cases: [`CASES`] per property (thousands; the whole file runs in well under a minute).

mod common;

use proptest::prelude::*;
use std::sync::OnceLock;
use std::time::Duration;
use wegwijzer_core::bundle::{self, RawBundle};
use wegwijzer_core::embed::{percent_decode, valid_exit, Options};
use wegwijzer_core::hours::{describe, is_open, parse_days, parse_hhmm, validate_hours};
use wegwijzer_core::json;
use wegwijzer_core::manifest::*;
use wegwijzer_core::markup;
use wegwijzer_core::model::{Hours, HoursException, Lang, TimeRange, WeeklyRange};
use wegwijzer_core::progress::{self, Restored};
use wegwijzer_core::route::Route;
use wegwijzer_core::time::*;
use wegwijzer_core::walker;

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
    let weekly = prop::collection::vec(
        (days(), hhmm(), hhmm()).prop_map(|(days, from, to)| WeeklyRange { days: days.into(), from: from.into(), to: to.into() }),
        0..4,
    );
    let exc = prop::collection::vec(
        (
            prop_oneof!["20[0-9]{2}-[0-9]{2}-[0-9]{2}", any::<String>()],
            prop::collection::vec((hhmm(), hhmm()).prop_map(|(from, to)| TimeRange { from: from.into(), to: to.into() }), 0..3),
        )
            .prop_map(|(date, open)| HoursException { date: date.into(), open }),
        0..3,
    );
    (prop_oneof![Just("Europe/Amsterdam".to_string()), any::<String>()], any::<bool>(), weekly, exc)
        .prop_map(|(tz, always, weekly, exceptions)| Hours { tz, always, weekly, exceptions })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn verify_manifest_never_panics(m in prop::collection::vec(any::<u8>(), 0..2048),
                                    sig in prop::collection::vec(any::<u8>(), 0..400),
                                    v in any::<u64>(), now in any::<i64>(), cached in any::<bool>()) {
        let (_, pk) = keys();
        let seen = Seen { version: v, manifest_sha256: String::new() };
        let mode = if cached { Mode::Cached } else { Mode::Fresh };
        let _ = verify_manifest(&m, &sig, pk, Some(&seen), now, mode, &NativeCrypto);
        let _ = verify_manifest(&m, &sig, pk, None, now, mode, &NativeCrypto);
    }

    #[test]
    fn signed_arbitrary_json_never_panics(m in prop_oneof![
            any::<String>(),
            "\\{\"schema\":1,\"version\":[0-9]{1,20},\"issued\":\"[^\"]{0,25}\",\"expires\":\"[^\"]{0,25}\",\"files\":\\{[^}]{0,80}\\}\\}",
        ], now in any::<i64>()) {
        // A valid signature over junk: parsing and the rules must still not panic.
        let (_, pk) = keys();
        let sig = sign(m.as_bytes());
        let r = verify_manifest(m.as_bytes(), sig.as_bytes(), pk, None, now, Mode::Fresh, &NativeCrypto);
        if let Err(e) = r { let _ = e.to_string(); }
    }

    #[test]
    fn signature_text_never_panics(s in prop_oneof![
            any::<String>(),
            "untrusted comment: [a-z ]{0,10}\n[A-Za-z0-9+/=]{0,120}\ntrusted comment: [a-z ]{0,10}\n[A-Za-z0-9+/=]{0,100}\n",
        ]) {
        let (_, pk) = keys();
        let _ = verify_manifest(b"{}", s.as_bytes(), pk, None, 0, Mode::Fresh, &NativeCrypto);
        let _ = PublicKeys::parse(&[&s]);
        let _ = base64_decode(&s);
    }

    #[test]
    fn verify_file_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), len in any::<u64>(),
                                sha in "[0-9a-f]{0,70}", name in any::<String>()) {
        let e = FileEntry { name, sha256: sha, length: len };
        let _ = verify_file(&e, &bytes, &NativeCrypto);
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

// ------------------------------------------------------------------------------------------
// Opening hours parsed once at load (issue 14): the rules on the parsed values give what
// the rules on the text gave, which is what the code computed before (per render).

/// Valid-looking hours near 2026-11-29: days from the forms the content uses, times on the
/// quarter hour with `to` after `from`, and exception dates in the weeks around.
fn plausible_hours() -> impl Strategy<Value = Hours> {
    let days = prop::sample::select(vec!["mon-fri", "sat", "sun", "mon,wed", "mon-sun", "fri-sun,mon", "tue-thu", "fri-mon"]);
    let hm = |q: u32| format!("{:02}:{:02}", q / 4, q % 4 * 15);
    let range = move || (0u32..96, 1u32..=96).prop_map(move |(a, b)| (hm(a), hm(b.max(a + 1))));
    let weekly =
        prop::collection::vec((days, range()).prop_map(|(d, (f, t))| WeeklyRange { days: d.into(), from: f.into(), to: t.into() }), 0..4);
    let exc = prop::collection::vec(
        (20u32..=30, prop::collection::vec(range().prop_map(|(f, t)| TimeRange { from: f.into(), to: t.into() }), 0..3))
            .prop_map(|(d, open)| HoursException { date: format!("2026-11-{d:02}").into(), open }),
        0..3,
    );
    (any::<bool>(), weekly, exc).prop_map(|(always, weekly, exceptions)| Hours {
        tz: "Europe/Amsterdam".into(),
        always,
        weekly,
        exceptions,
    })
}

/// A range from the text, as before: `from` 00:00..23:59, `to` up to 24:00 and later.
fn range_by_text(from: &str, to: &str) -> Option<(u32, u32)> {
    let (f, t) = (parse_hhmm(from, false)?, parse_hhmm(to, true)?);
    (f < t).then_some((f, t))
}

fn valid_by_text(h: &Hours) -> bool {
    let dates: Vec<Option<i64>> = h.exceptions.iter().map(|e| parse_date(e.date.as_str())).collect();
    let shape = match (h.always, h.weekly.is_empty()) {
        (true, weekly_empty) => weekly_empty,
        (false, weekly_empty) => !weekly_empty || !h.exceptions.is_empty(),
    };
    h.tz == "Europe/Amsterdam"
        && shape
        && h.weekly.iter().all(|w| parse_days(w.days.as_str()).is_ok() && range_by_text(w.from.as_str(), w.to.as_str()).is_some())
        && dates.iter().enumerate().all(|(i, d)| d.is_some() && !dates[..i].contains(d))
        && h.exceptions.iter().flat_map(|e| &e.open).all(|r| range_by_text(r.from.as_str(), r.to.as_str()).is_some())
}

fn is_open_by_text(h: &Hours, now: i64) -> Option<bool> {
    if !valid_by_text(h) {
        return None;
    }
    let l = amsterdam_local(now);
    let m = l.minutes_of_day;
    let within = |f: &str, t: &str| range_by_text(f, t).is_some_and(|(f, t)| f <= m && m < t);
    if let Some(e) = h.exceptions.iter().find(|e| parse_date(e.date.as_str()) == Some(l.days)) {
        return Some(e.open.iter().any(|r| within(r.from.as_str(), r.to.as_str())));
    }
    Some(
        h.always
            || h.weekly
                .iter()
                .any(|w| parse_days(w.days.as_str()).is_ok_and(|d| d[l.weekday as usize]) && within(w.from.as_str(), w.to.as_str())),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn parsed_hours_decide_as_the_text(h in plausible_hours(), noise in hours(), q in 0i64..(21 * 96), s in prop_oneof![Just(0i64), 0i64..900]) {
        // Often on a quarter hour, where the ranges start and end.
        let now = parse_rfc3339("2026-11-19T00:00:00Z").unwrap() + q * 900 + s;
        for h in [&h, &noise] {
            prop_assert_eq!(validate_hours(h).is_ok(), valid_by_text(h));
            prop_assert_eq!(is_open(h, now), is_open_by_text(h, now));
            let status = wegwijzer_core::present::status(Some(h), now);
            prop_assert_eq!(status != wegwijzer_core::present::Open::Unknown, valid_by_text(h));
            if valid_by_text(h) {
                prop_assert_eq!(status.is_open(), is_open_by_text(h, now).unwrap());
            }
            // Each value is its text, parsed.
            for w in &h.weekly {
                prop_assert_eq!(w.days.parsed(), parse_days(w.days.as_str()).ok());
                prop_assert_eq!(w.from.parsed(), parse_hhmm(w.from.as_str(), true));
            }
            for e in &h.exceptions {
                prop_assert_eq!(e.date.parsed(), parse_date(e.date.as_str()));
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Outside data read by the app (issue 13)

/// Cases per property below (and for the properties above).
const CASES: u32 = 2048;
/// Watchdog for one large input (see the module comment).
const HANG_LIMIT: Duration = Duration::from_secs(20);

/// "Now" for the fixture bundle: between its `issued` and `expires`.
const NOW: i64 = 1_795_608_000; // 2026-11-25T12:00:00Z

/// The small valid content of `tests/common`, as the bytes the CLI would publish.
fn files() -> &'static (Vec<u8>, Vec<u8>) {
    static F: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    F.get_or_init(|| (common::tree_json().to_string().into_bytes(), common::directory_json().to_string().into_bytes()))
}

fn site() -> &'static Vec<u8> {
    static S: OnceLock<Vec<u8>> = OnceLock::new();
    S.get_or_init(|| common::site_json().to_string().into_bytes())
}

fn manifest_for(tree: &[u8], dir: &[u8], version: u64) -> Vec<u8> {
    common::manifest_for(tree, dir, site(), &[], version)
}

/// A bundle signed by the pinned test key.
fn signed_bundle(tree: &[u8], dir: &[u8]) -> RawBundle {
    let manifest = manifest_for(tree, dir, 5);
    let signature = sign(&manifest).into_bytes();
    RawBundle { manifest, signature, tree: tree.to_vec(), directory: dir.to_vec(), site: site().clone(), texts: None }
}

fn good_bundle() -> &'static RawBundle {
    static B: OnceLock<RawBundle> = OnceLock::new();
    B.get_or_init(|| {
        let (t, d) = files();
        let b = signed_bundle(t, d);
        bundle::open(&b, &keys().1, None, NOW, Mode::Fresh).expect("the fixture bundle opens");
        b
    })
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip(prop::sample::Index, u8),
    Set(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index),
    Truncate(prop::sample::Index),
    Duplicate(prop::sample::Index, usize),
}

/// Bytes that matter to the readers: JSON structure, markup, escapes, UTF-8 lead bytes.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![any::<u8>(), prop::sample::select(b"{}[]\",:-+0123456789.eEtrufnl\\ \n*_()#%&=/?".to_vec()), Just(0xC3u8), Just(0xF0u8)]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, b)| Edit::Flip(i, b)),
        (any::<prop::sample::Index>(), interesting_byte()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<prop::sample::Index>(), interesting_byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Edit::Delete),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Edit::Duplicate(i, n)),
    ]
}

fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = b.len();
        match e {
            Edit::Flip(i, x) if n > 0 => b[i.index(n)] ^= x,
            Edit::Set(i, x) if n > 0 => b[i.index(n)] = *x,
            Edit::Insert(i, x) => b.insert(i.index(n + 1), *x),
            Edit::Delete(i) if n > 0 => {
                b.remove(i.index(n));
            }
            Edit::Truncate(i) => b.truncate(i.index(n + 1)),
            Edit::Duplicate(i, len) if n > 0 => {
                let at = i.index(n);
                let piece = b[at..(at + len).min(n)].to_vec();
                b.splice(at..at, piece);
            }
            _ => {}
        }
    }
    b
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..6)
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

/// Times near the edges of `i64` (overflowing date arithmetic) and around now.
fn extreme_i64() -> impl Strategy<Value = i64> {
    prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(-1i64), Just(NOW), NOW - 86_400 * 40..NOW + 86_400 * 40, any::<i64>()]
}

/// Progress as the app saves it, after a short walk through the fixture content.
fn saved_progress() -> &'static String {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| {
        let c = common::content();
        let w = walker::walk(&c, &c.tree.start, &["pupil_secondary", "bully", "no"]).unwrap();
        progress::save(&c, &w, Lang::Nl, 5, NOW, 7 * 86_400).unwrap()
    })
}

fn content() -> &'static wegwijzer_core::Content {
    static C: OnceLock<wegwijzer_core::Content> = OnceLock::new();
    C.get_or_init(common::content)
}

/// Everything `open` accepted must be exactly what was signed.
fn accepted_is_original(
    r: &Result<bundle::Opened, bundle::BundleError>,
    got: &RawBundle,
    original: &RawBundle,
) -> Result<(), TestCaseError> {
    if r.is_ok() {
        prop_assert_eq!(&got.manifest, &original.manifest);
        prop_assert_eq!(&got.tree, &original.tree);
        prop_assert_eq!(&got.directory, &original.directory);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn bundle_open_arbitrary_bytes_is_an_error(m in bytes(2048), s in bytes(400), t in bytes(2048), d in bytes(2048),
                                               seen in any::<Option<u64>>(), now in any::<i64>(), cached in any::<bool>()) {
        let raw = RawBundle { manifest: m, signature: s, tree: t, directory: d.clone(), site: d, texts: None };
        let seen = seen.map(|version| Seen { version, manifest_sha256: String::new() });
        let mode = if cached { Mode::Cached } else { Mode::Fresh };
        let r = bundle::open(&raw, &keys().1, seen.as_ref(), now, mode);
        prop_assert!(r.is_err());
    }

    #[test]
    fn bundle_open_mutated_accepts_only_the_signed_bytes(part in 0usize..4, e in edits(), cached in any::<bool>(), seen in any::<bool>()) {
        let good = good_bundle();
        let mut raw = good.clone();
        let target = match part { 0 => &mut raw.manifest, 1 => &mut raw.signature, 2 => &mut raw.tree, _ => &mut raw.directory };
        *target = apply(std::mem::take(target), &e);
        let seen = seen.then(|| Seen { version: 5, manifest_sha256: sha256_hex(&good.manifest) });
        let r = bundle::open(&raw, &keys().1, seen.as_ref(), NOW, if cached { Mode::Cached } else { Mode::Fresh });
        accepted_is_original(&r, &raw, good)?;
        if let Err(e) = r { let _ = e.to_string(); }
    }

    #[test]
    fn bundle_open_signed_mutated_manifest_never_panics(e in edits(), now in prop_oneof![Just(NOW), any::<i64>()]) {
        // A valid signature over a damaged manifest: its parser and rules must still hold.
        let good = good_bundle();
        let manifest = apply(good.manifest.clone(), &e);
        let signature = sign(&manifest).into_bytes();
        let raw = RawBundle { manifest, signature, ..good.clone() };
        match bundle::open(&raw, &keys().1, None, now, Mode::Fresh) {
            Ok(o) => {
                // Accepted: then the files really are the ones it names.
                prop_assert_eq!(&o.verified.manifest.file("tree").unwrap().sha256, &sha256_hex(&raw.tree));
                prop_assert_eq!(&o.verified.manifest.file("directory").unwrap().sha256, &sha256_hex(&raw.directory));
            }
            Err(e) => { let _ = e.to_string(); }
        }
    }

    #[test]
    fn bundle_open_signed_mutated_files_never_panic(tree_edits in prop::collection::vec(edit(), 0..6),
                                                    dir_edits in prop::collection::vec(edit(), 0..6)) {
        // Files whose hash and length match a signed manifest: the JSON reader, the model and
        // the structural lint see damaged content (a signing-side mistake or a stolen key).
        let (t, d) = files();
        let raw = signed_bundle(&apply(t.clone(), &tree_edits), &apply(d.clone(), &dir_edits));
        match bundle::open(&raw, &keys().1, None, NOW, Mode::Fresh) {
            Ok(o) => {
                // Accepted content is walkable from both entries.
                prop_assert!(o.content.node(&o.content.tree.start).is_some());
                prop_assert!(o.content.node(&o.content.tree.crisis).is_some());
            }
            Err(e) => { let _ = e.to_string(); }
        }
    }

    #[test]
    fn content_cache_reader_never_panics(b in prop_oneof![
            bytes(4096),
            edits().prop_map(|e| apply(bundle::cached_json(good_bundle()).into_bytes(), &e)),
        ]) {
        if let Some(raw) = bundle::read_cached(&b) {
            let r = bundle::open(&raw, &keys().1, None, NOW, Mode::Cached);
            accepted_is_original(&r, &raw, good_bundle())?;
        }
    }

    #[test]
    fn content_cache_round_trips(t in bytes(64), d in bytes(64)) {
        let raw = RawBundle { tree: t, directory: d, ..good_bundle().clone() };
        let back = bundle::read_cached(bundle::cached_json(&raw).as_bytes()).unwrap();
        if std::str::from_utf8(&raw.tree).is_ok() && std::str::from_utf8(&raw.directory).is_ok() {
            prop_assert_eq!(back, raw);
        }
    }

    #[test]
    fn rollback_record_reader_never_panics(b in prop_oneof![
            bytes(512),
            edits().prop_map(|e| apply(br#"{"version":5,"manifest_sha256":"00ff"}"#.to_vec(), &e)),
        ]) {
        let _ = json::from_slice::<Seen>(&b);
    }

    #[test]
    fn saved_progress_reader_never_panics(text in prop_oneof![
            any::<String>(),
            edits().prop_map(|e| String::from_utf8_lossy(&apply(saved_progress().clone().into_bytes(), &e)).into_owned()),
            // Well-formed records with any numbers (overflowing date arithmetic) and ids.
            (prop_oneof![Just(1u32), any::<u32>()], prop_oneof![Just(5u64), any::<u64>()], extreme_i64(), extreme_i64(),
             prop_oneof![Just("start".to_string()), any::<String>()],
             prop::collection::vec(("[a-z-]{0,12}", "[a-z_]{0,16}"), 0..5))
                .prop_map(|(f, v, s, x, entry, a)| format!(
                    r#"{{"format":{f},"content_version":{v},"saved_at":{s},"expires_at":{x},"lang":"nl","entry":{},"answers":[{}]}}"#,
                    serde_json::to_string(&entry).unwrap(),
                    a.iter().map(|(n, c)| format!(r#"{{"node":"{n}","choice":"{c}"}}"#)).collect::<Vec<_>>().join(","))),
        ], version in prop_oneof![Just(5u64), any::<u64>()], now in prop_oneof![Just(NOW), any::<i64>()]) {
        let c = content();
        match progress::restore(&text, c, version, now) {
            Restored::Same { walk, .. } | Restored::Updated { walk, .. } => {
                // Whatever is restored is a real path through the current content.
                prop_assert!(!walk.answers.is_empty());
                prop_assert!(walk.current(c).is_ok());
            }
            Restored::Expired | Restored::Invalid => {}
        }
    }

    #[test]
    fn markup_parser_never_panics(text in prop_oneof![
            any::<String>(),
            "[a-z *_\\[\\]()#\n-]{0,200}",
            "([a-z ]{0,8}(\\*\\*|_|\\[[a-z ]{0,6}\\]\\((https://|tel:|mailto:|javascript:|)[a-z.:/]{0,12}\\)|\n\n|\n- )){0,12}",
        ]) {
        let _ = markup::plain(&text);
        let _ = markup::links(&text); // every target, allowed or not (lint reports the others)
        // Only allowed schemes ever become a link; everything else stays text.
        for block in markup::parse(&text) {
            let runs = match block {
                markup::Block::Paragraph(r) => r,
                markup::Block::List(items) => items.into_iter().flatten().collect(),
            };
            for r in runs {
                if let markup::Inline::Link { href, label } = r {
                    prop_assert!(markup::allowed_href(&href), "link {:?} passed", href);
                    prop_assert!(!label.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn route_parser_never_panics(h in prop_oneof![
            any::<String>(),
            "#?/*(stap|direct|antwoorden|organisaties|overzicht|veiligheid|toegankelijkheid|over|scholen|x)?(/[0-9+-]{0,25})?/?",
        ]) {
        let r = Route::parse(&h);
        // Whatever a hash says, the result is a route the app can write back (and it never
        // carries anything but a page name and a step number).
        prop_assert_eq!(Route::parse(&r.hash()), r);
        prop_assert!(r.hash().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/' || c == '#'));
    }

    #[test]
    fn embed_options_never_panic_and_a_link_never_sets_the_exit(q in prop_oneof![
            any::<String>(),
            "\\??((embed|compact|lang|audience|origin|exit|x)(=[a-zA-Z0-9%:/._-]{0,30})?&?){0,8}",
            "\\?exit=https(%3A|:)(%2F|/){2}[a-z.%]{1,20}(%2F|/)?[a-z%]{0,10}(&embed=1)?(&origin=https://[a-z.]{1,10})?",
        ], framed in any::<bool>()) {
        let (o, warnings) = Options::parse(&q, framed);
        if !framed {
            prop_assert_eq!(o.exit, None);
            prop_assert_eq!(o.origin, None);
            prop_assert!(!o.embed && !o.compact);
        } else if let Some(exit) = &o.exit {
            prop_assert!(valid_exit(exit) && exit.starts_with("https://"));
        }
        prop_assert!(warnings.len() <= wegwijzer_core::embed::MAX_WARNINGS + 1);
    }

    #[test]
    fn percent_decoding_round_trips(s in any::<String>(), junk in any::<String>()) {
        let encoded: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
        prop_assert_eq!(percent_decode(&encoded), Some(s));
        let _ = percent_decode(&junk);
    }
}

/// Run `f` on its own thread; fail when it panics or has not returned within [`HANG_LIMIT`].
fn within_limit<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(HANG_LIMIT) {
        Ok(v) => {
            worker.join().unwrap();
            v
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("{what}: did not return within {HANG_LIMIT:?} (a hang, not slowness)"),
    }
}

const MIB: usize = 1024 * 1024;

/// 1 MiB inputs that stress a reader: nesting, long strings, long runs of markup and escapes.
fn large_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let rep = |unit: &str| unit.repeat(MIB / unit.len()).into_bytes();
    vec![
        ("nested arrays", rep("[")),
        ("nested objects", rep("{\"a\":")),
        ("nested, closed", ["[".repeat(MIB / 2), "]".repeat(MIB / 2)].concat().into_bytes()),
        ("deep in a valid shape", ["{\"tree\":".as_bytes(), &rep("[")].concat()),
        ("one long string", ["\"".as_bytes(), &rep("a"), b"\""].concat()),
        ("escapes", ["\"".as_bytes(), &rep("\\u00e9"), b"\""].concat()),
        ("numbers", rep("9")),
        ("many keys", ["{".as_bytes(), &rep("\"k\":1,"), b"\"k\":1}"].concat()),
        ("markup runs", rep("**_[")),
        ("links", rep("[a](https://x.nl/")),
        ("list lines", rep("\n- ")),
        ("query pairs", rep("a=1&")),
        ("percent signs", rep("%")),
        ("route slashes", rep("#/")),
    ]
}

#[test]
fn large_inputs_json_and_stored_records() {
    for (name, b) in large_inputs() {
        within_limit(name, move || {
            let _ = json::parse(&b);
            assert!(bundle::read_cached(&b).is_none());
            let _ = json::from_slice::<Seen>(&b);
            let text = String::from_utf8_lossy(&b);
            assert_eq!(progress::restore(&text, content(), 5, NOW), Restored::Invalid);
        });
    }
}

#[test]
fn large_inputs_through_bundle_open() {
    for (name, b) in large_inputs() {
        within_limit(name, move || {
            // As each file, with a manifest that names it correctly and is signed: it passes the
            // signature and hash checks, so the JSON reader itself meets the input.
            let (t, d) = files();
            let as_tree = signed_bundle(&b, d);
            assert!(bundle::open(&as_tree, &keys().1, None, NOW, Mode::Fresh).is_err());
            let as_dir = signed_bundle(t, &b);
            assert!(bundle::open(&as_dir, &keys().1, None, NOW, Mode::Fresh).is_err());
            // As the manifest and the signature: refused by size before anything is parsed.
            let raw = RawBundle { manifest: b.clone(), signature: b.clone(), tree: b.clone(), directory: b.clone(), site: b, texts: None };
            assert!(bundle::open(&raw, &keys().1, None, NOW, Mode::Cached).is_err());
        });
    }
}

#[test]
fn large_inputs_markup_route_embed() {
    for (name, b) in large_inputs() {
        within_limit(name, move || {
            let s = String::from_utf8_lossy(&b).into_owned();
            let _ = markup::parse(&s);
            let _ = markup::links(&s);
            let _ = markup::plain(&s);
            let _ = Route::parse(&s);
            let (_, warnings) = Options::parse(&s, true);
            assert!(warnings.len() <= wegwijzer_core::embed::MAX_WARNINGS + 1);
            let _ = percent_decode(&s);
        });
    }
}

#[test]
fn json_nesting_is_refused_at_a_fixed_depth() {
    // Deep but within the limit parses; one level more is an error, not a deeper recursion.
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(json::parse(ok.as_bytes()).is_ok());
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let e = json::parse(deep.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested too deeply"), "{e}");
}
