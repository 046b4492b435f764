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
    org(&mut d, "helpdesk")["channels"][0]["source"]["checked"] = "2026-04-01".into();
    let r = rules_for(&common::tree_json(), &d);
    assert!(!cfg!(feature = "full-lint") || r.iter().any(|(n, s, _)| *n == "verification-stale" && *s == Severity::Warning), "{r:?}");
    assert!(!has_errors(&lint(&common::content_from(&common::tree_json(), &d), common::TODAY)), "older than 6 months is a warning only");
    let mut d = common::directory_json();
    org(&mut d, "helpdesk")["channels"][0]["source"]["checked"] = "2025-11-01".into();
    let r = rules_for(&common::tree_json(), &d);
    assert!(!cfg!(feature = "full-lint") || r.iter().any(|(n, s, _)| *n == "verification-stale" && *s == Severity::Error), "{r:?}");
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

/// The CLI's load errors (serde's line and column).
#[cfg(feature = "serde")]
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

// ------------------------------------------------------------------ safety rules (content review 2026-11)

/// Each row: a mistake the expert review found, made in the valid bundle, and the rule that must catch it.
type Mutation = fn(&mut Value, &mut Value);

const SAFETY_CASES: &[(&str, &str, &str, Mutation)] = &[
    ("a translation with another phone number", "translation-facts", "nodes[id=out-school].intro.ar", |t, _| {
        node(t, "out-school")["intro"] = json!({"nl": "Bel 0800-0432.", "en": "Call 0800-0432.", "ar": "اتصل 0800-0433."});
    }),
    ("a translation with another link", "translation-facts", "nodes[id=out-school].intro.tr", |t, _| {
        node(t, "out-school")["intro"] = json!({"nl": "Kijk op [de site](https://example.nl/a).", "en": "See [the site](https://example.nl/a).", "tr": "Bak [site](https://example.nl/b)."});
    }),
    ("a translation without the organisation's name", "translation-facts", "nodes[id=out-school].intro.pl", |t, d| {
        org(d, "helpdesk")["name"] = json!({"nl": "Helpdesk", "en": "Helpdesk"});
        node(t, "out-school")["intro"] = json!({"nl": "Vraag de Helpdesk.", "en": "Ask the Helpdesk.", "pl": "Zapytaj pomoc."});
    }),
    ("a text in a language the site does not declare", "undeclared-language", "languages", |t, _| {
        node(t, "out-school")["intro"]["de"] = "Frag die Schule.".into();
    }),
    ("crisis screen closed at night", "crisis-coverage", "nodes[id=out-112]", |_, d| {
        org(d, "alarm")["channels"][0]["hours"] =
            json!({"tz": "Europe/Amsterdam", "weekly": [{"days": "mon-sun", "from": "11:00", "to": "21:00"}]});
    }),
    ("crisis line without recorded hours", "crisis-coverage", "nodes[id=out-112]", |_, d| {
        org(d, "alarm")["channels"][0].as_object_mut().unwrap().remove("hours");
    }),
    ("sensitive screen that could be saved", "sensitive-stored", "nodes[id=sec-notice]", |t, _| {
        node(t, "sec-notice")["sensitive"] = "home".into();
    }),
    ("abuse screen without a tag", "sensitive-untagged", "nodes[id=sec-notice]", |t, _| {
        node(t, "sec-notice")["body"] = common::t("Vertel het als iemand aan je zit.");
    }),
    ("Veilig Thuis step on an untagged screen", "sensitive-untagged", "nodes[id=out-school]", |t, d| {
        let mut vt = org(d, "helpdesk").clone();
        vt["id"] = "veilig_thuis".into();
        d["organisations"].as_array_mut().unwrap().push(vt);
        node(t, "out-school")["steps"].as_array_mut().unwrap().insert(0, json!({"org": "veilig_thuis", "action": common::t("Bel")}));
    }),
    ("legal duty shown to pupils", "mandatory-scope", "nodes[id=out-school]", |t, _| {
        node(t, "out-school")["steps"][0]["mandatory"] = true.into();
        node(t, "out-school")["intro"] = json!({"nl": "Dit is een wettelijke plicht.", "en": "This is a legal duty."});
    }),
    ("duty outcome that says steps are optional", "mandatory-intro", "nodes[id=out-school].intro", |t, _| {
        node(t, "out-school")["steps"][0]["mandatory"] = true.into();
        node(t, "out-school")["intro"] =
            json!({"nl": "Je hoeft niet elke stap te zetten; het is geen plicht.", "en": "You don't have to take every step; no duty."});
    }),
    ("duty outcome that does not say it", "mandatory-intro", "nodes[id=out-school].intro", |t, _| {
        node(t, "out-school")["steps"][0]["mandatory"] = true.into();
    }),
    ("source on someone else's site", "source-domain", "organisations[id=helpdesk].channels[0].source", |_, d| {
        org(d, "helpdesk")["channels"][0]["source"]["url"] = "https://nieuws.example.org/2017/helpdesk".into();
    }),
    ("calque “een mens”", "banned-phrase", "nodes[id=out-helpdesk].title.nl", |t, _| {
        node(t, "out-helpdesk")["title"] = common::t("Praat met een mens");
    }),
    ("calque “think along”", "banned-phrase", "nodes[id=out-helpdesk].intro.en", |t, _| {
        node(t, "out-helpdesk")["intro"] = json!({"nl": "Bel ons.", "en": "We think along with you."});
    }),
    ("calque “als dat beter voelt”", "banned-phrase", "organisations[id=helpdesk].purpose.nl", |_, d| {
        org(d, "helpdesk")["purpose"] = common::t("Bel als dat beter voelt.");
    }),
    ("jargon a primary pupil reaches", "a2-words", "nodes[id=crisis].options[0].label.nl", |t, _| {
        node(t, "start")["options"][0]["id"] = "pupil_primary".into();
        node(t, "crisis")["options"][0]["label"] = common::t("Ik denk aan zelfdoding");
    }),
    ("a promised person with only a website", "human-fallback", "nodes[id=out-helpdesk].steps[0]", |_, d| {
        org(d, "helpdesk")["channels"][0] = json!({"kind": "website", "value": "https://www.example.nl/", "source": common::src()});
    }),
    ("a typo in a phone number", "unknown-number", "nodes[id=out-helpdesk].steps[0].action", |t, _| {
        node(t, "out-helpdesk")["steps"][0]["action"] = common::t("Bel de helpdesk: 0800-0001.");
    }),
    ("a paid line called free", "cost-claim", "nodes[id=out-school].steps[1]", |t, d| {
        org(d, "helpdesk")["cost"] = "paid".into();
        node(t, "out-school")["steps"][1]["what_happens"] = json!({"nl": "Gratis.", "en": "Free."});
    }),
    ("two questions in a row with the same heading", "repeated-heading", "nodes[id=sec-bully].text", |t, _| {
        node(t, "sec-bully")["text"] = common::t("Wat is er?");
    }),
    ("overview naming an unknown organisation", "unknown-organisation", "overview[0].rungs[0].org", |t, _| {
        t["overview"] = json!([{"audience": "parent", "title": common::t("Overzicht"), "intro": common::t("Zo werkt het."),
            "rungs": [{"stage": "school", "org": "nobody", "does": common::t("Luistert.")}]}]);
    }),
];

