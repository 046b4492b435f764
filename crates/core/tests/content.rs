//! Tests of the default content (`content/tree.json`, `content/organisations.json`).
//!
//! - the files deserialize into the content model;
//! - the expert scenario table `content/scenarios.md` (walked with the core walker; every node
//!   is visited by at least one row, so a new node without a situation fails);
//! - every outcome ends with a human; every audience reaches the crisis branch in one step;
//! - every text has an English translation (the English node set equals the Dutch one);
//! - every topic entry is reachable from the start through its audience;
//! - readability of the Dutch texts per audience (limits in docs/content-style.md).
#![cfg(all(feature = "serde", feature = "full-lint"))] // the CLI's readers and the scenario table

use std::collections::{BTreeMap, BTreeSet, HashMap};

use wegwijzer_core::model::{CONTINUE, DONT_KNOW};
use wegwijzer_core::{scenarios, walker};
use wegwijzer_core::{Audience, ChannelKind, Content, Directory, Node, OrgKind, Text, TextList, Tree};

fn read(name: &str) -> String {
    let path = format!("{}/../../content/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn load() -> (Tree, Directory) {
    let tree: Tree = serde_json::from_str(&read("tree.json")).unwrap_or_else(|e| panic!("tree.json: {e}"));
    let dir: Directory = serde_json::from_str(&read("organisations.json")).unwrap_or_else(|e| panic!("organisations.json: {e}"));
    (tree, dir)
}

fn nodes(tree: &Tree) -> HashMap<&str, &Node> {
    tree.nodes.iter().map(|n| (n.id(), n)).collect()
}

/// (choice id, next node id) for every way out of a node.
fn edges(n: &Node) -> Vec<(&str, &str)> {
    match n {
        Node::Question(q) => {
            let mut v: Vec<(&str, &str)> = q.options.iter().map(|o| (o.id.as_str(), o.next.as_str())).collect();
            if let Some(d) = &q.dont_know {
                v.push((DONT_KNOW, d.next.as_str()));
            }
            v
        }
        Node::Info(i) => vec![(CONTINUE, i.next.as_str())],
        Node::Outcome(_) => vec![],
    }
}

fn reachable<'t>(by_id: &HashMap<&str, &'t Node>, from: &str) -> BTreeSet<&'t str> {
    let mut out = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(id) = stack.pop() {
        let Some(n) = by_id.get(id.as_str()) else { continue };
        if out.insert(n.id()) {
            stack.extend(edges(n).into_iter().map(|(_, x)| x.to_string()));
        }
    }
    out
}

#[test]
fn content_deserializes() {
    let (tree, dir) = load();
    assert_eq!(tree.schema, wegwijzer_core::SCHEMA_VERSION);
    assert_eq!(dir.schema, wegwijzer_core::SCHEMA_VERSION);
    assert!(!tree.nodes.is_empty() && !dir.organisations.is_empty());
}

/// The expert scenario table (`content/scenarios.md`) is the one table of paths: every row
/// is walked with the core walker the app uses, must end at an outcome that shows the
/// organisations an expert expects (and, for a row with an hour, a line open then), and every
/// node of the tree must be visited by some row.
#[test]
fn expert_scenarios_hold() {
    let (tree, dir) = load();
    let content = Content::new(tree, dir);
    let rows = scenarios::parse(&read("scenarios.md")).unwrap_or_else(|e| panic!("content/scenarios.md: {e}"));
    let bad = scenarios::check(&content, &rows);
    assert!(bad.is_empty(), "content/scenarios.md:\n{}", bad.iter().map(|(l, m)| format!("line {l}: {m}")).collect::<Vec<_>>().join("\n"));

    // The table is broad enough to matter: every audience and the crisis branch, night hours.
    assert!(rows.len() >= 25, "at least 25 situations, found {}", rows.len());
    let firsts: BTreeSet<&str> = rows.iter().map(|r| r.path[0].as_str()).collect();
    for a in Audience::ALL.iter().map(|a| a.id()).chain(["crisis"]) {
        assert!(firsts.contains(a), "no situation starts with `{a}`");
    }
    let night = rows.iter().filter(|r| r.time.is_some_and(|(_, m)| !(7 * 60..21 * 60).contains(&m))).count();
    assert!(night >= 4, "at least 4 situations at night (before 07:00 or from 21:00), found {night}");
    // Rows end where the walker says; an outcome is reached (checked above) by its own id.
    for r in &rows {
        assert!(scenarios::outcome_of(&content, r).is_ok());
    }
}

