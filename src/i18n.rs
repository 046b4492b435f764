//! Interface strings. They come from the signed content (`site.json`, see
//! `wegwijzer_core::ui`), so they are edited, translated and signed with it and take no bytes
//! here. Only the few strings of the screens that can appear before content is accepted
//! (loading, the failure screen, the header, quick exit) are built in, in Dutch and English.
//!
//! Accepted content is installed once per language ([`install`]): its `Site` is leaked to get
//! `&'static` strings, so views keep reading `ui(lang).exit` as a `&'static str`. That is one
//! copy per (content version, language) a session actually uses, kept in [`INSTALLED`].

use std::cell::RefCell;
use wegwijzer_core::{words, Lang, Site};

pub type Ui = wegwijzer_core::ui::Ui<'static>;

thread_local! {
    /// (content version, language, strings), newest first.
    static INSTALLED: RefCell<Vec<(u64, Lang, &'static Ui)>> = const { RefCell::new(Vec::new()) };
    static BOOT: [&'static Ui; 2] = [boot(Lang::Nl), boot(Lang::En)];
    /// The content's languages with their own names ("العربية").
    static NAMES: RefCell<Vec<(Lang, &'static str)>> = const { RefCell::new(Vec::new()) };
}

fn boot(lang: Lang) -> &'static Ui {
    let ui = if lang == Lang::Nl {
        Ui {
            exit: "Snel weg",
            exit_hint: "of druk 3 keer op Shift",
            exit_progress_1: "Snel weg: druk nog 2 keer op Shift.",
            exit_progress_2: "Snel weg: druk nog 1 keer op Shift.",
            crisis_button: "Ben je nu in gevaar?",
            loading: "Even laden…",
            failure_title: "Er ging iets mis",
            failure_body: "De Wegwijzer kan nu niet laden. Je kunt wel altijd iemand bellen.",
            retry: "Probeer opnieuw",
            offline: "Offline",
            storage_unavailable: "Je antwoorden kunnen op dit apparaat niet worden onthouden. De Wegwijzer werkt wel gewoon.",
            notice_offline_cached: "Je bent offline. Je ziet de informatie die eerder is gecontroleerd.",
            notice_unverified: "De nieuwste informatie kon niet worden gecontroleerd. Je ziet de laatste versie die wel klopte.",
            notice_stale: "Let op: deze informatie is misschien niet meer actueel.",
            update_ready: "Nieuwe versie beschikbaar",
            update_button: "Vernieuwen",
            nav_label: "Meer",
            nav_start: "Naar het begin",
            nav_orgs: "Alle organisaties",
            nav_overview: "In één oogopslag",
            nav_safety: "Privacy en veiligheid",
            nav_a11y: "Toegankelijkheid",
            nav_about: "Over de Wegwijzer",
            nav_schools: "Voor scholen",
            help_title: "Praat met iemand",
            crisis_title: "Direct hulp nodig?",
            step: "Vraag",
            outcome_title: "Jouw route",
            answers_title: "Je antwoorden",
            lang_menu: "Taal",
            read_aloud: "Lees voor",
            stop_reading: "Stop met voorlezen",
            ..Ui::default()
        }
    } else {
        Ui {
            exit: "Leave now",
            exit_hint: "or press Shift 3 times",
            exit_progress_1: "Leave now: press Shift 2 more times.",
            exit_progress_2: "Leave now: press Shift 1 more time.",
            crisis_button: "Are you in danger right now?",
            loading: "Loading…",
            failure_title: "Something went wrong",
            failure_body: "The Wegwijzer cannot load right now. You can always call someone.",
            retry: "Try again",
            offline: "Offline",
            storage_unavailable: "Your answers cannot be remembered on this device. The Wegwijzer still works.",
            notice_offline_cached: "You are offline. You see information that was checked earlier.",
            notice_unverified: "The newest information could not be checked. You see the last version that was correct.",
            notice_stale: "Note: this information may be out of date.",
            update_ready: "New version available",
            update_button: "Refresh",
            nav_label: "More",
            nav_start: "Back to the start",
            nav_orgs: "All organisations",
            nav_overview: "At a glance",
            nav_safety: "Privacy and safety",
            nav_a11y: "Accessibility",
            nav_about: "About the Wegwijzer",
            nav_schools: "For schools",
            help_title: "Talk to someone",
            crisis_title: "Need help right now?",
            step: "Question",
            outcome_title: "Your route",
            answers_title: "Your answers",
            lang_menu: "Language",
            read_aloud: "Read aloud",
            stop_reading: "Stop reading",
            ..Ui::default()
        }
    };
    Box::leak(Box::new(ui))
}

/// Make the strings of `site` in `lang` (and its time words) the interface of content
/// `version`. Called when a bundle is accepted, for the language it was opened in.
pub fn install(site: &std::sync::Arc<Site>, version: u64, lang: Lang) {
    if INSTALLED.with_borrow(|v| v.iter().any(|(ver, l, _)| *ver == version && *l == lang)) {
        return;
    }
    // Kept alive for the rest of the page (a shared handle, not a copy of the site).
    let site: &'static Site = Box::leak(Box::new(site.clone()));
    let ui: &'static Ui = Box::leak(Box::new(Ui::from_site(site, lang)));
    NAMES.with_borrow_mut(|n| *n = site.languages.iter().map(|l| (l.code, l.name.as_str())).collect());
    let text = |k: &str| site.ui.get(k).map(|t| t.in_lang(lang));
    let list = |k: &str| site.ui_lists.get(k).map(|t| t.in_lang(lang));
    if let Some(w) = words::Words::from_ui(&text, &list) {
        words::register(lang, w);
    }
    INSTALLED.with_borrow_mut(|v| {
        v.retain(|(ver, _, _)| *ver == version);
        v.insert(0, (version, lang, ui));
    });
}

/// The interface in `lang`: from the installed content, else its Dutch, else built in.
pub fn ui(lang: Lang) -> &'static Ui {
    INSTALLED
        .with_borrow(|v| v.iter().find(|(_, l, _)| *l == lang).or_else(|| v.iter().find(|(_, l, _)| *l == Lang::Nl)).map(|x| x.2))
        .unwrap_or_else(|| BOOT.with(|b| if lang == Lang::Nl { b[0] } else { b[1] }))
}

/// A language's name in itself, as the content lists it (else its code).
pub fn language_name(lang: Lang) -> String {
    NAMES.with_borrow(|n| n.iter().find(|(l, _)| *l == lang).map(|(_, s)| s.to_string())).unwrap_or_else(|| lang.code().to_string())
}
