//! Time without a clock: RFC 3339 timestamps, ISO dates and Europe/Amsterdam local time,
//! as pure functions over unix seconds. The caller supplies "now" (the browser's
//! `Date.now()`, the CLI's system clock), so everything here is testable and works
//! unchanged on `wasm32-unknown-unknown` (no `std::time`).
//!
//! Europe/Amsterdam follows the EU rule: CET (UTC+1) in winter, CEST (UTC+2) from the last
//! Sunday of March 01:00 UTC until the last Sunday of October 01:00 UTC. This rule has held
//! since 1996; earlier dates get the same rule (good enough for opening hours).

/// Seconds per day.
pub const DAY: i64 = 86_400;

/// Inputs to the local-time functions are clamped to ±10^13 s (about ±300 000 years)
/// so that no arithmetic can overflow on arbitrary input.
const CLAMP: i64 = 10_000_000_000_000;

/// Days since 1970-01-01 of the civil date `y-m-d` (proleptic Gregorian).
/// `m` is 1..=12, `d` is 1..=31 (not checked here; see [`parse_date`]).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Howard Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = m as i64;
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month 1..=12, day 1..=31)` of a day number (days since 1970-01-01).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Weekday of a day number: 0 = Monday … 6 = Sunday.
pub fn weekday_from_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as u32
}

pub fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parse exactly `n` ASCII digits.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    if s.len() != n {
        return None;
    }
    let mut v: u32 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// `YYYY-MM-DD` → days since 1970-01-01. Rejects impossible dates (2025-02-30).
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4], 4)? as i64;
    let m = digits(&b[5..7], 2)?;
    let d = digits(&b[8..10], 2)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Days since epoch → `YYYY-MM-DD`.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days.clamp(-CLAMP / DAY, CLAMP / DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parse an RFC 3339 timestamp into unix seconds.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS` followed by optional fractional seconds (ignored,
/// truncated) and `Z` or a numeric offset `+HH:MM` / `-HH:MM`. `t`/`z` in lower case are
/// accepted as RFC 3339 allows; a leap second `:60` is accepted and counts as the next
/// second. Anything else (missing offset, space separator, out-of-range fields) is `None`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !b.is_ascii() {
        return None;
    }
    let days = parse_date(&s[0..10])?;
    if b[10] != b'T' && b[10] != b't' {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let hh = digits(&b[11..13], 2)?;
    let mm = digits(&b[14..16], 2)?;
    let ss = digits(&b[17..19], 2)?;
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &rest[1 + n..];
    }
    let offset: i64 = match rest {
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits(&[*h1, *h2], 2)? as i64;
            let om = digits(&[*m1, *m2], 2)? as i64;
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    Some(days * DAY + hh as i64 * 3600 + mm as i64 * 60 + ss as i64 - offset)
}

/// Unix seconds → `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub fn format_rfc3339(unix: i64) -> String {
    let unix = unix.clamp(-CLAMP, CLAMP);
    let days = unix.div_euclid(DAY);
    let secs = unix.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Day number of the last Sunday of month `m` in year `y`.
fn last_sunday(y: i64, m: u32) -> i64 {
    let last = days_from_civil(y, m, days_in_month(y, m));
    last - ((weekday_from_days(last) as i64 + 1) % 7)
}

/// UTC offset of Europe/Amsterdam at `unix`, in seconds: 3600 (CET) or 7200 (CEST).
pub fn amsterdam_offset_secs(unix: i64) -> i32 {
    let unix = unix.clamp(-CLAMP, CLAMP);
    let (y, _, _) = civil_from_days(unix.div_euclid(DAY));
    let start = last_sunday(y, 3) * DAY + 3600; // 01:00 UTC
    let end = last_sunday(y, 10) * DAY + 3600; // 01:00 UTC
    if unix >= start && unix < end {
        7200
    } else {
        3600
    }
}

/// Wall-clock time in Amsterdam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// Local civil date (year, month 1..=12, day 1..=31).
    pub date: (i64, u32, u32),
    /// Local day number (days since 1970-01-01), handy to match exception dates.
    pub days: i64,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
    /// Minutes since local midnight, 0..1440.
    pub minutes_of_day: u32,
    /// The UTC offset in effect, in seconds.
    pub offset_secs: i32,
}

