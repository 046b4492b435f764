//! What the screens show, decided here so it is tested natively (issue 12): open status of
//! a channel and the order of channels, the "Doe dit eerst" steps of an outcome, deadlines,
//! the order and filter of "Alle organisaties", search over topics and organisations, a
//! line that is open now, escape options, phone numbers and Dutch key terms in text.
//! The app only renders what these functions return.

use crate::hours::validate_hours;
use crate::markup;
use crate::model::{Channel, ChannelKind, Content, Hours, Lang, Node, OrgKind, Organisation, Outcome, Topic};
use crate::time::{amsterdam_local, parse_rfc3339, weekday_from_days};

// ------------------------------------------------------------------ open status

/// A time on a later day: `days` after today (0 = today), weekday (0 = Monday), minute of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub days: u8,
    pub weekday: u8,
    pub minute: u32,
}

/// Open or closed now, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Open all the time (for at least the coming week).
    Always,
    /// Open now, until then.
    Until(At),
    /// Closed now; opens then (`None`: not in the coming week).
    Closed(Option<At>),
    /// No hours known (or invalid hours).
    Unknown,
}

impl Open {
    pub fn is_open(self) -> bool {
        matches!(self, Open::Always | Open::Until(_))
    }
}

/// Sort by a key, stable. An insertion sort: the lists here are short (a day's ranges, an
/// organisation's channels, the directory), and one small function costs far less wasm
/// than the standard library's sort for each element type.
fn sort_by<T, K: PartialOrd>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Open ranges (minutes) of one local date, sorted and merged. Reads the values parsed when
/// the content was read; nothing is parsed here.
fn day_ranges(h: &Hours, days: i64) -> Vec<(u32, u32)> {
    let range = |f, t| crate::hours::range(f, t).ok();
    let mut v: Vec<(u32, u32)> = match h.exceptions.iter().find(|e| e.date.parsed() == Some(days)) {
        Some(e) => e.open.iter().filter_map(|r| range(&r.from, &r.to)).collect(),
        None if h.always => vec![(0, 1440)],
        None => {
            let wd = weekday_from_days(days) as usize;
            h.weekly.iter().filter(|w| w.days.parsed().is_some_and(|m| m[wd])).filter_map(|w| range(&w.from, &w.to)).collect()
        }
    };
    sort_by(&mut v, |r| *r);
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (f, t) in v {
        match out.last_mut() {
            Some(last) if f <= last.1 => last.1 = last.1.max(t),
            _ => out.push((f, t)),
        }
    }
    out
}

/// The open status of hours at `unix_now` (wall clock in Amsterdam, as [`crate::hours::is_open`]).
pub fn status(h: Option<&Hours>, unix_now: i64) -> Open {
    let Some(h) = h.filter(|h| validate_hours(h).is_ok()) else { return Open::Unknown };
    let local = amsterdam_local(unix_now);
    let (today, m) = (local.days, local.minutes_of_day);
    let at = |d: i64, minute: u32| At { days: d as u8, weekday: weekday_from_days(today + d) as u8, minute };
    let ranges = day_ranges(h, today);
    if let Some(&(_, mut end)) = ranges.iter().find(|(f, t)| *f <= m && m < *t) {
        // Follow the range over midnight while the next day opens at 00:00.
        let mut d = 0;
        while end == 1440 {
            match day_ranges(h, today + d + 1).first() {
                Some(&(0, t)) => {
                    d += 1;
                    end = t;
                    if d >= 8 {
                        return Open::Always;
                    }
                }
                _ => break,
            }
        }
        return Open::Until(at(d, end));
    }
    if let Some(&(f, _)) = ranges.iter().find(|(f, _)| *f > m) {
        return Open::Closed(Some(at(0, f)));
    }
    for d in 1..=7 {
        if let Some(&(f, _)) = day_ranges(h, today + d).first() {
            return Open::Closed(Some(at(d, f)));
        }
    }
    Open::Closed(None)
}

