//! The words of dates and opening hours ("ma–vr", "Nu open tot 21:00", "29 november 2026")
//! per language. Dutch and English are built in (the CLI, native tests and the screens
//! before content loads use them); every other language's words come from the signed
//! content (`site.json` `ui`, keys listed in [`KEYS`]) and are registered once when that
//! content is accepted ([`register`]). A language without registered words uses English.

use crate::model::Lang;
use std::sync::RwLock;

/// Time words of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// Short day names, Monday first ("ma", "Mon").
    pub days_short: [String; 7],
    /// Day names, Monday first ("maandag").
    pub days: [String; 7],
    pub months: [String; 12],
    /// "elke dag".
    pub every_day: String,
    /// Hours line of a 24/7 line: "Dag en nacht bereikbaar".
    pub open_247: String,
    /// Status of a 24/7 line: "Dag en nacht".
    pub always: String,
    /// "Nu open tot {day}{time}" ({day} is "", "morgen " or "maandag ").
    pub open_until: String,
    /// "Nu dicht · weer open {day}om {time}".
    pub closed_opens: String,
    /// "Nu dicht".
    pub closed: String,
    /// "Tijden: zie website".
    pub unknown: String,
    /// "morgen".
    pub tomorrow: String,
    /// After an exception date: "gesloten".
    pub closed_day: String,
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

fn arr<const N: usize>(a: [&str; N]) -> [String; N] {
    a.map(str::to_string)
}

impl Words {
    pub fn nl() -> Words {
        Words {
            days_short: arr(["ma", "di", "wo", "do", "vr", "za", "zo"]),
            days: arr(["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]),
            months: arr([
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
            ]),
            every_day: "elke dag".into(),
            open_247: "Dag en nacht bereikbaar".into(),
            always: "Dag en nacht".into(),
            open_until: "Nu open tot {day}{time}".into(),
            closed_opens: "Nu dicht · weer open {day}om {time}".into(),
            closed: "Nu dicht".into(),
            unknown: "Tijden: zie website".into(),
            tomorrow: "morgen".into(),
            closed_day: "gesloten".into(),
        }
    }
    pub fn en() -> Words {
        Words {
            days_short: arr(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
            days: arr(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
            months: arr([
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ]),
            every_day: "every day".into(),
            open_247: "Open 24/7".into(),
            always: "Day and night".into(),
            open_until: "Open now until {day}{time}".into(),
            closed_opens: "Closed now · opens {day}at {time}".into(),
            closed: "Closed now".into(),
            unknown: "Hours: see website".into(),
            tomorrow: "tomorrow".into(),
            closed_day: "closed".into(),
        }
    }

    /// Words from a lookup of `ui` keys ([`KEYS`]): `text(key)` for single texts, `list(key)`
    /// for the day and month lists. `None` when a key is missing or a list has the wrong length.
    pub fn from_ui(text: impl Fn(&str) -> Option<String>, list: impl Fn(&str) -> Option<Vec<String>>) -> Option<Words> {
        let days_short: [String; 7] = list(KEYS[0])?.try_into().ok()?;
        let days: [String; 7] = list(KEYS[1])?.try_into().ok()?;
        let months: [String; 12] = list(KEYS[2])?.try_into().ok()?;
        Some(Words {
            days_short,
            days,
            months,
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
        return f(&Words::nl());
    }
    if lang != Lang::En {
        if let Ok(r) = REGISTERED.read() {
            if let Some((_, w)) = r.iter().find(|(l, _)| *l == lang) {
                return f(w);
            }
        }
    }
    f(&Words::en())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_words_are_used_and_unknown_languages_fall_back_to_english() {
        let pl = Lang::parse("pl").unwrap();
        assert_eq!(with(pl, |w| w.tomorrow.clone()), "tomorrow");
        let mut w = Words::en();
        w.tomorrow = "jutro".into();
        register(pl, w);
        assert_eq!(with(pl, |w| w.tomorrow.clone()), "jutro");
        assert_eq!(with(Lang::Nl, |w| w.tomorrow.clone()), "morgen");
        // Built-in languages cannot be replaced by content.
        let mut x = Words::en();
        x.tomorrow = "x".into();
        register(Lang::Nl, x);
        assert_eq!(with(Lang::Nl, |w| w.tomorrow.clone()), "morgen");
    }
}
