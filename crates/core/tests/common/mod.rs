//! A small, valid content bundle for unit tests, built as JSON so the tests read like content.
#![allow(dead_code)]
use serde_json::{json, Value};
use wegwijzer_core::Content;
// The CLI's reader (serde) with the `serde` feature, else the browser's (the
// `--no-default-features` run of the lint and bundle tests); tests/three_way.rs and
// tests/json_parity.rs prove that they agree.
#[cfg(feature = "serde")]
pub use wegwijzer_core::load::{parse_directory as read_directory, parse_site as read_site, parse_tree as read_tree};
#[cfg(not(feature = "serde"))]
pub use wegwijzer_core::load::{read_directory, read_site, read_tree};

pub fn t(nl: &str) -> Value {
    json!({"nl": nl, "en": format!("EN {nl}")})
}

pub fn tree_json() -> Value {
    json!({
        "schema": 1,
        "start": "start",
        "crisis": "crisis",
        "always": {"helpdesk": "helpdesk", "crisis": ["alarm"], "exit_url": "https://www.example.nl/"},
        "topics": [{
            "id": "bullying", "label": t("Pesten"),
            "keywords": {"nl": ["gepest", "pesten"], "en": ["bullied"]},
            "entry": {"pupil_secondary": "sec-bully"}
        }],
        "nodes": [
            {"kind": "question", "id": "start", "text": t("Wie ben jij?"), "options": [
                {"id": "pupil_secondary", "label": t("Leerling"), "next": "sec-what"},
                {"id": "parent", "label": t("Ouder"), "next": "par-what"}
            ]},
            {"kind": "question", "id": "crisis", "text": t("Ben je nu in gevaar?"), "options": [
                {"id": "danger", "label": t("Ja"), "next": "out-112"},
                {"id": "no", "label": t("Nee"), "next": "out-helpdesk"}
            ]},
            {"kind": "question", "id": "sec-what", "text": t("Wat is er?"), "help": t("Kies wat past."), "options": [
                {"id": "bully", "label": t("Gepest"), "next": "sec-bully"},
                {"id": "danger", "label": t("Ik ben in gevaar"), "next": "crisis"},
                {"id": "other", "label": t("Iets anders"), "next": "out-helpdesk"}
            ], "dont_know": {"next": "out-helpdesk"}},
            {"kind": "question", "id": "sec-bully", "text": t("Weet de school het?"), "options": [
                {"id": "yes", "label": t("Ja"), "next": "sec-notice"},
                {"id": "no", "label": t("Nee"), "next": "sec-online"}
            ]},
            {"kind": "question", "id": "sec-online", "text": t("Online?"), "options": [
                {"id": "yes", "label": t("Ja"), "next": "sec-notice"},
                {"id": "no", "label": t("Nee"), "next": "out-school"}
            ]},
            {"kind": "info", "id": "sec-notice", "title": t("Goed om te weten"), "body": t("Je mag altijd stoppen."), "next": "out-school"},
            {"kind": "question", "id": "par-what", "text": t("Wat is er?"), "options": [
                {"id": "bully", "label": t("Pesten"), "next": "out-school"},
                {"id": "danger", "label": t("Gevaar"), "next": "crisis"}
            ]},
            {"kind": "outcome", "id": "out-school", "title": t("Praat met school"), "intro": t("Je hoeft niet alles te doen."), "steps": [
                {"org": "mentor", "action": t("Praat met je mentor")},
                {"org": "helpdesk", "action": t("Bel de helpdesk")}
            ]},
            {"kind": "outcome", "id": "out-helpdesk", "title": t("Helpdesk"), "intro": t("Bel ons."), "steps": [
                {"org": "helpdesk", "action": t("Bel de helpdesk")}
            ]},
            {"kind": "outcome", "id": "out-112", "title": t("Bel 112"), "intro": t("Nu."), "urgent": true, "session_only": true, "steps": [
                {"org": "alarm", "action": t("Bel 112")}
            ]}
        ],
        "overview": overview()
    })
}

/// One small overview per audience (the `overview` lint requires all five).
pub fn overview() -> Value {
    let one = |a: &str| {
        json!({
            "audience": a, "title": t("Zo werkt het"), "intro": t("Van school tot landelijk."),
            "rungs": [
                {"stage": "school", "org": "mentor", "does": t("Luistert en helpt."), "does_not": t("Straft niet.")},
                {"stage": "support", "org": "helpdesk", "does": t("Wijst de weg.")}
            ]
        })
    };
    Value::Array(["pupil_primary", "pupil_secondary", "parent", "employee", "leader"].into_iter().map(one).collect())
}

