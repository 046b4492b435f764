//! No panics: arbitrary answers into the walker and arbitrary text into progress and markup.
mod common;
use proptest::prelude::*;
use wegwijzer_core::walker::{Answer, Walk};
use wegwijzer_core::{markup, progress};

proptest! {
    #[test]
    fn walker_never_panics(choices in proptest::collection::vec("[a-z_]{0,16}", 0..12), changes in proptest::collection::vec(("[a-z-]{0,10}", "[a-z_]{0,10}"), 0..4)) {
        let c = common::content();
        let mut w = Walk::new("start");
        for ch in &choices { let _ = w.answer(&c, ch); }
        for (n, ch) in &changes { let _ = w.change(&c, n, ch); }
        let _ = w.path(&c);
        for n in 0..choices.len() + 3 {
            let shown = w.clamp_step(&c, n);
            prop_assert!(shown >= 1 && w.node_at(&c, shown).is_some() || w.path(&c).is_err());
            let _ = w.is_outcome_at(&c, n);
        }
        let mut w2 = w.clone();
        for (n, ch) in &changes { let _ = w2.choose(&c, choices.len() % 5, n, ch); }
        let answers: Vec<Answer> = choices.iter().map(|ch| Answer { node: ch.clone(), choice: ch.clone() }).collect();
        let _ = Walk::restore(&c, "start", &answers);
    }

    #[test]
    fn progress_and_markup_never_panic(s in "\\PC{0,300}") {
        let c = common::content();
        let _ = progress::restore(&s, &c, 1, 0);
        let _ = markup::parse(&s);
        let _ = markup::plain(&s);
        #[cfg(feature = "serde")]
        {
            let _ = wegwijzer_core::load::parse_tree(s.as_bytes());
            let _ = wegwijzer_core::load::parse_directory(s.as_bytes());
        }
        let _ = wegwijzer_core::load::read_tree(s.as_bytes());
        let _ = wegwijzer_core::load::read_directory(s.as_bytes());
    }
}
