//! Opening hours: validation, "nu open / nu gesloten", and short human descriptions.
//!
//! # Format (see [`crate::model::Hours`])
//!
//! - `tz` must be `"Europe/Amsterdam"`, the only zone the app computes.
//! - `always: true` means a 24/7 line; `weekly` must then be empty.
//! - Otherwise `weekly` holds one or more ranges `{ "days", "from", "to" }`:
//!   - `days` is a comma-separated list of items without spaces, each a day
//!     (`mon tue wed thu fri sat sun`, lower case) or a range of days `mon-fri`
//!     (start before or equal to end; a range does not wrap past Sunday: write
//!     `fri-sun,mon` instead of `fri-mon`). A day may appear only once per `days`.
//!     Examples: `"mon-fri"`, `"sat"`, `"mon,wed"`, `"mon-thu,sat"`, `"mon-sun"`.
//!   - `from` and `to` are `HH:MM` (24-hour clock, local Amsterdam time); `to` may be
//!     `24:00` (until midnight) and must be later than `from`. A range never crosses
//!     midnight: split 22:00–02:00 into `22:00`–`24:00` on one day and `00:00`–`02:00`
//!     on the next. Several ranges may cover the same day (a lunch break).
//! - `exceptions` hold dates (`YYYY-MM-DD`, each at most once) whose hours replace the
//!   weekly rule (and `always`) for that whole local date; an empty `open` list means
//!   closed all day.
//!
//! The values are parsed once, when the content is read ([`crate::model::Days`],
//! [`crate::model::HhMm`], [`crate::model::IsoDate`] keep the text and its parsed form);
//! [`is_open`], [`open_in_week`], [`describe`] and the screens' [`crate::present::status`]
//! only compare numbers. [`validate_hours`] (lint) names what is wrong in the text.
//!
//! During the autumn DST switch the local hour 02:00–03:00 happens twice and in spring
//! it does not happen; [`is_open`] uses the wall clock, which is what a helpline's
//! "open 09:00–17:00" means.

use crate::model::{Days, HhMm, Hours, HoursException, Lang, TimeRange, WeeklyRange};
use crate::time::amsterdam_local;
use crate::why;

/// The only time zone the app computes.
pub const TZ: &str = "Europe/Amsterdam";

const DAY_IDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];

fn day_index(s: &str) -> Option<usize> {
    DAY_IDS.iter().position(|d| *d == s)
}

/// Parse a `days` expression into a 7-element mask (0 = Monday).
pub fn parse_days(s: &str) -> Result<[bool; 7], String> {
    let mut mask = [false; 7];
    if s.is_empty() {
        return Err(why(|| "days is empty; use e.g. \"mon-fri\", \"sat\" or \"mon,wed\"".into()));
    }
    for item in s.split(',') {
        let (a, b) = match item.split_once('-') {
            Some((a, b)) => (a, b),
            None => (item, item),
        };
        let (Some(ia), Some(ib)) = (day_index(a), day_index(b)) else {
            return Err(why(|| {
                format!(
                    "days \"{s}\": \"{item}\" is not a day or day range; use mon tue wed thu fri sat sun, \
                 ranges like mon-fri, items separated by commas without spaces"
                )
            }));
        };
        if ia > ib {
            return Err(why(|| {
                format!("days \"{s}\": range \"{item}\" runs backwards; ranges do not wrap past Sunday, write e.g. \"fri-sun,mon\"")
            }));
        }
        for (i, slot) in mask.iter_mut().enumerate().take(ib + 1).skip(ia) {
            if *slot {
                return Err(why(|| format!("days \"{s}\": {} appears twice", DAY_IDS[i])));
            }
            *slot = true;
        }
    }
    Ok(mask)
}

/// `HH:MM` → minutes since midnight, 0..=1440 (`24:00` = 1440 only when `allow_24`).
pub fn parse_hhmm(s: &str, allow_24: bool) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' || !b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit()) {
        return None;
    }
    let h = ((b[0] - b'0') * 10 + (b[1] - b'0')) as u32;
    let m = ((b[3] - b'0') * 10 + (b[4] - b'0')) as u32;
    if h == 24 && m == 0 && allow_24 {
        return Some(1440);
    }
    if h > 23 || m > 59 {
        return None;
    }
    Some(h * 60 + m)
}

