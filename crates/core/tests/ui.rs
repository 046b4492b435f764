//! The interface strings come from `content/site.json`: every key the app uses is there in
//! Dutch and English, and `Ui::from_site` puts each string in its own field.
mod common;

use wegwijzer_core::ui::Ui;
use wegwijzer_core::Lang;

#[test]
fn every_field_gets_its_own_key_in_every_language_with_dutch_as_fallback() {
    let site = common::real_site();
    for lang in site.languages.iter().map(|l| l.code) {
        let ui = Ui::from_site(&site, lang);
        let want = |k: &str| site.ui.get(k).unwrap().in_lang(lang).to_string();
        // First, middle and last field: the lookup loop and the fields are in the same order.
        assert_eq!(ui.exit, want("exit"), "{}", lang.code());
        assert_eq!(ui.do_first, want("do_first"), "{}", lang.code());
        assert_eq!(ui.lang_unavailable, want("lang_unavailable"), "{}", lang.code());
        assert_eq!(ui.audience_names.len(), 5);
        assert!(ui.audience_names.iter().chain(ui.stage_names.iter()).all(|s| !s.is_empty()));
    }
    for k in Ui::KEYS {
        let t = site.ui.get(*k).unwrap();
        assert!(!t.nl.trim().is_empty() && t.en().is_some_and(|e| !e.trim().is_empty()), "{k} in Dutch and English");
    }
    // A language the site does not have: Dutch.
    let xx = Ui::from_site(&site, Lang::parse("xx").unwrap());
    assert_eq!(xx.exit, "Snel weg");
}