fn hhmm(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The day of a time ("" today, "morgen ", "maandag ").
fn day_of(a: At, w: &crate::words::Words) -> String {
    match a.days {
        0 => String::new(),
        1 => format!("{} ", w.tomorrow),
        _ => format!("{} ", w.days[a.weekday as usize % 7]),
    }
}

/// "Nu open tot 21:00", "Nu dicht · weer open om 11:00", "Dag en nacht", "Tijden: zie website".
pub fn status_text(s: Open, lang: Lang) -> String {
    crate::words::with(lang, |w| {
        let fill = |t: &str, a: At| t.replace("{day}", &day_of(a, w)).replace("{time}", &hhmm(a.minute));
        match s {
            Open::Always => w.always.to_string(),
            Open::Until(a) => fill(w.open_until, a),
            Open::Closed(Some(a)) => fill(w.closed_opens, a),
            Open::Closed(None) => w.closed.to_string(),
            Open::Unknown => w.unknown.to_string(),
        }
    })
}

/// A channel where a person answers live (phone, chat, WhatsApp, sms). E-mail and
/// websites have no opening hours of their own and get no open status.
pub fn is_live(kind: ChannelKind) -> bool {
    !matches!(kind, ChannelKind::Email | ChannelKind::Website)
}

/// 0 open now, 1 live with unknown hours, 2 live and closed, 3 e-mail and website.
pub fn channel_rank(ch: &Channel, unix_now: i64) -> u8 {
    if !is_live(ch.kind) {
        return 3;
    }
    match status(ch.hours.as_ref(), unix_now) {
        Open::Always | Open::Until(_) => 0,
        Open::Unknown => 1,
        Open::Closed(_) => 2,
    }
}

/// Channels in the order to show them: lines that are open now first (at night that puts
/// the 24/7 lines on top), then lines with unknown hours, closed lines, e-mail and website.
/// Stable: the content's order within each group.
pub fn channel_order(chs: &[Channel], unix_now: i64) -> Vec<&Channel> {
    let mut v: Vec<(u8, &Channel)> = chs.iter().map(|ch| (channel_rank(ch, unix_now), ch)).collect();
    sort_by(&mut v, |x| x.0);
    v.into_iter().map(|x| x.1).collect()
}

/// The organisation's first live channel (a line to call or chat), best open status first.
pub fn best_line(o: &Organisation, unix_now: i64) -> Option<&Channel> {
    channel_order(&o.channels, unix_now).into_iter().find(|ch| is_live(ch.kind))
}

// ------------------------------------------------------------------ outcomes

/// How an outcome is laid out: "Doe dit eerst" (one or two steps, as indices into
/// `steps`), then the rest of the ladder in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub first: Vec<usize>,
    pub rest: Vec<usize>,
}

/// The steps for "Doe dit eerst" (the content ranks the ladder; which steps are chosen follows
/// that order, and only a line to call is shown before the first action):
/// - a leading emergency line on an outcome that is not itself a crisis screen ("Is het nu
///   gevaarlijk? Bel 112.") stays first but does not take the place of the real first action,
///   so the step after it is the second;
/// - on an outcome with legal duties, the first duty (and the next when it is a duty too);
/// - otherwise the first step, and, when that has no line open now (a person at school, or a
///   line that is closed at this hour), one line to call, shown first: the first later crisis
///   or help line that is open now, else the ladder's last rung (the audience's human line,
///   which the lint guarantees), else the first later step with a line. A formal body
///   (Inspectie, a commission) is never pulled ahead of the school because it has a number.
pub fn plan(o: &Outcome, c: &Content, unix_now: i64) -> Plan {
    let n = o.steps.len();
    let org = |i: usize| c.org(&o.steps[i].org);
    let line = |i: usize| org(i).and_then(|org| best_line(org, unix_now));
    let open_now = |i: usize| line(i).is_some_and(|ch| status(ch.hours.as_ref(), unix_now).is_open());
    let mut first: Vec<usize> = Vec::new();
    if n == 0 {
        return Plan { first, rest: Vec::new() };
    }
    let emergency = !o.urgent && n > 1 && org(0).is_some_and(|g| g.kind == OrgKind::Crisis) && !o.steps[0].mandatory;
    let mut start = 0;
    if emergency {
        first.push(0);
        start = 1;
    }
    if let Some(d) = (start..n).find(|&i| o.steps[i].mandatory) {
        first.push(d);
        // Later duties are never collapsed, so they stay in view below.
        if !emergency && d + 1 < n && o.steps[d + 1].mandatory {
            first.push(d + 1);
        }
    } else {
        first.push(start);
        // With a leading emergency line, the two are "Doe dit eerst"; lines to call follow in
        // the ladder and in the help block, whose open lines come first.
        if !emergency && !open_now(start) {
            let later = || (start + 1..n).filter(|&i| line(i).is_some());
            let help = |i: usize| org(i).is_some_and(|g| g.kind == OrgKind::Crisis) || i == n - 1;
            let pick = later()
                .find(|&i| open_now(i) && help(i))
                .or_else(|| (n - 1 > start && line(n - 1).is_some()).then_some(n - 1))
                .or_else(|| later().find(|&i| open_now(i)))
                .or_else(|| later().next());
            // The line leads inside "Doe dit eerst" (a number to tap on the first screen: the
            // child can call the Kindertelefoon tonight and tell the teacher tomorrow); which
            // line it is follows the ladder, so no formal body is pulled forward.
            if let Some(i) = pick {
                first.insert(0, i);
            }
        }
    }
    let rest = (0..n).filter(|i| !first.contains(i)).collect();
    Plan { first, rest }
}

