//! `time.rs` computes Europe/Amsterdam by hand (the EU rule: CEST from the last Sunday of
//! March 01:00 UTC to the last Sunday of October 01:00 UTC). Here `jiff`, with its own copy
//! of the IANA tz database (`tzdb-bundle-always`, so the machine's zoneinfo plays no part),
//! is the oracle: every transition and every hour from 1996 (the rule's start) to 2100
//! gives the same local time, and every minute around each switch does too.

use jiff::tz::TimeZone;
use jiff::Timestamp;
use wegwijzer_core::time::{amsterdam_local, amsterdam_offset_secs, days_from_civil, DAY};

fn amsterdam() -> TimeZone {
    TimeZone::get("Europe/Amsterdam").expect("the bundled tz database has Europe/Amsterdam")
}

fn unix(y: i16, m: i8, d: i8) -> i64 {
    jiff::civil::date(y, m, d).to_zoned_datetime(TimeZone::UTC).unwrap().timestamp().as_second()
}

/// The core's local time at `t` equals jiff's, field by field; the message names the instant.
fn same(tz: &TimeZone, t: i64) {
    let z = Timestamp::from_second(t).unwrap().to_zoned_datetime(tz.clone());
    let l = amsterdam_local(t);
    let want_date = (i64::from(z.year()), z.month() as u32, z.day() as u32);
    let want_minute = z.hour() as u32 * 60 + z.minute() as u32;
    let want_weekday = z.weekday().to_monday_zero_offset() as u32;
    let want_days = days_from_civil(want_date.0, want_date.1, want_date.2);
    let got = (l.date, l.days, l.weekday, l.minutes_of_day, l.offset_secs);
    let want = (want_date, want_days, want_weekday, want_minute, z.offset().seconds());
    assert_eq!(got, want, "at {t} ({z}): core (date, days, weekday, minute, offset) differs from jiff");
    assert_eq!(amsterdam_offset_secs(t), z.offset().seconds(), "offset at {t} ({z})");
}

#[test]
fn every_transition_1996_to_2100_is_where_jiff_has_it() {
    let tz = amsterdam();
    let (from, to) = (unix(1996, 1, 1), unix(2100, 1, 1));
    let mut n = 0;
    for tr in tz.following(Timestamp::from_second(from).unwrap()) {
        let t = tr.timestamp().as_second();
        if t >= to {
            break;
        }
        // Each switch is at 01:00 UTC, and the core's offset changes at exactly that second.
        assert_eq!(t.rem_euclid(DAY), 3600, "transition at {t} is not at 01:00 UTC");
        assert_eq!(amsterdam_offset_secs(t), tr.offset().seconds(), "offset at the transition {t}");
        assert_ne!(amsterdam_offset_secs(t - 1), tr.offset().seconds(), "offset one second before the transition {t}");
        n += 1;
    }
    // Two switches a year, 104 years.
    assert_eq!(n, 2 * 104);
}

#[test]
fn every_hour_1996_to_2100_matches_jiff() {
    let tz = amsterdam();
    let (from, to) = (unix(1996, 1, 1), unix(2100, 1, 1));
    let mut t = from;
    while t < to {
        same(&tz, t);
        t += 3600;
    }
}

#[test]
fn every_minute_around_each_switch_2020_to_2040_matches_jiff() {
    let tz = amsterdam();
    let (from, to) = (unix(2020, 1, 1), unix(2041, 1, 1));
    let mut switches = 0;
    for tr in tz.following(Timestamp::from_second(from).unwrap()) {
        let t = tr.timestamp().as_second();
        if t >= to {
            break;
        }
        switches += 1;
        // A day either side, every minute (and the seconds next to the switch).
        for k in -(24 * 60)..=(24 * 60) {
            same(&tz, t + k * 60);
        }
        for s in -3..=3 {
            same(&tz, t + s);
        }
    }
    assert_eq!(switches, 2 * 21);
}

#[test]
fn every_quarter_hour_2020_to_2040_matches_jiff() {
    let tz = amsterdam();
    let (from, to) = (unix(2020, 1, 1), unix(2041, 1, 1));
    let mut t = from;
    while t < to {
        same(&tz, t);
        t += 900;
    }
}
