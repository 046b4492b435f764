//! One test per lint rule: a valid bundle is clean; each mutation triggers its rule.
mod common;
use serde_json::{json, Value};
use wegwijzer_core::lint::{has_errors, lint, Severity};

fn rules_for(tree: &Value, dir: &Value) -> Vec<(&'static str, Severity, String)> {
    let c = common::content_from(tree, dir);
    lint(&c, common::TODAY).into_iter().map(|d| (d.rule, d.severity, d.path)).collect()
}

fn node<'a>(tree: &'a mut Value, id: &str) -> &'a mut Value {
    tree["nodes"].as_array_mut().unwrap().iter_mut().find(|n| n["id"] == id).unwrap()
}

fn org<'a>(dir: &'a mut Value, id: &str) -> &'a mut Value {
    dir["organisations"].as_array_mut().unwrap().iter_mut().find(|n| n["id"] == id).unwrap()
}

/// The rules the browser build (`--no-default-features`, no `full-lint`) also runs.
const STRUCTURAL: &[&str] = &[
    "dangling-reference",
    "unreachable",
    "cycle",
    "dead-end",
    "human-fallback",
    "unknown-organisation",
    "options-count",
    "duplicate-id",
    "crisis-reach",
    "start-options",
    "topic-entry",
];

/// With `full-lint` (the CLI): the rule at a path. Without (the app, run by `cargo xtask
/// test` with `--no-default-features`): structural rules still refuse the content, by rule
/// name only; text rules are not compiled in.
fn assert_rule(tree: &Value, dir: &Value, rule: &str, path_part: &str) {
    let r = rules_for(tree, dir);
    if cfg!(feature = "full-lint") {
        assert!(r.iter().any(|(name, _, p)| *name == rule && p.contains(path_part)), "expected rule {rule} at {path_part}, got {r:?}");
    } else if STRUCTURAL.contains(&rule) {
        assert!(r.iter().any(|(name, s, _)| *name == rule && *s == Severity::Error), "expected error {rule}, got {r:?}");
    } else {
        assert!(r.iter().all(|(name, _, _)| *name != rule), "{rule} is a full-lint rule, got {r:?}");
    }
}