/// Deadlines the reader must meet, for a "Termijn: …" line at the top: sentences of a
/// step's `duration` that tell the reader to act within a time ("Dien … in binnen 6 weken",
/// "Bel het liefst binnen 7 dagen"), not what others must do ("De commissie moet binnen 4
/// weken reageren") or waiting times ("Na aanmelding word je binnen … gebeld").
/// Returns `(step index, sentence)`, each sentence once.
pub fn deadlines(o: &Outcome, lang: Lang) -> Vec<(usize, String)> {
    // The sentence test knows Dutch and English words; in another language the steps are
    // found on the Dutch text and shown with their whole translated time line.
    if lang != Lang::Nl && lang != Lang::En {
        let mut out: Vec<(usize, String)> = Vec::new();
        for (i, _) in deadlines(o, Lang::Nl) {
            if !out.iter().any(|(j, _)| *j == i) {
                let d = o.steps[i].duration.as_ref().map(|d| markup::plain(d.in_lang(lang))).unwrap_or_default();
                out.push((i, d));
            }
        }
        return out;
    }
    const NOT_ACTION: [&str; 22] = [
        "de", "het", "een", "na", "je", "ze", "dat", "als", "bij", "meestal", "vaak", "dan", "the", "after", "a", "an", "you", "it",
        "they", "when", "your", "usually",
    ];
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, st) in o.steps.iter().enumerate() {
        let Some(d) = &st.duration else { continue };
        let text = markup::plain(d.in_lang(lang));
        for s in text.split_inclusive(". ").map(str::trim) {
            let lower = fold(s);
            let first = lower.split(|ch: char| !ch.is_ascii_alphanumeric()).next().unwrap_or("");
            let within = lower.contains("binnen ") || lower.contains("within ");
            if within && !NOT_ACTION.contains(&first) && !out.iter().any(|(_, x)| x == s) {
                out.push((i, s.to_string()));
            }
        }
    }
    out
}

/// Whether an option is an escape from the question ("Ik ben nu in gevaar", "Weet ik
/// niet"): it leads to the crisis question or to an urgent outcome. The app lists these
/// last, after an "of" divider.
pub fn is_escape(c: &Content, next: &str) -> bool {
    next == c.tree.crisis || matches!(c.node(next), Some(Node::Outcome(o)) if o.urgent)
}

// ------------------------------------------------------------------ organisations and search