#[test]
fn safety_rules_catch_each_class_of_mistake() {
    if !cfg!(feature = "full-lint") {
        return; // text and safety rules are compiled only with full-lint (see assert_rule)
    }
    for (what, rule, path, mutate) in SAFETY_CASES {
        let (mut t, mut d) = (common::tree_json(), common::directory_json());
        mutate(&mut t, &mut d);
        let r = rules_for(&t, &d);
        assert!(
            r.iter().any(|(name, s, p)| name == rule && *s == Severity::Error && p.contains(path)),
            "{what}: expected error {rule} at {path}, got {r:?}"
        );
    }
}

/// A change to `site.json` and the rule that must catch it.
type SiteMutation = fn(&mut Value);

const SITE_CASES: &[(&str, &str, &str, SiteMutation)] = &[
    ("an interface string the app needs is missing", "ui-missing", "ui.exit", |s| {
        s["ui"].as_object_mut().unwrap().remove("exit");
    }),
    ("a week of six days", "ui-missing", "ui_lists.time_days.nl", |s| {
        s["ui_lists"]["time_days"]["nl"].as_array_mut().unwrap().pop();
    }),
    ("an info page missing", "pages", "pages[id=over]", |s| {
        s["pages"].as_array_mut().unwrap().retain(|p| p["id"] != "over");
    }),
    ("a page the app does not have", "pages", "pages[id=blog]", |s| {
        let mut p = s["pages"][0].clone();
        p["id"] = "blog".into();
        s["pages"].as_array_mut().unwrap().push(p);
    }),
    ("Dutch not first", "site-languages", "languages[0]", |s| {
        s["languages"].as_array_mut().unwrap().swap(0, 1);
    }),
    ("reviewed, but by whom and when?", "review-record", "languages[2].review", |s| {
        s["languages"][2]["review"] = json!({"status": "reviewed"});
    }),
    ("a page text with a link to a script", "link-scheme", "pages[id=over].sections[0].body", |s| {
        s["pages"][2]["sections"][0]["body"]["nl"] = "Zie [dit](javascript:alert(1)).".into();
    }),
];