/// A range `from`–`to` in minutes since midnight (`from` before 24:00, `to` later than
/// `from`), or why not. No parsing: the times were parsed when the content was read.
pub(crate) fn range(from: &HhMm, to: &HhMm) -> Result<(u32, u32), String> {
    let f =
        from.parsed().filter(|&m| m < 1440).ok_or_else(|| why(|| format!("from \"{from}\" is not a time; use HH:MM, 00:00 to 23:59")))?;
    let t = to.parsed().ok_or_else(|| why(|| format!("to \"{to}\" is not a time; use HH:MM, 00:01 to 24:00")))?;
    if t <= f {
        return Err(why(|| format!("{from}–{to}: to must be later than from; ranges cannot cross midnight, split them at 24:00")));
    }
    Ok((f, t))
}

/// Check an [`Hours`] value. The error says what is wrong and how to write it.
pub fn validate_hours(h: &Hours) -> Result<(), String> {
    if h.tz != TZ {
        return Err(why(|| format!("tz is \"{}\"; it must be \"{TZ}\"", h.tz)));
    }
    if h.always && !h.weekly.is_empty() {
        return Err(why(|| "always is true and weekly is not empty; remove weekly (or set always to false)".into()));
    }
    if !h.always && h.weekly.is_empty() && h.exceptions.is_empty() {
        return Err(why(|| "no hours given; set \"always\": true, add weekly ranges, or remove hours".into()));
    }
    for (i, w) in h.weekly.iter().enumerate() {
        if w.days.parsed().is_none() {
            // Parsed again only to say why (the error path of lint).
            parse_days(&w.days).map_err(|e| why(|| format!("weekly[{i}]: {e}")))?;
        }
        range(&w.from, &w.to).map_err(|e| why(|| format!("weekly[{i}]: {e}")))?;
    }
    for (i, e) in h.exceptions.iter().enumerate() {
        let d = e.date.parsed().ok_or_else(|| why(|| format!("exceptions[{i}]: date \"{}\" is not a date; use YYYY-MM-DD", e.date)))?;
        if h.exceptions[..i].iter().any(|p| p.date.parsed() == Some(d)) {
            return Err(why(|| format!("exceptions[{i}]: date {} appears twice; merge them", e.date)));
        }
        for (j, r) in e.open.iter().enumerate() {
            range(&r.from, &r.to).map_err(|err| why(|| format!("exceptions[{i}].open[{j}]: {err}")))?;
        }
    }
    Ok(())
}

fn in_ranges(ranges: &[TimeRange], minute: u32) -> bool {
    ranges.iter().any(|r| matches!(range(&r.from, &r.to), Ok((f, t)) if f <= minute && minute < t))
}

/// Is the channel open at `unix_now`? `None` when the hours are invalid (the UI then
/// shows the hours without "nu open / nu gesloten").
pub fn is_open(h: &Hours, unix_now: i64) -> Option<bool> {
    validate_hours(h).ok()?;
    let local = amsterdam_local(unix_now);
    if let Some(e) = h.exceptions.iter().find(|e| e.date.parsed() == Some(local.days)) {
        return Some(in_ranges(&e.open, local.minutes_of_day));
    }
    Some(open_in_week(h, local.weekday as usize, local.minutes_of_day))
}

/// Is the channel open by its weekly rule (or `always`) on `weekday` (0 = Monday) at `minute`
/// past local midnight? Exceptions (holidays) are not applied: this is the rule the content
/// promises for an ordinary week (the `crisis-coverage` lint and the scenario table use it).
/// Invalid ranges count as closed.
pub fn open_in_week(h: &Hours, weekday: usize, minute: u32) -> bool {
    if h.always {
        return true;
    }
    h.weekly.iter().any(|w| {
        w.days.parsed().is_some_and(|mask| mask.get(weekday).copied().unwrap_or(false))
            && matches!(range(&w.from, &w.to), Ok((f, t)) if f <= minute && minute < t)
    })
}

/// Short day name ("ma" / "Mon") for weekday 0 = Monday.
pub fn day_name(weekday: usize, lang: Lang) -> String {
    crate::words::with(lang, |w| w.days_short[weekday % 7].to_string())
}

/// `"zo 03:00"` (Dutch day names, as in the scenario table) → (weekday 0 = Monday, minute).
pub fn parse_week_time(s: &str) -> Option<(usize, u32)> {
    let (d, t) = s.trim().split_once(' ')?;
    let day = DAY_NL.iter().position(|x| *x == d.trim())?;
    Some((day, parse_hhmm(t.trim(), false)?))
}

