//! Walker: one block per operation, given answers → expected node.
mod common;
use wegwijzer_core::walker::{route_to, walk, Answer, Walk, WalkError};
use wegwijzer_core::{Audience, Node};

#[test]
fn start_answer_next_and_outcome() {
    let c = common::content();
    let mut w = Walk::new("start");
    assert_eq!(w.current(&c).unwrap().id(), "start");
    assert_eq!(w.step_number(), 1);
    w.answer(&c, "pupil_secondary").unwrap();
    w.answer(&c, "bully").unwrap();
    w.answer(&c, "yes").unwrap();
    assert!(matches!(w.current(&c).unwrap(), Node::Info(_)));
    w.answer(&c, "continue").unwrap();
    assert!(matches!(w.current(&c).unwrap(), Node::Outcome(o) if o.id == "out-school"));
    assert_eq!(w.path(&c).unwrap(), vec!["start", "sec-what", "sec-bully", "sec-notice", "out-school"]);
    assert_eq!(w.step_number(), 5);
    assert_eq!(w.audience(&c), Some(Audience::PupilSecondary));
    assert_eq!(w.answer(&c, "x"), Err(WalkError::AtOutcome("out-school".into())));
}

#[test]
fn unknown_choice_is_refused_and_changes_nothing() {
    let c = common::content();
    let mut w = walk(&c, "start", &["parent"]).unwrap();
    let before = w.clone();
    assert!(matches!(w.answer(&c, "nope"), Err(WalkError::UnknownChoice { .. })));
    assert!(w.answer(&c, "continue").is_err());
    assert_eq!(w, before);
}

#[test]
fn dont_know_follows_its_own_next() {
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "dont_know"]).unwrap();
    assert_eq!(w.current(&c).unwrap().id(), "out-helpdesk");
    assert!(walk(&c, "start", &["parent", "dont_know"]).is_err(), "par-what has no dont_know");
}

#[test]
fn back_is_deterministic() {
    let c = common::content();
    let mut w = walk(&c, "start", &["pupil_secondary", "bully", "no"]).unwrap();
    assert_eq!(w.current(&c).unwrap().id(), "sec-online");
    assert!(w.back());
    assert_eq!(w.current(&c).unwrap().id(), "sec-bully");
    assert!(w.back());
    assert!(w.back());
    assert_eq!(w.current(&c).unwrap().id(), "start");
    assert!(!w.back(), "no back at the entry");
}

#[test]
fn change_prunes_answers_no_longer_on_the_path() {
    let c = common::content();
    // sec-bully: no → sec-online: yes → sec-notice
    let mut w = walk(&c, "start", &["pupil_secondary", "bully", "no", "yes"]).unwrap();
    assert_eq!(w.current(&c).unwrap().id(), "sec-notice");
    // Changing sec-bully to "yes" skips sec-online: its answer is pruned.
    let pruned = w.change(&c, "sec-bully", "yes").unwrap();
    assert_eq!(pruned, vec!["sec-online".to_string()]);
    assert_eq!(w.path(&c).unwrap(), vec!["start", "sec-what", "sec-bully", "sec-notice"]);
    assert_eq!(w.answer_at("sec-online"), None);
}

#[test]
fn change_keeps_answers_still_on_the_path() {
    let c = common::content();
    let mut w = walk(&c, "start", &["pupil_secondary", "bully", "no", "no"]).unwrap();
    // Same answer: nothing changes.
    assert!(w.change(&c, "sec-bully", "no").unwrap().is_empty());
    assert_eq!(w.current(&c).unwrap().id(), "out-school");
    // Change the first answer to parent: everything after is off the path.
    let pruned = w.change(&c, "start", "parent").unwrap();
    assert_eq!(pruned.len(), 3);
    assert_eq!(w.current(&c).unwrap().id(), "par-what");
    assert!(matches!(w.change(&c, "sec-online", "yes"), Err(WalkError::NotAnswered(_))));
    assert!(matches!(w.change(&c, "start", "bogus"), Err(WalkError::UnknownChoice { .. })));
}

#[test]
fn restore_keeps_the_valid_prefix() {
    let c = common::content();
    let answers = vec![
        Answer { node: "start".into(), choice: "pupil_secondary".into() },
        Answer { node: "sec-what".into(), choice: "bully".into() },
        Answer { node: "sec-bully".into(), choice: "removed-option".into() },
        Answer { node: "sec-online".into(), choice: "yes".into() },
    ];
    let (w, dropped) = Walk::restore(&c, "start", &answers).unwrap();
    assert_eq!(w.answers.len(), 2);
    assert_eq!(dropped, 2);
    assert_eq!(w.current(&c).unwrap().id(), "sec-bully");
    assert!(Walk::restore(&c, "gone", &answers).is_none());
}

#[test]
fn off_path_answers_are_reported() {
    let c = common::content();
    let w = Walk { entry: "start".into(), answers: vec![Answer { node: "sec-what".into(), choice: "bully".into() }] };
    assert!(matches!(w.path(&c), Err(WalkError::OffPath { .. })));
}

#[test]
fn topic_route_replays_as_clicks() {
    let c = common::content();
    let r = route_to(&c, "start", "pupil_secondary", "sec-bully").unwrap();
    let w = Walk { entry: "start".into(), answers: r };
    assert_eq!(w.current(&c).unwrap().id(), "sec-bully");
    assert_eq!(w.answers.len(), 2);
    assert!(route_to(&c, "start", "parent", "sec-bully").is_none());
}

#[test]
fn crisis_walk_and_sensitivity() {
    let c = common::content();
    let w = walk(&c, "crisis", &["danger"]).unwrap();
    assert_eq!(w.current(&c).unwrap().id(), "out-112");
    assert!(w.is_sensitive(&c));
    assert!(!walk(&c, "crisis", &["no"]).unwrap().is_sensitive(&c));
}