/// Lower case without accents (ASCII plus the accented vowels of Dutch and English text;
/// `str::to_lowercase` would add Unicode case tables to the wasm).
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|ch| match ch {
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Does an organisation match a typed name or number? Names in both languages; numbers
/// without spaces or dashes ("08000432" finds "0800-0432"); at least 3 digits.
pub fn org_matches(o: &Organisation, query: &str) -> bool {
    let q = fold(query.trim());
    if q.is_empty() {
        return true;
    }
    let d = digits(&q);
    let names = [Some(o.name.nl.as_str()), o.name.en().map(String::as_str)];
    names.into_iter().flatten().any(|n| fold(n).contains(&q))
        || (d.len() >= 3 && d.len() * 2 >= q.len() && o.channels.iter().any(|ch| digits(&ch.value).contains(&d)))
}

/// "Alle organisaties": the crisis lines pinned first (in the order of the help block, then
/// other crisis lines), then everything else A–Z by name; filtered by audience id, topic id
/// and a typed name or number (empty = all).
pub fn org_list<'c>(c: &'c Content, lang: Lang, audience: &str, topic: &str, name: &str) -> Vec<&'c Organisation> {
    let pin = |o: &Organisation| match c.tree.always.crisis.iter().position(|id| *id == o.id) {
        Some(i) => i,
        None if o.kind == OrgKind::Crisis => 100,
        None => 200,
    };
    let v: Vec<&Organisation> = c
        .directory
        .organisations
        .iter()
        .filter(|o| audience.is_empty() || o.audiences.iter().any(|a| a.id() == audience))
        .filter(|o| topic.is_empty() || o.topics.iter().any(|t| t == topic))
        .filter(|o| org_matches(o, name))
        .collect();
    let mut keyed: Vec<((usize, String), &Organisation)> =
        v.into_iter().map(|o| ((pin(o), fold(o.name.in_lang(lang).trim_start_matches("De ").trim_start_matches("Het "))), o)).collect();
    sort_by(&mut keyed, |x| x.0.clone());
    keyed.into_iter().map(|x| x.1).collect()
}

/// What a typed search finds: topics (by keyword or label) and organisations (by name or
/// number, pinned order as in [`org_list`], at most 5). Needs 3 characters.
pub fn search<'c>(c: &'c Content, query: &str, lang: Lang) -> (Vec<&'c Topic>, Vec<&'c Organisation>) {
    let q = fold(query.trim());
    if q.chars().count() < 3 {
        return (vec![], vec![]);
    }
    let topics = c
        .tree
        .topics
        .iter()
        .filter(|t| {
            let mut words: Vec<String> = t.keywords.nl.iter().chain(t.keywords.en().into_iter().flatten()).map(|k| fold(k)).collect();
            words.push(fold(t.label.in_lang(lang)));
            words.iter().any(|k| k.contains(&q) || (q.len() >= 4 && q.contains(k.as_str())))
        })
        .collect();
    let mut orgs = org_list(c, lang, "", "", &q);
    orgs.truncate(5);
    (topics, orgs)
}

/// A line that is open now, for the search's empty state: first an organisation that is
/// not a crisis line (known hours, open now), then a crisis line other than the emergency
/// number 112; in directory order.
pub fn open_line(c: &Content, unix_now: i64) -> Option<(&Organisation, &Channel)> {
    let orgs = &c.directory.organisations;
    let pass = |crisis: bool| orgs.iter().filter(move |o| o.human && (o.kind == OrgKind::Crisis) == crisis);
    pass(false).chain(pass(true)).find_map(|o| {
        let ch = o
            .channels
            .iter()
            .find(|ch| ch.kind == ChannelKind::Phone && ch.value != "112" && status(ch.hours.as_ref(), unix_now).is_open());
        ch.map(|ch| (o, ch))
    })
}

// ------------------------------------------------------------------ text