/// `"mon-fri"` → "ma–vr" / "Mon–Fri"; `"mon-sun"` → "Elke dag" / "Every day".
pub fn describe_days(days: &str, lang: Lang) -> String {
    crate::words::with(lang, |w| days_in(&Days::from(days), w))
}

fn days_in(days: &Days, w: &crate::words::Words) -> String {
    let names = &w.days_short;
    let Some(mask) = days.parsed() else {
        return days.to_string();
    };
    if mask.iter().all(|&d| d) {
        return w.every_day.to_string();
    }
    // Runs of consecutive days: length 1 → "ma", 2 → "ma, di", ≥3 → "ma–wo".
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !mask[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < 7 && mask[i + 1] {
            i += 1;
        }
        match i - start {
            0 => parts.push(names[start].to_string()),
            1 => {
                parts.push(names[start].to_string());
                parts.push(names[i].to_string());
            }
            _ => parts.push(format!("{}–{}", names[start], names[i])),
        }
        i += 1;
    }
    parts.join(", ")
}

fn describe_times<'a>(ranges: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    ranges.map(|(f, t)| format!("{f}–{t}")).collect::<Vec<_>>().join(", ")
}

/// Short lines for a channel card: "ma–vr 09:00–17:00", "za 10:00–14:00" (Dutch) or
/// "Mon–Fri 09:00–17:00" (English); "Dag en nacht bereikbaar" / "Open 24/7" for 24/7
/// lines. Ranges with the same `days` are joined on one line in order of appearance.
/// Exceptions are not listed (see [`describe_exception`]).
pub fn describe(h: &Hours, lang: Lang) -> Vec<String> {
    crate::words::with(lang, |w| {
        if h.always {
            return vec![w.open_247.to_string()];
        }
        let mut groups: Vec<(&Days, Vec<&WeeklyRange>)> = Vec::new();
        for r in &h.weekly {
            match groups.iter_mut().find(|(d, _)| **d == r.days) {
                Some((_, v)) => v.push(r),
                None => groups.push((&r.days, vec![r])),
            }
        }
        groups
            .into_iter()
            .map(|(days, ws)| {
                let day = days_in(days, w);
                format!("{day} {}", describe_times(ws.iter().map(|r| (r.from.as_str(), r.to.as_str()))))
            })
            .collect()
    })
}

