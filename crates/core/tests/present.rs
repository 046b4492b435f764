//! Presentation decisions on the default content (issue 12): "Doe dit eerst", deadlines,
//! the organisation list, search over topics and organisations, an open line, escapes.
//! Written as properties of any content, plus the cases the UX review named.
#![cfg(feature = "serde")] // serde is a reader under test (without it: nothing to run)

use wegwijzer_core::present::{self, Open};
use wegwijzer_core::time::parse_rfc3339;
use wegwijzer_core::{Content, Directory, Lang, Node, OrgKind, Tree};

fn content() -> Content {
    let read = |n: &str| std::fs::read_to_string(format!("{}/../../content/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let tree: Tree = serde_json::from_str(&read("tree.json")).unwrap();
    let dir: Directory = serde_json::from_str(&read("organisations.json")).unwrap();
    Content::new(tree, dir)
}

fn at(s: &str) -> i64 {
    parse_rfc3339(s).unwrap()
}

const CLOCKS: [&str; 3] = ["2026-11-29T03:00:00+01:00", "2026-11-30T12:00:00+01:00", "2026-11-30T22:30:00+01:00"];

#[test]
fn do_this_first_on_every_outcome() {
    let c = content();
    for n in &c.tree.nodes {
        let Node::Outcome(o) = n else { continue };
        for clock in CLOCKS {
            let now = at(clock);
            let p = present::plan(o, &c, now);
            let line = |i: usize| c.org(&o.steps[i].org).and_then(|org| present::best_line(org, now)).is_some();
            let mut all: Vec<usize> = p.first.iter().chain(&p.rest).copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..o.steps.len()).collect::<Vec<_>>(), "{}: every step once", o.id);
            let emergency = !o.urgent && o.steps.len() > 1 && c.org(&o.steps[0].org).is_some_and(|g| g.kind == OrgKind::Crisis);
            assert!((1..=2).contains(&p.first.len()), "{}: one or two first steps", o.id);
            // Only a line to call goes before the first action; duties and emergency lines keep their order.
            if emergency || o.steps.iter().any(|s| s.mandatory) {
                assert!(p.first.windows(2).all(|w| w[0] < w[1]), "{}: Doe dit eerst keeps the content's order", o.id);
            }
            if let Some(d) = o.steps.iter().position(|s| s.mandatory) {
                assert!(p.first.contains(&d), "{}: the first legal duty is in Doe dit eerst", o.id);
                let extra = p.first.iter().filter(|&&i| !(o.steps[i].mandatory || (emergency && i == 0))).count();
                assert_eq!(extra, 0, "{}: nothing but duties (and an emergency line) in Doe dit eerst", o.id);
            } else {
                assert!(p.first.contains(&(if emergency { 1 } else { 0 })), "{}: the content's first action is in Doe dit eerst", o.id);
                if (0..o.steps.len()).any(line) {
                    assert!(p.first.iter().any(|&i| line(i)), "{}: a line to call or chat in Doe dit eerst", o.id);
                }
            }
        }
    }
}

/// The line added to "Doe dit eerst" is a help line, never a formal body pulled ahead of the
/// school because it has a phone number (the content review's ladder order).
#[test]
fn the_added_line_is_a_help_line_not_a_formal_body() {
    let c = content();
    for n in &c.tree.nodes {
        let Node::Outcome(o) = n else { continue };
        for clock in CLOCKS {
            let p = present::plan(o, &c, at(clock));
            for &i in &p.first {
                let id = o.steps[i].org.as_str();
                assert!(
                    !["inspectie", "klachtencommissie", "onderwijsgeschillen", "kinderombudsman", "gcbo", "college_rvdm"].contains(&id)
                        || i == 0,
                    "{} at {clock}: `{id}` pulled into Doe dit eerst",
                    o.id
                );
            }
        }
    }
    let Some(Node::Outcome(o)) = c.node("out_pa_bully") else { panic!("out_pa_bully") };
    for clock in CLOCKS {
        let p = present::plan(o, &c, at(clock));
        let orgs: Vec<&str> = p.first.iter().map(|&i| o.steps[i].org.as_str()).collect();
        assert!(orgs.contains(&o.steps[0].org.as_str()), "{clock}: the first action, {orgs:?}");
        assert!(orgs.contains(&"ouders_onderwijs"), "{clock}: the parents' line, {orgs:?}");
    }
}

/// A child abused at home sees, at night, a line that is open then.
#[test]
fn at_night_a_child_gets_an_open_line_first() {
    let c = content();
    for id in ["out_pp_sexual", "out_crisis_kt", "out_home_child"] {
        let Some(Node::Outcome(o)) = c.node(id) else { panic!("{id}") };
        let now = at(CLOCKS[0]);
        let p = present::plan(o, &c, now);
        let open = p.first.iter().any(|&i| {
            c.org(&o.steps[i].org)
                .and_then(|g| present::best_line(g, now))
                .is_some_and(|ch| present::status(ch.hours.as_ref(), now).is_open())
        });
        assert!(open, "{id}: no open line in Doe dit eerst at 03:00: {:?}", p.first);
    }
}

