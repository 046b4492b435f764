//! The browser reads content with `wegwijzer_core::json`; the CLI (`check`, `sign`) with
//! serde_json. They must accept and refuse the same documents and build the same model,
//! or signed content could read differently in the app than it was checked.
#![cfg(feature = "serde")] // serde is a reader under test (without it: nothing to run)

use proptest::prelude::*;
use std::sync::OnceLock;
use wegwijzer_core::json::{self, ToJson};
use wegwijzer_core::load::{parse_directory, parse_tree, read_directory, read_tree};
use wegwijzer_core::manifest::Manifest;
use wegwijzer_core::progress::Saved;
use wegwijzer_core::walker::Answer;
use wegwijzer_core::Lang;

fn real(name: &str) -> &'static [u8] {
    static TREE: OnceLock<Vec<u8>> = OnceLock::new();
    static DIR: OnceLock<Vec<u8>> = OnceLock::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/");
    let cell = if name == "tree" { &TREE } else { &DIR };
    cell.get_or_init(|| std::fs::read(format!("{root}{}", if name == "tree" { "tree.json" } else { "organisations.json" })).unwrap())
}

/// Both readers agree: both refuse, or both accept with equal results.
fn agree(doc: &[u8]) -> Result<bool, String> {
    let a = parse_tree(doc);
    let b = read_tree(doc);
    match (&a, &b) {
        (Ok(x), Ok(y)) if x == y => Ok(true),
        (Err(_), Err(_)) => Ok(false),
        _ => Err(format!("tree: serde {:?} vs json {:?} for {}", a.as_ref().err(), b.as_ref().err(), String::from_utf8_lossy(doc))),
    }
}

fn agree_dir(doc: &[u8]) -> Result<bool, String> {
    let a = parse_directory(doc);
    let b = read_directory(doc);
    match (&a, &b) {
        (Ok(x), Ok(y)) if x == y => Ok(true),
        (Err(_), Err(_)) => Ok(false),
        _ => Err(format!("directory: serde {:?} vs json {:?} for {}", a.as_ref().err(), b.as_ref().err(), String::from_utf8_lossy(doc))),
    }
}

#[test]
fn the_real_content_reads_the_same() {
    assert_eq!(agree(real("tree")), Ok(true));
    assert_eq!(agree_dir(real("dir")), Ok(true));
}

