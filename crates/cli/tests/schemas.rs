//! The JSON Schemas in content/schema stay in step with the serde model: valid documents
//! validate, and for every object in them, an unknown key or a missing key is refused by
//! the schema exactly when serde refuses it. Validation is the `jsonschema` crate (Draft
//! 2020-12, every keyword), not a hand-written subset.

use serde_json::{json, Value};
use std::path::Path;
use wegwijzer_core::manifest::Manifest;
use wegwijzer_core::model::{Directory, Tree};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn load(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

fn schema(name: &str) -> Value {
    load(&root().join(format!("content/schema/{name}.schema.json")))
}

/// Valid against the schema (Draft 2020-12, the `jsonschema` crate: every keyword counts,
/// `pattern`, `format` and `patternProperties` included).
fn valid(s: &Value, v: &Value, _root: &Value) -> bool {
    jsonschema::draft202012::new(s).expect("the schema compiles").is_valid(v)
}

/// Every JSON pointer of an object inside `v`.
fn object_paths(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            out.push(path.clone());
            for (k, x) in o {
                object_paths(x, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                object_paths(x, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Maps (free keys) in the model, where serde accepts any key but the schema is stricter.
fn is_map(path: &str) -> bool {
    path.ends_with("/entry") || path == "/files"
}

fn check_in_step(name: &str, doc: &Value, serde_ok: impl Fn(&Value) -> bool) {
    let s = schema(name);
    assert!(serde_ok(doc), "{name}: fixture must parse");
    assert!(valid(&s, doc, &s), "{name}: fixture must validate against the schema");
    let mut paths = vec![];
    object_paths(doc, String::new(), &mut paths);
    for p in paths {
        if !is_map(&p) {
            let mut d = doc.clone();
            d.pointer_mut(&p).unwrap().as_object_mut().unwrap().insert("zz_unknown".into(), json!(1));
            assert!(!serde_ok(&d), "{name}{p}: serde accepted an unknown key");
            assert!(!valid(&s, &d, &s), "{name}{p}: schema accepted an unknown key (additionalProperties)");
        }
        if is_map(&p) {
            continue; // the core's rules (lint, check_files) require these keys, not serde
        }
        let keys: Vec<String> = doc.pointer(&p).unwrap().as_object().unwrap().keys().cloned().collect();
        for k in keys {
            let mut d = doc.clone();
            d.pointer_mut(&p).unwrap().as_object_mut().unwrap().remove(&k);
            assert_eq!(valid(&s, &d, &s), serde_ok(&d), "{name}{p}: removing \"{k}\": schema and serde disagree on whether it is required");
        }
    }
}

#[test]
fn tree_schema_matches_model() {
    let mut doc = load(&root().join("crates/cli/tests/fixtures/valid/tree.json"));
    // Make sure every optional field occurs at least once in the document under test.
    let t = json!({"nl": "x", "en": "y"});
    doc["always"]["escalation"] = json!("helpdesk");
    for n in doc["nodes"].as_array_mut().unwrap() {
        match n["kind"].as_str().unwrap() {
            "question" => {
                n["options"][0]["hint"] = t.clone();
                n["dont_know"] = json!({"label": t.clone(), "next": n["options"][0]["next"].clone()});
            }
            "info" => n["button"] = t.clone(),
            "outcome" => {
                for k in ["who", "what_happens", "duration", "does_not"] {
                    n["steps"][0][k] = t.clone();
                }
            }
            _ => {}
        }
    }
    assert!(doc["nodes"].as_array().unwrap().iter().any(|n| n["kind"] == "info"));
    check_in_step("tree", &doc, |v| serde_json::from_value::<Tree>(v.clone()).is_ok());
}

#[test]
fn organisations_schema_matches_model() {
    let mut doc = load(&root().join("crates/cli/tests/fixtures/valid/organisations.json"));
    // Make sure every optional field occurs at least once in the document under test.
    let org = &mut doc["organisations"][0];
    org["age"] = json!({"min": 8, "max": 18});
    org["topics"] = json!(["bullying"]);
    org["source"] = json!({"url": "https://example.nl", "checked": "2026-01-01"});
    org["channels"] = json!([{
        "kind": "phone", "value": "0800-0000", "label": {"nl": "Bel", "en": "Call"},
        "source": {"url": "https://example.nl", "checked": "2026-01-01"},
        "hours": {"tz": "Europe/Amsterdam", "always": false,
                  "weekly": [{"days": "mon-fri", "from": "09:00", "to": "17:00"}],
                  "exceptions": [{"date": "2026-12-25", "open": [{"from": "10:00", "to": "12:00"}]}]}
    }]);
    check_in_step("organisations", &doc, |v| serde_json::from_value::<Directory>(v.clone()).is_ok());
}

#[test]
fn manifest_schema_matches_model() {
    let h = "0".repeat(64);
    let doc = json!({"schema": 1, "version": 7, "issued": "2026-01-01T00:00:00Z", "expires": "2026-07-01T00:00:00Z",
        "files": {"tree": {"name": "tree.0123456789abcdef.json", "sha256": h, "length": 10},
                  "directory": {"name": "organisations.0123456789abcdef.json", "sha256": h, "length": 10}}});
    check_in_step("manifest", &doc, |v| serde_json::from_value::<Manifest>(v.clone()).is_ok());
}

#[test]
fn every_def_is_used_and_objects_are_closed() {
    for name in ["tree", "organisations", "manifest"] {
        let s = schema(name);
        let text = s.to_string();
        for (def, body) in s["$defs"].as_object().unwrap() {
            assert!(text.contains(&format!("#/$defs/{def}\"")), "{name}: $defs/{def} unused");
            if body.get("type") == Some(&json!("object")) {
                assert_eq!(body["additionalProperties"], json!(false), "{name}: $defs/{def} must be closed");
                assert!(body.get("description").is_some(), "{name}: $defs/{def} needs a description");
            }
        }
    }
}