/// One line for an exception date: "25-12-2025: gesloten" / "2025-12-25: closed",
/// or with its hours.
pub fn describe_exception(e: &HoursException, lang: Lang) -> String {
    let date = match (lang, e.date.parsed()) {
        (Lang::Nl, Some(d)) => {
            let (y, m, dd) = crate::time::civil_from_days(d);
            format!("{dd:02}-{m:02}-{y:04}")
        }
        _ => e.date.to_string(),
    };
    if e.open.is_empty() {
        crate::words::with(lang, |w| format!("{date}: {}", w.closed_day))
    } else {
        format!("{date}: {}", describe_times(e.open.iter().map(|r| (r.from.as_str(), r.to.as_str()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    fn wr(days: &str, from: &str, to: &str) -> WeeklyRange {
        WeeklyRange { days: days.into(), from: from.into(), to: to.into() }
    }
    fn office() -> Hours {
        Hours {
            tz: TZ.into(),
            always: false,
            weekly: vec![wr("mon-fri", "09:00", "17:00"), wr("sat", "10:00", "14:00")],
            exceptions: vec![
                HoursException { date: "2025-12-25".into(), open: vec![] },
                HoursException { date: "2025-12-27".into(), open: vec![TimeRange { from: "12:00".into(), to: "13:00".into() }] },
            ],
        }
    }
    fn at(s: &str) -> i64 {
        parse_rfc3339(s).unwrap()
    }
    /// An error that says `what` (with `full-lint`; the browser build's errors are empty).
    fn says(r: Result<(), String>, what: &str) -> bool {
        r.is_err_and(|e| !cfg!(feature = "full-lint") || e.contains(what))
    }

    /// Both readers build the parsed values when they read the content, and keep the text;
    /// invalid text is kept with no parsed value, for lint to report.
    #[test]
    fn parsed_when_read_by_either_reader() {
        let doc = r#"{"tz": "Europe/Amsterdam", "weekly": [{"days": "mon-fri", "from": "09:00", "to": "24:00"},
            {"days": "fri-mon", "from": "9:00", "to": "17:00"}], "exceptions": [{"date": "2025-12-25"}, {"date": "2025-02-30"}]}"#;
        let h: Hours = crate::json::from_slice(doc.as_bytes()).unwrap();
        assert_eq!(h.weekly[0].days.parsed(), Some([true, true, true, true, true, false, false]));
        assert_eq!((h.weekly[0].from.parsed(), h.weekly[0].to.parsed()), (Some(540), Some(1440)));
        assert_eq!((h.weekly[1].days.parsed(), h.weekly[1].from.parsed()), (None, None));
        assert_eq!((h.weekly[1].days.as_str(), h.weekly[1].from.as_str()), ("fri-mon", "9:00"));
        assert_eq!(h.exceptions[0].date.parsed(), Some(crate::time::days_from_civil(2025, 12, 25)));
        assert_eq!(h.exceptions[1].date.parsed(), None);
        assert!(says(validate_hours(&h), "weekly[1]: days \"fri-mon\""));
        #[cfg(feature = "serde")]
        {
            let s: Hours = serde_json::from_str(doc).unwrap();
            assert_eq!(s, h);
            // serde writes the text back.
            let again: Hours = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
            assert_eq!(again, h);
            assert_eq!(serde_json::to_value(&s.weekly[1]).unwrap(), serde_json::json!({"days": "fri-mon", "from": "9:00", "to": "17:00"}));
        }
    }

    #[test]
    fn days_syntax() {
        assert_eq!(parse_days("mon-fri").unwrap(), [true, true, true, true, true, false, false]);
        assert_eq!(parse_days("mon,wed").unwrap(), [true, false, true, false, false, false, false]);
        assert_eq!(parse_days("sun").unwrap(), [false, false, false, false, false, false, true]);
        assert_eq!(parse_days("fri-sun,mon").unwrap(), [true, false, false, false, true, true, true]);
        for bad in ["", "Mon", "mon-", "fri-mon", "mon, wed", "mon,mon", "mon-wed,tue", "maandag", "mon--fri"] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validation() {
        assert!(validate_hours(&office()).is_ok());
        let mut h = office();
        h.tz = "UTC".into();
        assert!(says(validate_hours(&h), "Europe/Amsterdam"));
        let mut h = office();
        h.weekly[0].to = "09:00".into();
        assert!(says(validate_hours(&h), "later"));
        let mut h = office();
        h.weekly[0].from = "24:00".into();
        assert!(validate_hours(&h).is_err());
        let mut h = office();
        h.weekly[0].to = "24:00".into();
        assert!(validate_hours(&h).is_ok());
        let mut h = office();
        h.weekly[0].to = "9:00".into();
        assert!(validate_hours(&h).is_err());
        let mut h = office();
        h.exceptions[0].date = "2025-02-30".into();
        assert!(says(validate_hours(&h), "exceptions[0]"));
        let mut h = office();
        h.exceptions[1].date = "2025-12-25".into();
        assert!(says(validate_hours(&h), "twice"));
        let mut h = office();
        h.always = true;
        assert!(validate_hours(&h).is_err());
        let h = Hours { tz: TZ.into(), always: false, weekly: vec![], exceptions: vec![] };
        assert!(validate_hours(&h).is_err());
        let h = Hours { tz: TZ.into(), always: true, weekly: vec![], exceptions: vec![] };
        assert!(validate_hours(&h).is_ok());
    }

    #[test]
    fn open_and_closed() {
        let h = office();
        // Monday 2025-06-02, summer (CEST): 09:00 local = 07:00 UTC.
        assert_eq!(is_open(&h, at("2025-06-02T06:59:59Z")), Some(false));
        assert_eq!(is_open(&h, at("2025-06-02T07:00:00Z")), Some(true));
        assert_eq!(is_open(&h, at("2025-06-02T14:59:59Z")), Some(true));
        assert_eq!(is_open(&h, at("2025-06-02T15:00:00Z")), Some(false));
        // Winter Monday 2025-01-06: 09:00 local = 08:00 UTC.
        assert_eq!(is_open(&h, at("2025-01-06T07:30:00Z")), Some(false));
        assert_eq!(is_open(&h, at("2025-01-06T08:00:00Z")), Some(true));
        // Saturday 10–14, Sunday closed.
        assert_eq!(is_open(&h, at("2025-06-07T09:00:00+02:00")), Some(false));
        assert_eq!(is_open(&h, at("2025-06-07T10:00:00+02:00")), Some(true));
        assert_eq!(is_open(&h, at("2025-06-08T12:00:00+02:00")), Some(false));
        // Exceptions: Thursday 25 December closed; Saturday 27 December only 12–13.
        assert_eq!(is_open(&h, at("2025-12-25T10:00:00+01:00")), Some(false));
        assert_eq!(is_open(&h, at("2025-12-27T11:00:00+01:00")), Some(false));
        assert_eq!(is_open(&h, at("2025-12-27T12:30:00+01:00")), Some(true));
        // Friday 26 December: normal rule.
        assert_eq!(is_open(&h, at("2025-12-26T10:00:00+01:00")), Some(true));
        // Invalid hours: unknown.
        let mut bad = office();
        bad.tz = "UTC".into();
        assert_eq!(is_open(&bad, 0), None);
    }

    #[test]
    fn open_around_dst_and_midnight() {
        let h = Hours {
            tz: TZ.into(),
            always: false,
            weekly: vec![wr("sun", "00:00", "02:30"), wr("sat", "22:00", "24:00")],
            exceptions: vec![],
        };
        // Spring forward 2025-03-30 (Sunday): 01:59 CET open, 03:00 CEST closed.
        assert_eq!(is_open(&h, at("2025-03-30T00:59:00Z")), Some(true));
        assert_eq!(is_open(&h, at("2025-03-30T01:00:00Z")), Some(false));
        // Fall back 2025-10-26 (Sunday): 02:15 happens twice, open both times.
        assert_eq!(is_open(&h, at("2025-10-26T00:15:00Z")), Some(true)); // 02:15 CEST
        assert_eq!(is_open(&h, at("2025-10-26T01:15:00Z")), Some(true)); // 02:15 CET
        assert_eq!(is_open(&h, at("2025-10-26T01:30:00Z")), Some(false)); // 02:30 CET
                                                                          // Saturday 23:59 open; until 24:00.
        assert_eq!(is_open(&h, at("2025-10-25T23:59:00+02:00")), Some(true));
        // 24/7 with a closed exception date.
        let always = Hours {
            tz: TZ.into(),
            always: true,
            weekly: vec![],
            exceptions: vec![HoursException { date: "2025-01-01".into(), open: vec![] }],
        };
        assert_eq!(is_open(&always, at("2024-12-31T22:59:00Z")), Some(true));
        assert_eq!(is_open(&always, at("2024-12-31T23:00:00Z")), Some(false)); // 00:00 local 1 Jan
    }

    #[test]
    fn descriptions() {
        let h = office();
        assert_eq!(describe(&h, Lang::Nl), vec!["ma–vr 09:00–17:00", "za 10:00–14:00"]);
        assert_eq!(describe(&h, Lang::En), vec!["Mon–Fri 09:00–17:00", "Sat 10:00–14:00"]);
        let always = Hours { tz: TZ.into(), always: true, weekly: vec![], exceptions: vec![] };
        assert_eq!(describe(&always, Lang::Nl), vec!["Dag en nacht bereikbaar"]);
        assert_eq!(describe(&always, Lang::En), vec!["Open 24/7"]);
        let split = Hours {
            tz: TZ.into(),
            always: false,
            weekly: vec![wr("mon,wed", "09:00", "12:00"), wr("mon,wed", "13:00", "17:00"), wr("mon-sun", "20:00", "22:00")],
            exceptions: vec![],
        };
        assert_eq!(describe(&split, Lang::Nl), vec!["ma, wo 09:00–12:00, 13:00–17:00", "Elke dag 20:00–22:00"]);
        assert_eq!(describe_days("mon-wed,fri", Lang::En), "Mon–Wed, Fri");
        assert_eq!(describe_days("sat-sun", Lang::Nl), "za, zo");
        assert_eq!(describe_exception(&h.exceptions[0], Lang::Nl), "25-12-2025: gesloten");
        assert_eq!(describe_exception(&h.exceptions[1], Lang::En), "2025-12-27: 12:00–13:00");
    }
}