/// Topic search jumps in through the walker as if the user had clicked.
#[test]
fn topic_routes_through_the_core_walker() {
    let (tree, dir) = load();
    let start = tree.start.clone();
    let content = Content::new(tree, dir);
    let mut failures = Vec::new();
    for t in &content.tree.topics {
        for (aud, target) in &t.entry {
            if walker::route_to(&content, &start, aud, target).is_none() {
                failures.push(format!("topic {}: walker finds no route through `{aud}` to `{target}`", t.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The scenario checker itself can fail: a wrong expectation, a broken path, a closed hour.
#[test]
fn scenario_checker_reports_each_kind_of_failure() {
    let (tree, dir) = load();
    let content = Content::new(tree, dir);
    let md = "| # | situatie | pad | tijd | verwacht |\n|---|---|---|---|---|\n\
              | 1 | Kind in gevaar. | crisis > danger | | nobody |\n\
              | 2 | Verkeerd pad. | crisis > no_such_option | | c112 |\n\
              | 3 | Om 03:00 alleen een dagdienst. | crisis > danger | zo 03:00 | ouders_onderwijs |\n";
    let rows = scenarios::parse(md).expect("parses");
    let bad: Vec<String> = scenarios::check(&content, &rows).into_iter().map(|(_, m)| m).collect();
    assert!(bad.iter().any(|m| m.starts_with("row 1:") && m.contains("not an organisation")), "{bad:?}");
    assert!(bad.iter().any(|m| m.starts_with("row 2:") && m.contains("breaks")), "{bad:?}");
    assert!(bad.iter().any(|m| m.starts_with("row 3:") && m.contains("open on zo 03:00")), "{bad:?}");
    assert!(bad.iter().any(|m| m.contains("visited by no row")), "{bad:?}");
    assert!(scenarios::parse("| a | b |\n|---|---|\n| 1 | 2 |").is_err());
    assert!(
        scenarios::parse("| # | situatie | pad | tijd | verwacht |\n|---|---|---|---|---|\n| 1 | x | crisis | morgen | c112 |").is_err()
    );
}

#[test]
fn every_outcome_ends_with_a_human() {
    let (tree, dir) = load();
    let orgs: HashMap<&str, _> = dir.organisations.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut bad = Vec::new();
    for n in &tree.nodes {
        if let Node::Outcome(o) = n {
            for s in &o.steps {
                if !orgs.contains_key(s.org.as_str()) {
                    bad.push(format!("{}: unknown organisation `{}`", o.id, s.org));
                }
            }
            match o.steps.last().and_then(|s| orgs.get(s.org.as_str())) {
                Some(org) if org.human => {}
                Some(org) => bad.push(format!("{}: last step `{}` is not human", o.id, org.id)),
                None => bad.push(format!("{}: no (known) last step", o.id)),
            }
        }
    }
    // The crisis numbers shown on every screen are people with a line open day and night
    // among them; the helpdesk has at least a channel (a website is said to be one).
    for id in &tree.always.crisis {
        match orgs.get(id.as_str()) {
            Some(o) if o.human && o.channels.iter().any(|c| c.kind == ChannelKind::Phone) => {}
            _ => bad.push(format!("always: `{id}` must be a human organisation with a phone line")),
        }
    }
    let always_open = tree
        .always
        .crisis
        .iter()
        .filter_map(|id| orgs.get(id.as_str()))
        .any(|o| o.human && o.channels.iter().any(|c| c.kind == ChannelKind::Phone && c.hours.as_ref().is_some_and(|h| h.always)));
    assert!(always_open, "the crisis lines on every screen include one that is open day and night");
    match orgs.get(tree.always.helpdesk.as_str()) {
        Some(o) if !o.channels.is_empty() => {}
        _ => bad.push(format!("always: helpdesk `{}` needs a channel", tree.always.helpdesk)),
    }
    assert!(tree.always.exit_url.starts_with("https://"));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_audience_reaches_crisis_in_one_step() {
    let (tree, _) = load();
    let by_id = nodes(&tree);
    let Node::Question(start) = by_id[tree.start.as_str()] else { panic!("start is not a question") };
    let ids: BTreeSet<&str> = start.options.iter().filter(|o| o.next != tree.crisis).map(|o| o.id.as_str()).collect();
    let expected: BTreeSet<&str> = Audience::ALL.iter().map(|a| a.id()).collect();
    assert_eq!(ids, expected, "the start options must be exactly the audience ids (plus the crisis option)");
    for o in &start.options {
        if o.next == tree.crisis {
            continue;
        }
        let first = by_id[o.next.as_str()];
        assert!(
            edges(first).iter().any(|(_, nx)| *nx == tree.crisis),
            "audience `{}`: first question `{}` has no option to the crisis node",
            o.id,
            first.id()
        );
    }
    assert!(matches!(by_id[tree.crisis.as_str()], Node::Question(_)));
}

fn check_text(path: String, t: &Text, bad: &mut Vec<String>) {
    if t.nl.trim().is_empty() {
        bad.push(format!("{path}: empty Dutch text"));
    }
    if t.en().map(String::as_str).is_none_or(|e| e.trim().is_empty()) {
        bad.push(format!("{path}: no English text"));
    }
}

fn check_list(path: String, l: &TextList, bad: &mut Vec<String>) {
    if l.en().is_none_or(|en| en.len() != l.nl.len() || en.iter().any(|e| e.trim().is_empty())) {
        bad.push(format!("{path}: English list missing or of another length"));
    }
}

/// Every text of a node with its path: the lint's own list (labels and hints included).
fn node_texts(n: &Node) -> Vec<(String, &Text)> {
    wegwijzer_core::lint::node_texts(n, true)
}

#[test]
fn every_text_has_english() {
    let (tree, dir) = load();
    let mut bad = Vec::new();
    for n in &tree.nodes {
        for (p, t) in node_texts(n) {
            check_text(format!("{}.{p}", n.id()), t, &mut bad);
        }
    }
    for t in &tree.topics {
        check_text(format!("topics[{}].label", t.id), &t.label, &mut bad);
        // Keywords are words people type; the lists need not match item for item.
        if t.keywords.nl.is_empty() || t.keywords.en().is_none_or(|e| e.is_empty()) {
            bad.push(format!("topics[{}].keywords: keywords in both languages are needed", t.id));
        }
    }
    for o in &dir.organisations {
        check_text(format!("{}.name", o.id), &o.name, &mut bad);
        check_text(format!("{}.purpose", o.id), &o.purpose, &mut bad);
        check_list(format!("{}.can", o.id), &o.can, &mut bad);
        check_list(format!("{}.cannot", o.id), &o.cannot, &mut bad);
        for (i, c) in o.channels.iter().enumerate() {
            if let Some(l) = &c.label {
                check_text(format!("{}.channels[{i}].label", o.id), l, &mut bad);
            }
        }
    }
    assert!(bad.is_empty(), "missing translations:\n{}", bad.join("\n"));
}

#[test]
fn topic_entries_are_reachable_through_their_audience() {
    let (tree, _) = load();
    let by_id = nodes(&tree);
    let Node::Question(start) = by_id[tree.start.as_str()] else { panic!() };
    let mut bad = Vec::new();
    for t in &tree.topics {
        assert!(!t.keywords.nl.is_empty(), "topic {} has no Dutch keywords", t.id);
        for (aud, target) in &t.entry {
            let Some(first) = start.options.iter().find(|o| &o.id == aud) else {
                bad.push(format!("topic {}: `{aud}` is not a start option", t.id));
                continue;
            };
            if !reachable(&by_id, &first.next).contains(target.as_str()) {
                bad.push(format!("topic {}: `{target}` is not reachable through `{aud}`", t.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_contact_detail_has_a_source() {
    let (_, dir) = load();
    let mut bad = Vec::new();
    let date = |s: &str| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    for o in &dir.organisations {
        if o.kind != OrgKind::InSchool && o.source.is_none() {
            bad.push(format!("{}: no source for the description", o.id));
        }
        if o.kind == OrgKind::InSchool && !o.channels.is_empty() {
            bad.push(format!("{}: an in-school role has no central channel", o.id));
        }
        for (i, c) in o.channels.iter().enumerate() {
            if c.source.url.trim().is_empty() || !date(&c.source.checked) {
                bad.push(format!("{}.channels[{i}]: source url and checked date are required", o.id));
            }
            if matches!(c.kind, ChannelKind::Website | ChannelKind::Chat) && !c.value.starts_with("https://") {
                bad.push(format!("{}.channels[{i}]: web channels must be https:", o.id));
            }
            if let Some(h) = &c.hours {
                if h.tz != "Europe/Amsterdam" {
                    bad.push(format!("{}.channels[{i}]: hours must be in Europe/Amsterdam", o.id));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// ---------------------------------------------------------------- readability

/// Limits per language level (see docs/content-style.md).
struct Level {
    name: &'static str,
    max_words_per_sentence: usize,
    /// Share of words with more than `LONG_WORD` letters, in percent.
    max_long_word_percent: usize,
}
const LONG_WORD: usize = 12;
const A2: Level = Level { name: "A2 (pupil_primary)", max_words_per_sentence: 12, max_long_word_percent: 10 };
const B1: Level = Level { name: "B1", max_words_per_sentence: 20, max_long_word_percent: 20 };

/// Plain sentences of a text: links become their label, emphasis and list dashes go.
fn sentences(s: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(close), Some(end)) if close < end => {
                plain.push_str(&rest[..open]);
                plain.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    let plain = plain.replace('*', "");
    let mut out = Vec::new();
    for line in plain.lines() {
        let line = line.trim().trim_start_matches("- ");
        let mut cur = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &ch) in chars.iter().enumerate() {
            cur.push(ch);
            let ends = matches!(ch, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if ends {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur.clear();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
    }
    out
}

fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Which audiences reach each node from their start option (the crisis node via every audience).
fn audiences_per_node<'t>(tree: &'t Tree, by_id: &HashMap<&str, &'t Node>) -> BTreeMap<&'t str, BTreeSet<String>> {
    let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let Node::Question(start) = by_id[tree.start.as_str()] else { panic!() };
    for o in &start.options {
        let auds: Vec<String> =
            if o.next == tree.crisis { Audience::ALL.iter().map(|a| a.id().to_string()).collect() } else { vec![o.id.clone()] };
        for id in reachable(by_id, &o.next) {
            out.entry(id).or_default().extend(auds.iter().cloned());
        }
    }
    out
}

#[test]
fn dutch_texts_are_readable_for_their_audience() {
    let (tree, dir) = load();
    let by_id = nodes(&tree);
    let auds = audiences_per_node(&tree, &by_id);
    let mut bad = Vec::new();
    let mut check = |id: &str, level: &Level, texts: Vec<(String, &Text)>| {
        let (mut all, mut long) = (0usize, 0usize);
        for (path, t) in texts {
            for s in sentences(&t.nl) {
                let w = words(&s);
                all += w.len();
                long += w.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > LONG_WORD).count();
                if w.len() > level.max_words_per_sentence {
                    bad.push(format!("{id}.{path} [{}]: {} words, max {}: «{s}»", level.name, w.len(), level.max_words_per_sentence));
                }
            }
        }
        if all > 0 && long * 100 > level.max_long_word_percent * all {
            bad.push(format!(
                "{id} [{}]: {long} of {all} words have more than {LONG_WORD} letters (max {}%)",
                level.name, level.max_long_word_percent
            ));
        }
    };
    for n in &tree.nodes {
        // A node reached by primary pupils (alone or shared) must meet the A2 limits.
        let level = match auds.get(n.id()) {
            Some(a) if !a.contains("pupil_primary") => &B1,
            _ => &A2,
        };
        check(n.id(), level, node_texts(n));
    }
    for o in &dir.organisations {
        // Organisation cards are shared by every audience they serve.
        let level = if o.audiences.contains(&Audience::PupilPrimary) { &A2 } else { &B1 };
        check(&o.id, level, vec![("purpose".into(), &o.purpose)]);
    }
    assert!(bad.is_empty(), "readability violations:\n{}", bad.join("\n"));
}