/// A piece of a text run: plain text, a phone number (with its `tel:` target), or an
/// English term followed by its Dutch original ("suspension (*schorsing*)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'a> {
    Text(&'a str),
    Tel(&'a str, String),
    Term(&'a str, &'static str),
}

/// English terms a parent needs in Dutch to talk to the school and the organisations.
pub const TERMS: [(&str, &str); 14] = [
    ("suspension", "schorsing"),
    ("expulsion", "verwijdering"),
    ("objection", "bezwaar"),
    ("complaints procedure", "klachtenregeling"),
    ("complaints committee", "klachtencommissie"),
    ("formal complaint", "formele klacht"),
    ("confidential adviser", "vertrouwenspersoon"),
    ("school board", "schoolbestuur"),
    ("school guide", "schoolgids"),
    ("anti-bullying contact", "aanspreekpunt pesten"),
    ("education inspectorate", "Inspectie van het Onderwijs"),
    ("education consultant", "onderwijsconsulent"),
    ("attendance officer", "leerplichtambtenaar"),
    ("inclusive education", "passend onderwijs"),
];

/// If a phone number starts at byte `i` of `s`, its end. Digits in groups separated by
/// one space or dash; the shortest run of groups that is a Dutch number: 112, 113, a
/// 116-line, 10 digits from 0 (0800/0900: 8 or 11), or +31 and 9 digits.
pub fn phone_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let alnum = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphanumeric);
    if i > 0 && (alnum(i - 1) || matches!(b[i - 1], b'+' | b'-' | b'/' | b'.' | b':' | b',')) {
        return None;
    }
    let plus = b.get(i) == Some(&b'+');
    let mut k = i + plus as usize;
    let mut digits = String::new();
    loop {
        let start = k;
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            digits.push(b[k] as char);
            k += 1;
        }
        if k == start || digits.len() > 12 {
            return None;
        }
        let n = digits.len();
        let valid = if plus {
            digits.starts_with("31") && n == 11
        } else if digits.starts_with("0800") || digits.starts_with("0900") {
            n == 8 || n == 11
        } else if digits.starts_with('0') {
            n == 10
        } else {
            digits == "112" || digits == "113" || (n == 6 && digits.starts_with("116"))
        };
        let next_is_group = matches!(b.get(k), Some(b' ' | b'-')) && b.get(k + 1).is_some_and(u8::is_ascii_digit);
        if valid && !(alnum(k) || matches!(b.get(k), Some(b':' | b',' | b'/')) && b.get(k + 1).is_some_and(u8::is_ascii_digit)) {
            return Some(k);
        }
        if !next_is_group {
            return None;
        }
        k += 1;
    }
}

/// `tel:` target of a phone number as written.
pub fn tel_href(v: &str) -> String {
    let digits: String = v.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

fn term_at(s: &str, i: usize, seen: u32) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    TERMS.iter().enumerate().find_map(|(t, (en, _))| {
        let end = i + en.len();
        let hit = seen & (1 << t) == 0
            && s.get(i..end).is_some_and(|w| w.eq_ignore_ascii_case(en))
            && !b.get(end).is_some_and(u8::is_ascii_alphabetic);
        hit.then_some((t, end))
    })
}

