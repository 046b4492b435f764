//! Saved progress: round trip, content updates, expiry, corrupt input.
mod common;
use wegwijzer_core::progress::{restore, save, Restored, MAX_AGE_SECS};
use wegwijzer_core::walker::walk;
use wegwijzer_core::Lang;

const NOW: i64 = 1_790_000_000;

#[test]
fn round_trip_same_version() {
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "bully"]).unwrap();
    let s = save(&c, &w, Lang::En, 7, NOW, 3600).unwrap();
    assert_eq!(restore(&s, &c, 7, NOW + 10), Restored::Same { walk: w, lang: Lang::En });
}

#[test]
fn session_only_paths_are_never_saved() {
    let c = common::content();
    let w = walk(&c, "crisis", &["danger"]).unwrap();
    assert_eq!(save(&c, &w, Lang::Nl, 1, NOW, 3600), None);
}

#[test]
fn expiry_is_capped_and_enforced() {
    let c = common::content();
    let w = walk(&c, "start", &["parent"]).unwrap();
    let s = save(&c, &w, Lang::Nl, 1, NOW, 10 * MAX_AGE_SECS).unwrap();
    assert!(matches!(restore(&s, &c, 1, NOW + MAX_AGE_SECS - 1), Restored::Same { .. }));
    assert_eq!(restore(&s, &c, 1, NOW + MAX_AGE_SECS + 1), Restored::Expired);
}

#[test]
fn content_update_keeps_valid_prefix() {
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "bully", "no"]).unwrap();
    let s = save(&c, &w, Lang::Nl, 1, NOW, 3600).unwrap();
    // New content: sec-bully lost option "no".
    let mut tree = common::tree_json();
    let nodes = tree["nodes"].as_array_mut().unwrap();
    let q = nodes.iter_mut().find(|n| n["id"] == "sec-bully").unwrap();
    q["options"][1]["id"] = "not-yet".into();
    let c2 = common::content_from(&tree, &common::directory_json());
    match restore(&s, &c2, 2, NOW + 5) {
        Restored::Updated { walk, dropped, .. } => {
            assert_eq!(dropped, 1);
            assert_eq!(walk.current(&c2).unwrap().id(), "sec-bully");
        }
        other => panic!("expected Updated, got {other:?}"),
    }
    // Same answers, new version only: Updated with nothing dropped.
    assert!(matches!(restore(&s, &c, 2, NOW), Restored::Updated { dropped: 0, .. }));
}

#[test]
fn corrupt_or_foreign_input_is_rejected() {
    let c = common::content();
    for bad in [
        "",
        "null",
        "{}",
        "[1,2]",
        "{\"format\":1}",
        "\u{0}\u{1}",
        &"x".repeat(100_000),
        r#"{"format":2,"content_version":1,"saved_at":0,"expires_at":10,"lang":"nl","entry":"start","answers":[]}"#,
        r#"{"format":1,"content_version":1,"saved_at":10,"expires_at":5,"lang":"nl","entry":"start","answers":[]}"#,
        r#"{"format":1,"content_version":1,"saved_at":1790000000,"expires_at":1790000100,"lang":"nl","entry":"elsewhere","answers":[{"node":"start","choice":"parent"}]}"#,
        r#"{"format":1,"content_version":1,"saved_at":1790000000,"expires_at":1790000100,"lang":"nl","entry":"start","answers":[{"node":"x","choice":"y"}]}"#,
    ] {
        assert_eq!(restore(bad, &c, 1, NOW), Restored::Invalid, "input {bad:.40}");
    }
}
