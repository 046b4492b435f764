//! The words of dates and opening hours ("ma–vr", "Nu open tot 21:00", "29 november 2026")
//! per language. Dutch and English are built in (the CLI, native tests and the screens
//! before content loads use them); every other language's words come from the signed
//! content (`site.json` `ui`, keys listed in [`KEYS`]) and are registered once when that
//! content is accepted ([`register`]). A language without registered words uses English.

use crate::model::Lang;
use std::sync::RwLock;

/// Time words of one language. Static strings: Dutch and English are constants, and a
/// language registered from content keeps its words for the rest of the session (leaked once
/// per language, like the interface strings), so looking them up copies nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// Short day names, Monday first ("ma", "Mon").
    pub days_short: [&'static str; 7],
    /// Day names, Monday first ("maandag").
    pub days: [&'static str; 7],
    pub months: [&'static str; 12],
    /// "Elke dag": said at the start of an opening-hours line, so written with its capital (the
    /// app has no Unicode case tables; see `hours::describe`).
    pub every_day: &'static str,
    /// Hours line of a 24/7 line: "Dag en nacht bereikbaar".
    pub open_247: &'static str,
    /// Status of a 24/7 line: "Dag en nacht".
    pub always: &'static str,
    /// "Nu open tot {day}{time}" ({day} is "", "morgen " or "maandag ").
    pub open_until: &'static str,
    /// "Nu dicht · weer open {day}om {time}".
    pub closed_opens: &'static str,
    /// "Nu dicht".
    pub closed: &'static str,
    /// "Tijden: zie website".
    pub unknown: &'static str,
    /// "morgen".
    pub tomorrow: &'static str,
    /// After an exception date: "gesloten".
    pub closed_day: &'static str,
}

/// The `ui` keys in `site.json` that hold a language's [`Words`] (lists for the first three).
pub const KEYS: [&str; 12] = [
    "time_days_short",
    "time_days",
    "time_months",
    "time_every_day",
    "time_open_247",
    "time_always",
    "time_open_until",
    "time_closed_opens",
    "time_closed",
    "time_unknown",
    "time_tomorrow",
    "time_closed_day",
];

impl Words {
    pub const NL: Words = Words {
        days_short: ["ma", "di", "wo", "do", "vr", "za", "zo"],
        days: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        months: [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        every_day: "Elke dag",
        open_247: "Dag en nacht bereikbaar",
        always: "Dag en nacht",
        open_until: "Nu open tot {day}{time}",
        closed_opens: "Nu dicht · weer open {day}om {time}",
        closed: "Nu dicht",
        unknown: "Tijden: zie website",
        tomorrow: "morgen",
        closed_day: "gesloten",
    };
    pub const EN: Words = Words {
        days_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        every_day: "Every day",
        open_247: "Open 24/7",
        always: "Day and night",
        open_until: "Open now until {day}{time}",
        closed_opens: "Closed now · opens {day}at {time}",
        closed: "Closed now",
        unknown: "Hours: see website",
        tomorrow: "tomorrow",
        closed_day: "closed",
    };

    /// Words from a lookup of `ui` keys ([`KEYS`]) in content kept for the session (the app's
    /// installed `Site`): `text(key)` for single texts, `list(key)` for the day and month lists.
    /// `None` when a key is missing or a list has the wrong length.
    pub fn from_ui(text: &dyn Fn(&str) -> Option<&'static str>, list: &dyn Fn(&str) -> Option<&'static [String]>) -> Option<Words> {
        fn arr<const N: usize>(l: &'static [String]) -> Option<[&'static str; N]> {
            l.iter().map(String::as_str).collect::<Vec<_>>().try_into().ok()
        }
        Some(Words {
            days_short: arr(list(KEYS[0])?)?,
            days: arr(list(KEYS[1])?)?,
            months: arr(list(KEYS[2])?)?,
            every_day: text(KEYS[3])?,
            open_247: text(KEYS[4])?,
            always: text(KEYS[5])?,
            open_until: text(KEYS[6])?,
            closed_opens: text(KEYS[7])?,
            closed: text(KEYS[8])?,
            unknown: text(KEYS[9])?,
            tomorrow: text(KEYS[10])?,
            closed_day: text(KEYS[11])?,
        })
    }
}

static REGISTERED: RwLock<Vec<(Lang, Words)>> = RwLock::new(Vec::new());

/// Make `w` the words of `lang` (replacing earlier ones). Dutch and English stay built in.
pub fn register(lang: Lang, w: Words) {
    if lang == Lang::Nl || lang == Lang::En {
        return;
    }
    let Ok(mut r) = REGISTERED.write() else { return };
    r.retain(|(l, _)| *l != lang);
    r.push((lang, w));
}

/// Run `f` with the words of `lang`: built in for Dutch and English, registered for others,
/// else English.
pub fn with<R>(lang: Lang, f: impl FnOnce(&Words) -> R) -> R {
    if lang == Lang::Nl {
        return f(&Words::NL);
    }
    if lang != Lang::En {
        if let Ok(r) = REGISTERED.read() {
            if let Some((_, w)) = r.iter().find(|(l, _)| *l == lang) {
                return f(w);
            }
        }
    }
    f(&Words::EN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_words_are_used_and_unknown_languages_fall_back_to_english() {
        let pl = Lang::parse("pl").unwrap();
        assert_eq!(with(pl, |w| w.tomorrow), "tomorrow");
        let mut w = Words::EN;
        w.tomorrow = "jutro";
        register(pl, w);
        assert_eq!(with(pl, |w| w.tomorrow), "jutro");
        assert_eq!(with(Lang::Nl, |w| w.tomorrow), "morgen");
        // Built-in languages cannot be replaced by content.
        let mut x = Words::EN;
        x.tomorrow = "x";
        register(Lang::Nl, x);
        assert_eq!(with(Lang::Nl, |w| w.tomorrow), "morgen");
    }
}