/// The Europe/Amsterdam wall-clock time at `unix`.
pub fn amsterdam_local(unix: i64) -> LocalTime {
    let unix = unix.clamp(-CLAMP, CLAMP);
    let offset = amsterdam_offset_secs(unix);
    let local = unix + offset as i64;
    let days = local.div_euclid(DAY);
    let secs = local.rem_euclid(DAY);
    LocalTime {
        date: civil_from_days(days),
        days,
        weekday: weekday_from_days(days),
        minutes_of_day: (secs / 60) as u32,
        offset_secs: offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip() {
        for z in -800_000..800_000i64 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(weekday_from_days(0), 3);
        assert_eq!(weekday_from_days(parse_date("2025-06-02").unwrap()), 0); // a Monday
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-02"), Some(1));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("2023-1-01"), None);
        assert_eq!(parse_date("2023-01-01 "), None);
        assert_eq!(parse_date("+023-01-01"), None);
        assert_eq!(format_date(19_782), "2024-02-29");
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2025-01-01T00:00:00Z"), Some(1_735_689_600));
        assert_eq!(parse_rfc3339("2025-01-01T01:00:00+01:00"), Some(1_735_689_600));
        assert_eq!(parse_rfc3339("2024-12-31T23:00:00-01:00"), Some(1_735_689_600));
        assert_eq!(parse_rfc3339("2025-01-01T00:00:00.123456Z"), Some(1_735_689_600));
        assert_eq!(parse_rfc3339("2025-01-01t00:00:00z"), Some(1_735_689_600));
        for bad in [
            "",
            "2025-01-01",
            "2025-01-01T00:00:00",
            "2025-01-01 00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:60:00Z",
            "2025-01-01T00:00:00.Z",
            "2025-01-01T00:00:00+0100",
            "2025-01-01T00:00:00+24:00",
            "2025-01-01T00:00:00ZZ",
            "2025-02-30T00:00:00Z",
            "２025-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(format_rfc3339(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        for t in [0, 1, 86_399, 1_700_000_000, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t));
        }
    }

    #[test]
    fn amsterdam_spring_forward_2025() {
        // 2025-03-30 is the last Sunday of March: 01:00 UTC = 02:00 CET -> 03:00 CEST.
        let switch = parse_rfc3339("2025-03-30T01:00:00Z").unwrap();
        assert_eq!(amsterdam_offset_secs(switch - 1), 3600);
        assert_eq!(amsterdam_offset_secs(switch), 7200);
        let before = amsterdam_local(switch - 60);
        assert_eq!(before.date, (2025, 3, 30));
        assert_eq!(before.minutes_of_day, 60 + 59); // 01:59 local
        assert_eq!(before.weekday, 6);
        let after = amsterdam_local(switch);
        assert_eq!(after.minutes_of_day, 3 * 60); // 03:00 local
    }

    #[test]
    fn amsterdam_fall_back_2025() {
        // 2025-10-26 is the last Sunday of October: 01:00 UTC = 03:00 CEST -> 02:00 CET.
        let switch = parse_rfc3339("2025-10-26T01:00:00Z").unwrap();
        assert_eq!(amsterdam_offset_secs(switch - 1), 7200);
        assert_eq!(amsterdam_offset_secs(switch), 3600);
        assert_eq!(amsterdam_local(switch - 60).minutes_of_day, 2 * 60 + 59);
        assert_eq!(amsterdam_local(switch).minutes_of_day, 2 * 60);
        assert_eq!(amsterdam_local(switch).date, (2025, 10, 26));
    }

    #[test]
    fn amsterdam_other_years_and_midnight() {
        // 2024: 31 March and 27 October.
        assert_eq!(amsterdam_offset_secs(parse_rfc3339("2024-03-31T00:59:59Z").unwrap()), 3600);
        assert_eq!(amsterdam_offset_secs(parse_rfc3339("2024-03-31T01:00:00Z").unwrap()), 7200);
        assert_eq!(amsterdam_offset_secs(parse_rfc3339("2024-10-27T00:59:59Z").unwrap()), 7200);
        assert_eq!(amsterdam_offset_secs(parse_rfc3339("2024-10-27T01:00:00Z").unwrap()), 3600);
        // 23:30 UTC on a winter Friday is 00:30 Saturday in Amsterdam.
        let t = amsterdam_local(parse_rfc3339("2025-01-03T23:30:00Z").unwrap());
        assert_eq!(t.date, (2025, 1, 4));
        assert_eq!(t.weekday, 5);
        assert_eq!(t.minutes_of_day, 30);
        // Extremes do not panic.
        let _ = amsterdam_local(i64::MAX);
        let _ = amsterdam_local(i64::MIN);
        let _ = format_rfc3339(i64::MIN);
    }
}