/// Split a run of text into plain text, phone numbers and (in English) key terms. `seen`
/// holds the terms already explained on this page, so each is explained once.
pub fn segments<'a>(s: &'a str, lang: Lang, seen: &mut u32) -> Vec<Seg<'a>> {
    let mut out = Vec::new();
    let (mut from, mut i) = (0, 0);
    while i < s.len() {
        if !s.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let hit = match phone_at(s, i) {
            Some(end) => Some((Seg::Tel(&s[i..end], tel_href(&s[i..end])), end)),
            None if lang == Lang::En => term_at(s, i, *seen).map(|(t, end)| {
                *seen |= 1 << t;
                (Seg::Term(&s[i..end], TERMS[t].1), end)
            }),
            None => None,
        };
        match hit {
            Some((seg, end)) => {
                if from < i {
                    out.push(Seg::Text(&s[from..i]));
                }
                out.push(seg);
                from = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if from < s.len() {
        out.push(Seg::Text(&s[from..]));
    }
    out
}

/// The Dutch key terms (bits into [`TERMS`]) that occur in any of `texts` (English).
pub fn terms_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> u32 {
    let mut seen = 0;
    for t in texts {
        segments(t, Lang::En, &mut seen);
    }
    seen
}

/// The content's date for "Over de Wegwijzer": "29 november 2026" / "29 November 2026".
pub fn date_text(rfc3339: &str, lang: Lang) -> Option<String> {
    let l = amsterdam_local(parse_rfc3339(rfc3339)?);
    let (y, m, d) = l.date;
    Some(crate::words::with(lang, |w| format!("{d} {} {y}", w.months[(m as usize).clamp(1, 12) - 1])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HoursException, TimeRange, WeeklyRange};

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).unwrap()
    }
    fn hours(weekly: &[(&str, &str, &str)], always: bool) -> Hours {
        Hours {
            tz: "Europe/Amsterdam".into(),
            always,
            weekly: weekly.iter().map(|(d, f, t)| WeeklyRange { days: (*d).into(), from: (*f).into(), to: (*t).into() }).collect(),
            exceptions: vec![],
        }
    }
    fn text(h: &Hours, when: &str) -> String {
        status_text(status(Some(h), at(when)), Lang::Nl)
    }

    #[test]
    fn open_status_texts() {
        // Kindertelefoon-like: every day 11:00–21:00. Sunday 29 Nov 2026 (CET).
        let k = hours(&[("mon-sun", "11:00", "21:00")], false);
        assert_eq!(text(&k, "2026-11-29T03:00:00+01:00"), "Nu dicht · weer open om 11:00");
        assert_eq!(text(&k, "2026-11-29T12:00:00+01:00"), "Nu open tot 21:00");
        assert_eq!(text(&k, "2026-11-29T22:30:00+01:00"), "Nu dicht · weer open morgen om 11:00");
        assert_eq!(status_text(status(Some(&k), at("2026-11-29T22:30:00+01:00")), Lang::En), "Closed now · opens tomorrow at 11:00");
        assert_eq!(status_text(status(Some(&k), at("2026-11-29T12:00:00+01:00")), Lang::En), "Open now until 21:00");
        // Office hours: Friday evening → Monday.
        let office = hours(&[("mon-fri", "09:00", "17:00")], false);
        assert_eq!(text(&office, "2026-11-27T18:00:00+01:00"), "Nu dicht · weer open maandag om 09:00");
        assert_eq!(status_text(status(Some(&office), at("2026-11-28T10:00:00+01:00")), Lang::En), "Closed now · opens Monday at 09:00");
        // 24/7, unknown, invalid.
        let always = hours(&[], true);
        assert_eq!(text(&always, "2026-11-29T03:00:00+01:00"), "Dag en nacht");
        assert_eq!(status(None, 0), Open::Unknown);
        assert_eq!(status_text(Open::Unknown, Lang::Nl), "Tijden: zie website");
        let mut bad = office.clone();
        bad.tz = "UTC".into();
        assert_eq!(status(Some(&bad), 0), Open::Unknown);
        // Over midnight: 22:00–24:00 and 00:00–02:00 next day read as one range.
        let night = hours(&[("mon-sun", "00:00", "02:00"), ("mon-sun", "22:00", "24:00")], false);
        assert_eq!(text(&night, "2026-11-29T22:30:00+01:00"), "Nu open tot morgen 02:00");
        assert_eq!(text(&night, "2026-11-29T01:00:00+01:00"), "Nu open tot 02:00");
        // Until midnight, closed after.
        let late = hours(&[("sun", "20:00", "24:00")], false);
        assert_eq!(text(&late, "2026-11-29T22:30:00+01:00"), "Nu open tot 24:00");
        // A 24/7 line closed on one date: open until that date starts.
        let mut gap = always.clone();
        gap.exceptions
            .push(HoursException { date: "2026-12-01".into(), open: vec![TimeRange { from: "08:00".into(), to: "20:00".into() }] });
        assert_eq!(text(&gap, "2026-11-29T12:00:00+01:00"), "Nu open tot morgen 24:00");
        assert_eq!(text(&gap, "2026-12-01T21:00:00+01:00"), "Nu dicht · weer open morgen om 00:00");
        // Closed all week.
        let mut shut = office.clone();
        shut.weekly.clear();
        shut.exceptions.push(HoursException { date: "2020-01-01".into(), open: vec![] });
        assert_eq!(text(&shut, "2026-11-29T12:00:00+01:00"), "Nu dicht");
        // Lunch break merges nothing; the next range the same day.
        let lunch = hours(&[("mon-fri", "09:00", "12:00"), ("mon-fri", "13:00", "17:00")], false);
        assert_eq!(text(&lunch, "2026-11-30T12:30:00+01:00"), "Nu dicht · weer open om 13:00");
        assert_eq!(text(&lunch, "2026-11-30T10:00:00+01:00"), "Nu open tot 12:00");
    }

    #[test]
    fn status_agrees_with_is_open() {
        let hs = [
            hours(&[("mon-fri", "09:00", "17:00"), ("sat", "10:00", "14:00")], false),
            hours(&[("mon-sun", "11:00", "21:00")], false),
            hours(&[("sun", "00:00", "02:30"), ("sat", "22:00", "24:00")], false),
            hours(&[], true),
        ];
        let start = at("2026-03-23T00:00:00Z");
        for h in &hs {
            for k in 0..(14 * 24 * 4) {
                let t = start + k * 900;
                assert_eq!(status(Some(h), t).is_open(), crate::hours::is_open(h, t).unwrap(), "{h:?} at {t}");
            }
        }
    }

    fn ch(kind: ChannelKind, value: &str, h: Option<Hours>) -> Channel {
        Channel { kind, value: value.into(), label: None, hours: h, languages: Vec::new(), source: Default::default() }
    }

    #[test]
    fn open_lines_first() {
        let day = hours(&[("mon-sun", "11:00", "21:00")], false);
        let chs = vec![
            ch(ChannelKind::Website, "https://x.nl", None),
            ch(ChannelKind::Phone, "0800-0432", Some(day.clone())),
            ch(ChannelKind::Chat, "https://x.nl/chat", None),
            ch(ChannelKind::Phone, "113", Some(hours(&[], true))),
        ];
        let order = |t: &str| channel_order(&chs, at(t)).iter().map(|c| c.value.as_str()).collect::<Vec<_>>();
        assert_eq!(order("2026-11-29T03:00:00+01:00"), ["113", "https://x.nl/chat", "0800-0432", "https://x.nl"]);
        assert_eq!(order("2026-11-29T12:00:00+01:00"), ["0800-0432", "113", "https://x.nl/chat", "https://x.nl"]);
    }

    #[test]
    fn phone_numbers_in_text() {
        let tels = |s: &str| {
            let mut seen = 0;
            segments(s, Lang::Nl, &mut seen)
                .into_iter()
                .filter_map(|g| match g {
                    Seg::Tel(t, h) => Some(format!("{t}={h}")),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(tels("Bel dan meteen 112."), ["112=tel:112"]);
        assert_eq!(tels("Bel 0800-0432 (gratis) of 113."), ["0800-0432=tel:08000432", "113=tel:113"]);
        assert_eq!(tels("Bel 0800 0113 112"), ["0800 0113=tel:08000113", "112=tel:112"]);
        assert_eq!(tels("Bel 088 669 6000 of +31 20 123 4567."), ["088 669 6000=tel:0886696000", "+31 20 123 4567=tel:+31201234567"]);
        assert_eq!(
            tels("Bel 0900-8844, 116111 of 0900 123 4567"),
            ["0900-8844=tel:09008844", "116111=tel:116111", "0900 123 4567=tel:09001234567"]
        );
        // Not numbers: years, times, dates, ages, long ids, parts of words.
        assert!(tels("Sinds 2015, van 09:00 tot 17:00, op 2025-12-25, 8 tot 18 jaar, art. 1124, code 1123456, A112").is_empty());
        assert!(tels("versie 1795919319 en 0123").is_empty());
        // The text around is kept.
        let mut seen = 0;
        let segs = segments("Bel 112 nu", Lang::Nl, &mut seen);
        assert_eq!(segs, [Seg::Text("Bel "), Seg::Tel("112", "tel:112".into()), Seg::Text(" nu")]);
    }

    #[test]
    fn dutch_terms_once_in_english() {
        let mut seen = 0;
        let a = segments("After a Suspension, see the school guide.", Lang::En, &mut seen);
        assert_eq!(a[1], Seg::Term("Suspension", "schorsing"));
        assert_eq!(a[3], Seg::Term("school guide", "schoolgids"));
        let b = segments("Suspension again; suspensions; expulsion", Lang::En, &mut seen);
        assert_eq!(b.iter().filter(|s| matches!(s, Seg::Term(..))).count(), 1, "{b:?}");
        let mut seen = 0;
        assert!(segments("schorsing", Lang::Nl, &mut seen).iter().all(|s| matches!(s, Seg::Text(_))));
        assert_eq!(terms_in(["With suspension or expulsion", "Ask the school board."]), 0b1000_0011);
    }

    #[test]
    fn dates() {
        assert_eq!(date_text("2026-11-28T23:30:00Z", Lang::Nl).as_deref(), Some("29 november 2026"));
        assert_eq!(date_text("2026-03-01T12:00:00Z", Lang::En).as_deref(), Some("1 March 2026"));
        assert_eq!(date_text("x", Lang::En), None);
    }
}