/// Small edits of the real tree, each refused or accepted by both readers.
#[test]
fn hand_picked_variants_agree() {
    let tree = String::from_utf8(real("tree").to_vec()).unwrap();
    let dir = String::from_utf8(real("dir").to_vec()).unwrap();
    let cases: Vec<(String, bool)> = vec![
        (tree.replacen("\"schema\"", "\"schema\": 1, \"extra\"", 1), false),
        (tree.replacen("\"start\"", "\"start\": \"x\", \"start\"", 1), false),
        (tree.replacen("\"schema\": 1", "\"schema\": 1.0", 1), false),
        (tree.replacen("\"schema\": 1", "\"schema\": 01", 1), false),
        (tree.replacen("\"schema\": 1", "\"schema\": -1", 1), false),
        (tree.replacen("\"schema\": 1", "\"schema\": 1e0", 1), false),
        (tree.replacen("\"kind\": \"question\"", "\"kind\": \"vraag\"", 1), false),
        (tree.replacen("\"kind\": \"question\"", "\"kind\": \"question\", \"kind\": \"question\"", 1), false),
        (tree.replacen("\"kind\": \"question\"", "\"kind\": \"question\", \"colour\": 1", 1), false),
        (tree.replacen("\"kind\": \"question\",", "", 1), false),
        (tree.replacen("\"nl\"", "\"n\\u006c\"", 1), true),
        (tree.replacen("\"nl\": \"", "\"nl\": \"\\ud83d\\ude00 ", 1), true),
        (tree.replacen("\"nl\": \"", "\"nl\": \"\\ud83d ", 1), false),
        (tree.replacen("\"nl\": \"", "\"nl\": \"\\x", 1), false),
        (tree.replacen("\"nl\": \"", "\"nl\": \"\t", 1), false),
        (tree.replacen("\"nl\": \"", "\"nl\": \"\\/\\b\\f\\n\\r\\t\\\"\\\\", 1), true),
        (tree.replacen('[', "[ /* c */", 1), false),
        (format!("{tree} x"), false),
        (format!("{tree}\n\n"), true),
        (format!("\u{feff}{tree}"), false),
        (tree.trim_end().trim_end_matches('}').to_string() + ",}", false),
        (tree.replacen("\"topics\"", "\"topics_\"", 1), false),
        (tree.replacen("\"en\": \"", "\"en\": null, \"e\": \"", 1), false),
        (tree.replacen("\"session_only\": true", "\"session_only\": null", 1), false),
        ("[]".into(), false),
        ("".into(), false),
        ("{\"schema\":1}".into(), false),
        ("[".repeat(200) + &"]".repeat(200), false),
    ];
    for (i, (doc, accepted)) in cases.iter().enumerate() {
        assert_eq!(agree(doc.as_bytes()), Ok(*accepted), "case {i}");
    }
    let dir_cases: Vec<(String, bool)> = vec![
        (dir.replacen("\"cost\": \"free\"", "\"cost\": \"gratis\"", 1), false),
        (dir.replacen("\"human\": true", "\"human\": 1", 1), false),
        (dir.replacen("\"kind\": \"phone\"", "\"kind\": \"fax\"", 1), false),
        (dir.replacen("\"audiences\": [", "\"audiences\": [\"pupil_primary\", ", 1), true),
    ];
    for (i, (doc, accepted)) in dir_cases.iter().enumerate() {
        assert_eq!(agree_dir(doc.as_bytes()), Ok(*accepted), "directory case {i}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random byte edits of the real content: same verdict, same model.
    #[test]
    fn mutated_content_gets_the_same_verdict(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..4), which in 0u8..2) {
        let mut doc = if which == 0 { real("tree").to_vec() } else { real("dir").to_vec() };
        for (at, byte, op) in edits {
            let i = at.index(doc.len());
            match op {
                0 => doc[i] = byte,
                1 => doc.insert(i, byte),
                _ => { doc.remove(i); }
            }
        }
        let r = if which == 0 { agree(&doc) } else { agree_dir(&doc) };
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    /// Anything at all: no panic, and a string round-trips through the writer.
    #[test]
    fn any_input_and_any_string(bytes in prop::collection::vec(any::<u8>(), 0..200), s in any::<String>()) {
        let _ = json::parse(&bytes);
        let written = s.to_json();
        prop_assert_eq!(serde_json::from_str::<String>(&written).unwrap(), s.clone());
        prop_assert_eq!(json::from_slice::<String>(written.as_bytes()).unwrap(), s);
    }
}

#[test]
fn progress_saved_by_earlier_builds_still_reads() {
    // Earlier builds wrote the record with serde_json; the shape is unchanged.
    let saved = Saved {
        format: 1,
        content_version: 7,
        saved_at: 100,
        expires_at: 200,
        lang: Lang::En,
        entry: "start".into(),
        answers: vec![Answer { node: "start".into(), choice: "pupil \"x\"\n".into() }],
    };
    let old = serde_json::to_string(&saved).unwrap();
    assert_eq!(json::from_slice::<Saved>(old.as_bytes()).unwrap(), saved);
    assert_eq!(saved.to_json(), old, "the writer produces the same bytes as serde_json did");
}

#[test]
fn manifest_reads_the_same() {
    let m = r#"{"schema":1,"version":5,"issued":"2026-01-01T00:00:00Z","expires":"2026-02-01T00:00:00Z","files":{"tree":{"name":"tree.ab.json","sha256":"00","length":3},"directory":{"name":"d.json","sha256":"11","length":4}}}"#;
    let a: Manifest = serde_json::from_str(m).unwrap();
    let b: Manifest = json::from_slice(m.as_bytes()).unwrap();
    assert_eq!(a, b);
    for bad in [
        m.replace("\"length\":3", "\"length\":3,\"x\":1"),
        m.replace("\"version\":5", "\"version\":-5"),
        m.replace("\"version\":5", "\"version\":\"5\""),
        m.replace(",\"files\"", ",\"files\":{},\"files\""),
    ] {
        assert!(serde_json::from_str::<Manifest>(&bad).is_err() && json::from_slice::<Manifest>(bad.as_bytes()).is_err(), "{bad}");
    }
}

#[test]
fn errors_say_where() {
    let e = read_tree(b"{\n  \"schema\": 1,\n  oops").unwrap_err();
    assert_eq!((e.line, e.column), (3, 3), "{e}");
    let t = String::from_utf8(real("tree").to_vec()).unwrap().replacen("\"next\": \"", "\"next\": 5, \"x\": \"", 1);
    let e = read_tree(t.as_bytes()).unwrap_err();
    assert!(e.message.contains("nodes[0]") && e.message.contains("next") && e.message.contains("expected a string"), "{e}");
}

#[test]
fn integers_at_the_edges_read_as_serde_json_reads_them() {
    // The reader keeps sign and magnitude (u64), not i128: check the edges of every integer
    // type a field of ours uses, against serde_json.
    for doc in [
        "0",
        "-0",
        "255",
        "256",
        "-1",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999999999999999999999",
    ] {
        macro_rules! same {
            ($t:ty) => {{
                let a: Result<$t, _> = json::from_slice(doc.as_bytes());
                let b: Result<$t, _> = serde_json::from_str(doc);
                assert_eq!(a.as_ref().ok(), b.as_ref().ok(), "{doc} as {}", stringify!($t));
            }};
        }
        same!(u8);
        same!(u32);
        same!(u64);
        same!(i64);
    }
}