#[test]
fn primary_bullying_puts_the_kindertelefoon_first() {
    let c = content();
    let Some(Node::Outcome(o)) = c.node("out_pp_bully") else { return };
    let p = present::plan(o, &c, at(CLOCKS[1]));
    let orgs: Vec<&str> = p.first.iter().map(|&i| o.steps[i].org.as_str()).collect();
    assert_eq!(orgs.len(), 2, "{orgs:?}");
    assert!(orgs.contains(&"kindertelefoon"), "{orgs:?}");
}

#[test]
fn deadlines_are_the_readers_own() {
    let c = content();
    let Some(Node::Outcome(o)) = c.node("out_pa_suspension") else { return };
    let d = present::deadlines(o, Lang::Nl);
    assert!(d.iter().any(|(_, s)| s.contains("binnen 6 weken")), "{d:?}");
    assert!(d.iter().all(|(_, s)| !s.contains("moet de school")), "{d:?}");
    let en = present::deadlines(o, Lang::En);
    assert!(en.iter().any(|(_, s)| s.contains("within 6 weeks")), "{en:?}");
    // Others' deadlines and waiting times are not the reader's.
    for n in &c.tree.nodes {
        if let Node::Outcome(o) = n {
            for (_, s) in present::deadlines(o, Lang::Nl) {
                assert!(!s.starts_with("De ") && !s.starts_with("Na "), "{}: {s}", o.id);
            }
        }
    }
}

#[test]
fn organisations_crisis_first_then_a_to_z_and_filter() {
    let c = content();
    let all = present::org_list(&c, Lang::Nl, "", "", "");
    assert_eq!(all.len(), c.directory.organisations.len());
    let pinned: Vec<&str> = all.iter().take(c.tree.always.crisis.len()).map(|o| o.id.as_str()).collect();
    assert_eq!(pinned, c.tree.always.crisis.iter().map(String::as_str).collect::<Vec<_>>());
    let rest: Vec<_> = all.iter().filter(|o| o.kind != OrgKind::Crisis && !c.tree.always.crisis.contains(&o.id)).collect();
    let keys: Vec<String> = rest.iter().map(|o| present::fold(o.name.nl.trim_start_matches("De ").trim_start_matches("Het "))).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "A–Z after the crisis lines");
    let first_other = all.iter().position(|o| o.kind != OrgKind::Crisis).unwrap();
    assert!(all[first_other..].iter().all(|o| o.kind != OrgKind::Crisis), "every crisis line is pinned above");
    // Name filter, number filter (with or without the dash), no match.
    let kt = present::org_list(&c, Lang::Nl, "", "", "kinderTELEFOON");
    assert_eq!(kt.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["kindertelefoon"]);
    assert!(present::org_list(&c, Lang::Nl, "", "", "08000432").iter().any(|o| o.id == "kindertelefoon"));
    assert!(present::org_list(&c, Lang::Nl, "", "", "0800-0432").iter().any(|o| o.id == "kindertelefoon"));
    assert!(present::org_list(&c, Lang::Nl, "", "", "zzzqqq").is_empty());
}

#[test]
fn search_finds_organisations_and_numbers() {
    let c = content();
    let (_, orgs) = present::search(&c, "kindertelefoon", Lang::Nl);
    assert_eq!(orgs.first().map(|o| o.id.as_str()), Some("kindertelefoon"));
    let (_, orgs) = present::search(&c, "veilig thuis", Lang::Nl);
    assert!(orgs.iter().any(|o| o.id == "veilig_thuis"), "{orgs:?}");
    let (topics, _) = present::search(&c, "gepest", Lang::Nl);
    assert!(!topics.is_empty());
    let (t, o) = present::search(&c, "ab", Lang::Nl);
    assert!(t.is_empty() && o.is_empty(), "needs 3 characters");
    let (t, o) = present::search(&c, "xyzzy", Lang::Nl);
    assert!(t.is_empty() && o.is_empty());
}

#[test]
fn an_open_line_at_any_hour() {
    let c = content();
    for clock in CLOCKS {
        let (org, ch) = present::open_line(&c, at(clock)).expect("a line open now");
        assert!(org.human);
        assert_ne!(ch.value, "112");
        assert!(matches!(present::status(ch.hours.as_ref(), at(clock)), Open::Always | Open::Until(_)));
    }
}

#[test]
fn escape_options() {
    let c = content();
    let start = match c.node(&c.tree.start) {
        Some(Node::Question(q)) => q,
        _ => panic!(),
    };
    let escapes: Vec<&str> = start.options.iter().filter(|o| present::is_escape(&c, &o.next)).map(|o| o.id.as_str()).collect();
    assert!(escapes.len() < start.options.len());
    for o in &start.options {
        if wegwijzer_core::Audience::parse(&o.id).is_some() {
            assert!(!escapes.contains(&o.id.as_str()), "{} is an audience, not an escape", o.id);
        }
    }
}
