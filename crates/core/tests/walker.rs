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
fn back_is_the_previous_step_of_the_derived_path() {
    // The app's Back (browser or link) shows step n-1 of the path the answers derive.
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "bully", "no"]).unwrap();
    assert_eq!(w.node_at(&c, 4).unwrap().id(), "sec-online");
    assert_eq!(w.node_at(&c, 3).unwrap().id(), "sec-bully");
    assert_eq!(w.node_at(&c, 1).unwrap().id(), "start");
    assert!(w.node_at(&c, 0).is_none(), "no step before the entry");
    assert!(w.node_at(&c, 5).is_none(), "no step past the current one");
}

#[test]
fn steps_out_of_range_show_the_furthest_step() {
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "bully", "no"]).unwrap();
    assert_eq!(w.clamp_step(&c, 2), 2);
    assert_eq!(w.clamp_step(&c, 4), 4);
    assert_eq!(w.clamp_step(&c, 5), 4, "a step that does not exist yet");
    assert_eq!(w.clamp_step(&c, 0), 4);
    assert_eq!(Walk::new("start").clamp_step(&c, 7), 1);
    assert_eq!(Walk::new("no-such-node").clamp_step(&c, 3), 1, "a walk that does not fit the content");
}

#[test]
fn the_title_says_outcome_only_on_an_outcome() {
    let c = common::content();
    let w = walk(&c, "start", &["pupil_secondary", "bully", "no", "no"]).unwrap();
    assert_eq!(w.current(&c).unwrap().id(), "out-school");
    assert!(w.is_outcome_at(&c, 5));
    assert!(!w.is_outcome_at(&c, 4));
    assert!(!w.is_outcome_at(&c, 6), "past the end is no outcome");
    assert!(!w.is_outcome_at(&c, 0));
}

#[test]
fn choose_extends_at_the_end_and_changes_earlier() {
    let c = common::content();
    let mut w = walk(&c, "start", &["pupil_secondary", "bully", "no"]).unwrap();
    // At the end (step 4 = sec-online): an answer, nothing pruned.
    assert!(w.choose(&c, 4, "sec-online", "yes").unwrap().is_empty());
    assert_eq!(w.current(&c).unwrap().id(), "sec-notice");
    // Earlier (step 3 = sec-bully): a change that prunes sec-online.
    assert_eq!(w.choose(&c, 3, "sec-bully", "yes").unwrap(), vec!["sec-online".to_string()]);
    assert_eq!(w.path(&c).unwrap(), vec!["start", "sec-what", "sec-bully", "sec-notice"]);
    // A choice the node does not have changes nothing.
    let before = w.clone();
    assert!(w.choose(&c, 2, "sec-what", "no-such-choice").is_err());
    assert_eq!(w, before);
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
    assert!(!w.answers.iter().any(|a| a.node == "sec-online"));
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