pub fn src() -> Value {
    json!({"url": "https://www.example.nl/bron", "checked": "2026-11-01"})
}

pub fn directory_json() -> Value {
    json!({
        "schema": 1,
        "organisations": [
            {"id": "mentor", "name": t("Mentor"), "kind": "in_school", "purpose": t("Je eerste aanspreekpunt."),
             "can": {"nl": ["Luisteren"], "en": ["Listen"]}, "cannot": {"nl": ["Straffen"], "en": ["Punish"]},
             "audiences": ["pupil_secondary", "parent"], "topics": ["bullying"], "cost": "free", "anonymous": "no", "human": true},
            {"id": "helpdesk", "name": t("Helpdesk"), "kind": "external", "purpose": t("Hulp bij de weg."),
             "can": {"nl": ["Advies"], "en": ["Advice"]}, "cannot": {"nl": ["Beslissen"], "en": ["Decide"]},
             "audiences": ["pupil_secondary", "parent"], "cost": "free", "anonymous": "optional", "human": true, "domains": ["example.nl"],
             "channels": [{"kind": "phone", "value": "0800-0000", "source": src(),
                "hours": {"tz": "Europe/Amsterdam", "weekly": [{"days": "mon-fri", "from": "09:00", "to": "17:00"}]}}],
             "source": src()},
            {"id": "alarm", "name": t("Alarmnummer"), "kind": "crisis", "purpose": t("Bij gevaar."),
             "can": {"nl": ["Hulp sturen"], "en": ["Send help"]}, "cannot": {"nl": ["Praten"], "en": ["Talk"]},
             "audiences": ["pupil_secondary", "parent"], "cost": "free", "anonymous": "no", "human": true, "domains": ["www.example.nl"],
             "channels": [{"kind": "phone", "value": "112", "source": src(), "hours": {"tz": "Europe/Amsterdam", "always": true}}],
             "source": src()}
        ]
    })
}

pub fn content_from(tree: &Value, dir: &Value) -> Content {
    let t = read_tree(tree.to_string().as_bytes()).expect("tree parses");
    let d = read_directory(dir.to_string().as_bytes()).expect("directory parses");
    Content::new(t, d).with_site(real_site())
}

/// The repository's `content/site.json` (languages, interface strings, info pages).
pub fn real_site() -> wegwijzer_core::Site {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/site.json")).expect("content/site.json");
    read_site(&bytes).expect("site parses")
}

pub fn content() -> Content {
    content_from(&tree_json(), &directory_json())
}

/// Days since epoch for 2026-11-25.
pub const TODAY: i64 = 20_782;

/// A small valid `site.json`: Dutch and English, no info pages (the structural rules the app
/// runs do not require them; `wegwijzer check` does).
#[allow(dead_code)]
pub fn site_json() -> Value {
    json!({"schema": 1, "languages": [
        {"code": "nl", "name": "Nederlands", "dir": "ltr", "review": {"status": "source"}},
        {"code": "en", "name": "English", "dir": "ltr", "review": {"status": "unreviewed"}}],
        "ui": {"exit": t("Snel weg")}, "ui_lists": {}, "pages": []})
}

/// A manifest (schema 1) naming `tree`, `directory` and `site` by their content-addressed
/// names, plus any `(key, bytes)` overlays; unsigned bytes.
#[allow(dead_code)]
pub fn manifest_for(tree: &[u8], dir: &[u8], site: &[u8], overlays: &[(&str, &[u8])], version: u64) -> Vec<u8> {
    use wegwijzer_core::manifest::{content_addressed_name, sha256_hex};
    let entry = |stem: &str, b: &[u8]| json!({"name": content_addressed_name(stem, b), "sha256": sha256_hex(b), "length": b.len()});
    let mut files = serde_json::Map::new();
    files.insert("tree".into(), entry("tree", tree));
    files.insert("directory".into(), entry("organisations", dir));
    files.insert("site".into(), entry("site", site));
    for (k, b) in overlays {
        files.insert(k.to_string(), entry(&k.replace('.', "-"), b));
    }
    json!({"schema": 1, "version": version, "issued": "2026-11-01T00:00:00Z", "expires": "2027-05-01T00:00:00Z", "files": files})
        .to_string()
        .into_bytes()
}