#[test]
fn site_rules_catch_what_a_reviewer_would() {
    if !cfg!(feature = "full-lint") {
        return;
    }
    let site_src = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/site.json")).unwrap();
    let clean: Value = serde_json::from_slice(&site_src).unwrap();
    let run = |site: &Value| {
        let site = common::read_site(site.to_string().as_bytes()).expect("site parses");
        let c = common::content().with_site(site);
        lint(&c, common::TODAY).into_iter().map(|d| (d.rule, d.severity, d.path)).collect::<Vec<_>>()
    };
    assert!(run(&clean).iter().all(|(_, s, _)| *s != Severity::Error), "the real site.json is clean");
    for (what, rule, path, mutate) in SITE_CASES {
        let mut s = clean.clone();
        mutate(&mut s);
        let r = run(&s);
        assert!(
            r.iter().any(|(name, s, p)| name == rule && *s == Severity::Error && p.contains(path)),
            "{what}: expected {rule} at {path}, got {r:?}"
        );
    }
}

#[test]
fn safety_rules_accept_the_right_way() {
    if !cfg!(feature = "full-lint") {
        return;
    }
    let ok: &[(&str, Mutation)] = &[
        ("a tagged, never-stored sensitive screen", |t, _| {
            node(t, "sec-notice")["sensitive"] = "home".into();
            node(t, "sec-notice")["session_only"] = true.into();
            node(t, "sec-notice")["body"] = common::t("Vertel het als iemand aan je zit.");
        }),
        ("a documented source exception", |_, d| {
            org(d, "helpdesk")["channels"][0]["source"] =
                json!({"url": "https://wetten.overheid.nl/x", "checked": "2026-11-01", "exception": "the law itself"});
        }),
        ("a duty on a staff outcome with a duty intro", |t, _| {
            node(t, "start")["options"][1]["id"] = "employee".into();
            node(t, "par-what")["options"][0]["next"] = "out-duty".into();
            t["nodes"].as_array_mut().unwrap().push(json!({"kind": "outcome", "id": "out-duty", "title": common::t("Plicht"),
                "intro": {"nl": "Dit is een wettelijke plicht.", "en": "This is a legal duty."},
                "steps": [{"org": "helpdesk", "action": common::t("Meld het"), "mandatory": true}]}));
            node(t, "out-school")["steps"][0]["action"] = common::t("Praat met je mentor");
        }),
        ("a known number in a text, and free help behind a paid number that says what the call costs", |t, d| {
            node(t, "out-helpdesk")["steps"][0]["action"] = common::t("Bel de helpdesk: 0800-0000, of 112.");
            org(d, "helpdesk")["cost"] = "paid".into();
            node(t, "out-school")["steps"][1]["what_happens"] =
                json!({"nl": "Gratis hulp. Bellen kost het lokale tarief.", "en": "Free help. The call costs the local rate."});
        }),
        ("words that contain a banned phrase but are not it", |t, _| {
            node(t, "out-helpdesk")["intro"] = json!({"nl": "Bel een mensenrechtenorganisatie.", "en": "Human rights."});
        }),
    ];
    for (what, mutate) in ok {
        let (mut t, mut d) = (common::tree_json(), common::directory_json());
        mutate(&mut t, &mut d);
        let r = rules_for(&t, &d);
        assert!(r.iter().all(|(_, s, _)| *s != Severity::Error), "{what}: expected no errors, got {r:?}");
    }
}

#[cfg(feature = "full-lint")]
#[test]
fn first_uncovered_slot_names_the_first_closed_quarter() {
    use wegwijzer_core::lint::first_uncovered_slot;
    use wegwijzer_core::{Hours, WeeklyRange};
    let day = |from: &str, to: &str| Hours {
        tz: "Europe/Amsterdam".into(),
        always: false,
        weekly: vec![WeeklyRange { days: "mon-sun".into(), from: from.into(), to: to.into() }],
        exceptions: vec![],
    };
    let kt = day("11:00", "21:00");
    assert_eq!(first_uncovered_slot(&[&kt]), Some((0, 0)));
    let night = day("00:00", "11:00");
    let late = day("21:00", "24:00");
    assert_eq!(first_uncovered_slot(&[&kt, &night, &late]), None);
    let late_short = day("21:00", "23:45");
    assert_eq!(first_uncovered_slot(&[&kt, &night, &late_short]), Some((0, 23 * 60 + 45)));
    let always = Hours { tz: "Europe/Amsterdam".into(), always: true, weekly: vec![], exceptions: vec![] };
    assert_eq!(first_uncovered_slot(&[&always]), None);
    assert_eq!(first_uncovered_slot(&[]), Some((0, 0)));
}

#[cfg(feature = "full-lint")]
#[test]
fn phone_numbers_are_found_in_text() {
    use wegwijzer_core::lint::phone_numbers;
    let cases: &[(&str, &[&str])] = &[
        ("Bel 0800-0432 of chat.", &["08000432"]),
        ("Bel 030-225 50 50 (keuze 2).", &["0302255050"]),
        ("Bel 113 of 112.", &["113", "112"]),
        ("Elke dag van 11 tot 21 uur, sinds 2013.", &[]),
        ("Bel 0900-111 3 111.", &["09001113111"]),
        ("Code 1130 and 21120 are not lines", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(phone_numbers(text), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
    }
}