#[test]
fn valid_bundle_is_clean() {
    let r = rules_for(&common::tree_json(), &common::directory_json());
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn dangling_reference() {
    let mut t = common::tree_json();
    node(&mut t, "sec-online")["options"][0]["next"] = "nowhere".into();
    assert_rule(&t, &common::directory_json(), "dangling-reference", "nodes[id=sec-online].yes.next");
}

#[test]
fn unreachable_node() {
    let mut t = common::tree_json();
    t["nodes"].as_array_mut().unwrap().push(json!({"kind": "outcome", "id": "orphan", "title": common::t("X"), "intro": common::t("Y"),
        "steps": [{"org": "helpdesk", "action": common::t("Bel")}]}));
    assert_rule(&t, &common::directory_json(), "unreachable", "orphan");
}

#[test]
fn cycle() {
    let mut t = common::tree_json();
    node(&mut t, "sec-notice")["next"] = "sec-bully".into();
    assert_rule(&t, &common::directory_json(), "cycle", "sec-bully");
}

#[test]
fn dead_end() {
    // A two-node loop reaches no outcome: dead end (and a cycle).
    let mut t = common::tree_json();
    node(&mut t, "sec-online")["options"][0]["next"] = "sec-online".into();
    node(&mut t, "sec-online")["options"][1]["next"] = "sec-online".into();
    assert_rule(&t, &common::directory_json(), "dead-end", "sec-online");
}

#[test]
fn human_fallback() {
    let mut d = common::directory_json();
    org(&mut d, "mentor")["human"] = false.into();
    let mut t = common::tree_json();
    let out = node(&mut t, "out-school");
    out["steps"] = json!([{"org": "helpdesk", "action": common::t("Bel")}, {"org": "mentor", "action": common::t("Praat")}]);
    assert_rule(&t, &d, "human-fallback", "out-school");
}

#[test]
fn unknown_organisation() {
    let mut t = common::tree_json();
    node(&mut t, "out-school")["steps"][0]["org"] = "ghost".into();
    assert_rule(&t, &common::directory_json(), "unknown-organisation", "steps[0].org");
}

#[test]
fn missing_translation() {
    let mut t = common::tree_json();
    node(&mut t, "sec-what")["help"] = json!({"nl": "Alleen Nederlands"});
    assert_rule(&t, &common::directory_json(), "missing-translation", "sec-what].help");
    let mut d = common::directory_json();
    org(&mut d, "mentor")["can"] = json!({"nl": ["a", "b"], "en": ["a"]});
    assert_rule(&common::tree_json(), &d, "missing-translation", "mentor].can");
}

#[test]
fn options_count() {
    let mut t = common::tree_json();
    let opts = node(&mut t, "sec-online")["options"].as_array_mut().unwrap();
    opts.truncate(1);
    assert_rule(&t, &common::directory_json(), "options-count", "sec-online");
    let mut t = common::tree_json();
    let opts = node(&mut t, "sec-online")["options"].as_array_mut().unwrap();
    for i in 0..7 {
        opts.push(json!({"id": format!("o{i}"), "label": common::t("x"), "next": "out-school"}));
    }
    assert_rule(&t, &common::directory_json(), "options-count", "sec-online");
}

#[test]
fn text_too_long() {
    let mut t = common::tree_json();
    node(&mut t, "sec-what")["text"] = common::t(&"woord ".repeat(40));
    assert_rule(&t, &common::directory_json(), "text-too-long", "sec-what].text");
}

#[test]
fn link_scheme() {
    let mut t = common::tree_json();
    node(&mut t, "sec-notice")["body"] = common::t("Kijk [hier](javascript:alert(1)) of [daar](http://x.nl)");
    assert_rule(&t, &common::directory_json(), "link-scheme", "sec-notice].body");
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["kind"] = "website".into();
    assert_rule(&common::tree_json(), &d, "link-scheme", "helpdesk].channels[0].value");
}

#[test]
fn verification_missing_and_stale() {
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["source"]["checked"] = "gisteren".into();
    assert_rule(&common::tree_json(), &d, "verification-missing", "helpdesk].channels[0].source");
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["source"]["checked"] = "2024-01-01".into();
    let r = rules_for(&common::tree_json(), &d);
    assert!(!cfg!(feature = "full-lint") || r.iter().any(|(n, s, _)| *n == "verification-stale" && *s == Severity::Warning), "{r:?}");
    let mut d = common::directory_json();
    org(&mut d, "helpdesk").as_object_mut().unwrap().remove("source");
    assert_rule(&common::tree_json(), &d, "verification-missing", "helpdesk].source");
}

#[test]
fn opening_hours() {
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["hours"]["weekly"][0]["to"] = "08:00".into();
    assert_rule(&common::tree_json(), &d, "opening-hours", "helpdesk].channels[0].hours");
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["hours"]["tz"] = "UTC".into();
    assert_rule(&common::tree_json(), &d, "opening-hours", "helpdesk");
}

#[test]
fn duplicate_ids() {
    let mut t = common::tree_json();
    node(&mut t, "sec-online")["options"][1]["id"] = "yes".into();
    assert_rule(&t, &common::directory_json(), "duplicate-id", "sec-online].options[1]");
}

#[test]
fn crisis_reach_and_start_options() {
    let mut t = common::tree_json();
    node(&mut t, "par-what")["options"][1]["next"] = "out-school".into();
    assert_rule(&t, &common::directory_json(), "crisis-reach", "par-what");
    let mut t = common::tree_json();
    node(&mut t, "start")["options"][1]["id"] = "grandparent".into();
    assert_rule(&t, &common::directory_json(), "start-options", "nodes[id=start].options[1]");
}

#[test]
fn topic_entry() {
    let mut t = common::tree_json();
    t["topics"][0]["entry"]["parent"] = "sec-bully".into();
    assert_rule(&t, &common::directory_json(), "topic-entry", "topics[0].entry.parent");
}

#[test]
fn raw_html_is_a_warning_only() {
    let mut t = common::tree_json();
    node(&mut t, "sec-notice")["body"] = common::t("<b>vet</b>");
    let r = rules_for(&t, &common::directory_json());
    assert!(!cfg!(feature = "full-lint") || r.iter().any(|(n, s, _)| *n == "raw-html" && *s == Severity::Warning));
    let c = common::content_from(&t, &common::directory_json());
    assert!(!has_errors(&lint(&c, common::TODAY)));
}

#[test]
fn wrong_schema_version_and_malformed_json_are_load_errors() {
    let mut t = common::tree_json();
    t["schema"] = 2.into();
    let e = wegwijzer_core::load::parse_tree(t.to_string().as_bytes()).unwrap_err();
    assert!(e.message.contains("schema version 2"), "{e}");
    let e = wegwijzer_core::load::parse_tree(b"{\n  \"schema\": 1,\n  oops").unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("tree.json", 3));
    let e = wegwijzer_core::load::parse_directory(b"{\"schema\":1,\"organisations\":[{\"id\":1}]}").unwrap_err();
    assert_eq!(e.file, "organisations.json");
}
