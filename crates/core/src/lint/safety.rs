//! The safety rules of the content review (November 2026): each one catches a class of
//! mistake an expert found, not just the one case.
//!
//! | rule | catches |
//! |---|---|
//! | `crisis-coverage` | a crisis screen whose lines are all closed at some hour (the Kindertelefoon at night) |
//! | `sensitive-stored` | a screen about sexual abuse, danger at home or suicide that could be saved |
//! | `sensitive-untagged` | such a screen that is not tagged (Veilig Thuis, 113, CSG, Helpwanted steps; abuse words) |
//! | `mandatory-scope` | a legal duty shown to pupils or parents |
//! | `mandatory-intro` | a duty outcome whose intro says steps are optional, or does not say they are duties |
//! | `source-domain` | a contact detail sourced from someone else's site without a documented reason |
//! | `banned-phrase` | calques and jargon listed in docs/content-style.md |
//! | `a2-words` | words a primary pupil should not have to read on a screen they can reach |
//! | `overview` | an overview of the complaint system with unknown organisations or a missing audience |
//!
//! Compiled only with `full-lint` (the CLI and native tests); the app's own check keeps the
//! structural rules.

use super::{limits, Lint};
use crate::hours::{day_name, open_in_week};
use crate::model::*;
use crate::walker::edges;

const T: &str = "tree.json";
const O: &str = "organisations.json";

/// Organisations whose presence on a screen makes it a sensitive screen (never stored).
pub const SENSITIVE_ORGS: &[&str] = &["veilig_thuis", "c113", "csg", "helpwanted", "fier"];

/// Dutch word stems that make a screen sensitive when they occur in what the screen is about
/// (title, intro, question text and help, info body, step actions; not option labels, which
/// only offer a way in, nor the scope lines of a step).
pub const SENSITIVE_WORDS: &[&str] = &[
    "seksueel",
    "seksuele intimidatie",
    "seksuele grens",
    "misbruik",
    "zelfdoding",
    "niet meer leven",
    "thuis niet veilig",
    "thuis is het niet veilig",
    "veiligheid thuis",
    "huiselijk geweld",
    "kindermishandeling",
    "aan je zit",
    "aan me zit",
    "aan mijn lichaam",
    "eergerelateerd",
    "sextortion",
    "naaktfoto",
    "loverboy",
    "uitbuiting",
];

/// Phrases the content review marked as calques or jargon. (language, phrase, use instead)
pub const BANNED_PHRASES: &[(&str, &str, &str)] = &[
    ("nl", "goed voelt", "“waar jij je goed bij voelt”"),
    ("nl", "beter voelt", "“waar jij je beter bij voelt”"),
    ("nl", "veilig voelt", "“als jij je daar veilig bij voelt”"),
    ("nl", "haalbaar voelt", "“als dat kan”"),
    ("nl", "een mens", "“iemand” (“Praat met iemand”, “Er denkt iemand met je mee”)"),
    ("nl", "lhbti+", "“lhbtiq+”, as everywhere else"),
    ("en", "think along", "“help you think it through”"),
    ("en", "thinks along", "“helps you think it through”"),
    ("en", "thinking along", "“helping you think it through”"),
    ("en", "inclusive education", "“appropriate education” (OCW's term for passend onderwijs)"),
    ("en", "helps you further", "“will help you”"),
    ("en", "good that you", "“we're glad you …”"),
    ("en", "a human", "“someone”"),
];

/// Words that are not A2: a primary pupil must never meet them on a screen they can reach.
pub const NOT_A2: &[(&str, &str)] = &[
    ("zelfdoding", "“niet meer willen leven”"),
    ("seksueel geweld", "“iemand zit aan je lichaam terwijl je dat niet wilt”"),
    ("seksuele intimidatie", "say what happened in everyday words"),
    ("intimidatie", "say what happened in everyday words"),
    ("grensoverschrijdend", "say what happened in everyday words"),
    ("ontwikkelingsperspectief", "leave it out for children"),
    ("samenwerkingsverband", "leave it out for children"),
];

/// Channels a person answers (not a website or mailbox).
pub fn live_channel(ch: &Channel) -> bool {
    matches!(ch.kind, ChannelKind::Phone | ChannelKind::Chat | ChannelKind::Whatsapp | ChannelKind::Sms)
}

/// A way to reach a person: a live channel or an e-mail address.
pub fn human_channel(ch: &Channel) -> bool {
    live_channel(ch) || ch.kind == ChannelKind::Email
}

/// Bit per audience (in [`Audience::ALL`] order) of the audiences whose path from the start
/// reaches each node. The crisis node, and what follows it, is reached by every audience.
pub fn audiences_per_node(c: &Content) -> Vec<u8> {
    let n = c.tree.nodes.len();
    let mut mask = vec![0u8; n];
    let visit = |from: &str, bits: u8, mask: &mut Vec<u8>| {
        let mut stack: Vec<usize> = c.node_position(from).into_iter().collect();
        while let Some(i) = stack.pop() {
            if mask[i] & bits == bits {
                continue;
            }
            mask[i] |= bits;
            for (_, next) in edges(&c.tree.nodes[i]) {
                if let Some(j) = c.node_position(next) {
                    stack.push(j);
                }
            }
        }
    };
    if let Some(Node::Question(q)) = c.node(&c.tree.start) {
        for o in &q.options {
            let bits = match Audience::parse(&o.id) {
                Some(a) => 1 << Audience::ALL.iter().position(|x| *x == a).unwrap_or(0),
                None => 0x1f,
            };
            visit(&o.next, bits, &mut mask);
        }
    }
    visit(&c.tree.crisis, 0x1f, &mut mask);
    mask
}

const STAFF_BITS: u8 = (1 << 3) | (1 << 4);
const PRIMARY_BIT: u8 = 1;

/// Every text of a node with its field path (option labels and hints only with `labels`).
pub fn node_texts(n: &Node, labels: bool) -> Vec<(String, &Text)> {
    let mut v: Vec<(String, &Text)> = Vec::new();
    match n {
        Node::Question(q) => {
            v.push(("text".into(), &q.text));
            if let Some(h) = &q.help {
                v.push(("help".into(), h));
            }
            if labels {
                for (i, o) in q.options.iter().enumerate() {
                    v.push((format!("options[{i}].label"), &o.label));
                    if let Some(h) = &o.hint {
                        v.push((format!("options[{i}].hint"), h));
                    }
                }
                if let Some(DontKnow { label: Some(t), .. }) = &q.dont_know {
                    v.push(("dont_know.label".into(), t));
                }
            }
        }
        Node::Info(i) => {
            v.push(("title".into(), &i.title));
            v.push(("body".into(), &i.body));
            if let Some(b) = &i.button {
                v.push(("button".into(), b));
            }
        }
        Node::Outcome(o) => {
            v.push(("title".into(), &o.title));
            v.push(("intro".into(), &o.intro));
            for (i, s) in o.steps.iter().enumerate() {
                v.push((format!("steps[{i}].action"), &s.action));
                for (name, t) in [("who", &s.who), ("what_happens", &s.what_happens), ("duration", &s.duration), ("does_not", &s.does_not)]
                {
                    if let Some(t) = t {
                        v.push((format!("steps[{i}].{name}"), t));
                    }
                }
            }
        }
    }
    v
}

/// `phrase` occurs in `hay` (both lower case) as whole words.
fn contains_words(hay: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(phrase) {
        let at = from + i;
        let before = hay[..at].chars().next_back();
        let after = hay[at + phrase.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = at + phrase.len();
    }
    false
}

/// `phrase` occurs in `hay` (both lower case) at the start of a word (a stem).
fn contains_stem(hay: &str, stem: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(stem) {
        let at = from + i;
        if !hay[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = at + stem.len();
    }
    false
}

/// The host of an `https:` URL, lower case, without `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// `host` is `domain` or one of its subdomains.
fn on_domain(host: &str, domain: &str) -> bool {
    let d = domain.trim().trim_start_matches("www.").to_ascii_lowercase();
    !d.is_empty() && (host == d || host.ends_with(&format!(".{d}")))
}

pub(super) fn safety_rules(l: &mut Lint) {
    let c = l.c;
    let aud = audiences_per_node(c);

    for (idx, n) in c.tree.nodes.iter().enumerate() {
        let p = format!("nodes[id={}]", n.id());

        // Sensitive screens are never stored.
        if n.sensitive().is_some() && !n.session_only() {
            l.err(
                "sensitive-stored",
                T,
                p.clone(),
                format!("`{}` is tagged `sensitive` but could be saved on the device", n.id()),
                "add \"session_only\": true: the person who shares the device may be the one who hurts them",
            );
        }
        if n.sensitive().is_none() {
            let org_hit = match n {
                Node::Outcome(o) => o.steps.iter().find(|s| SENSITIVE_ORGS.contains(&s.org.as_str())).map(|s| s.org.clone()),
                _ => None,
            };
            // What the screen is about: its headings, intro and actions (not the scope lines of
            // a step such as the vertrouwensinspecteur's "voor seksuele intimidatie, geweld …").
            let word_hit =
                node_texts(n, false).into_iter().filter(|(f, _)| !f.contains('.') || f.ends_with(".action")).find_map(|(_, t)| {
                    let low = t.nl.to_lowercase();
                    SENSITIVE_WORDS.iter().find(|w| contains_stem(&low, w)).map(|w| w.to_string())
                });
            if let Some(why) = org_hit.map(|o| format!("it sends people to `{o}`")).or(word_hit.map(|w| format!("its text says “{w}…”")))
            {
                l.err(
                    "sensitive-untagged",
                    T,
                    p.clone(),
                    format!("`{}` is about a sensitive topic ({why}) but has no `sensitive` tag", n.id()),
                    "add \"sensitive\": \"sexual\" | \"home\" | \"suicide\" and \"session_only\": true",
                );
            }
        }

        // Legal duties: staff and leaders only, and the intro says they are duties.
        if let Node::Outcome(o) = n {
            if o.steps.iter().any(|s| s.mandatory) {
                if aud[idx] & !STAFF_BITS != 0 || aud[idx] == 0 {
                    l.err(
                        "mandatory-scope",
                        T,
                        p.clone(),
                        format!("`{}` has steps marked mandatory but pupils or parents reach it", o.id),
                        "legal duties (meldplicht, overlegplicht, aangifteplicht, meldcode) belong on staff and leader outcomes only",
                    );
                }
                let nl = o.intro.nl.to_lowercase();
                let en = o.intro.en().map(String::as_str).unwrap_or("").to_lowercase();
                let optional_nl =
                    ["hoeft niet", "hoef je niet", "overslaan", "sla stappen", "niet elke stap"].iter().find(|w| nl.contains(*w));
                let optional_en = ["don't have to", "do not have to", "skip", "not every step", "don't need to", "do not need to"]
                    .iter()
                    .find(|w| en.contains(*w));
                if let Some(w) = optional_nl.or(optional_en) {
                    l.err(
                        "mandatory-intro",
                        T,
                        format!("{p}.intro"),
                        format!("the intro says steps are optional (“{w}”) but this outcome has legal duties"),
                        "say which steps are duties, e.g. “Dit zijn wettelijke plichten. Stap 1 en 2 moet je zetten, vandaag nog.”",
                    );
                }
                if !nl.contains("plicht") || !["required", "duty", "duties", "must"].iter().any(|w| en.contains(w)) {
                    l.err(
                        "mandatory-intro",
                        T,
                        format!("{p}.intro"),
                        "an outcome with mandatory steps must say in its intro that they are duties".into(),
                        "say “verplicht” / “wettelijke plicht” in Dutch and “required” / “duty” / “must” in English",
                    );
                }
            }
        }

        // A2: words a primary pupil should not meet.
        if aud[idx] & PRIMARY_BIT != 0 {
            for (field, t) in node_texts(n, true) {
                let low = t.nl.to_lowercase();
                if let Some((w, instead)) = NOT_A2.iter().find(|(w, _)| contains_stem(&low, w)) {
                    l.err(
                        "a2-words",
                        T,
                        format!("{p}.{field}.nl"),
                        format!("“{w}” is not A2, and primary pupils reach this screen"),
                        &format!("use everyday words: {instead}"),
                    );
                }
            }
        }
    }

    // Phone numbers written in texts are numbers the directory knows (a typo sends a child to
    // a stranger), and a step does not call a paid line free.
    let known: Vec<String> = c
        .directory
        .organisations
        .iter()
        .flat_map(|o| o.channels.iter())
        .filter(|ch| matches!(ch.kind, ChannelKind::Phone | ChannelKind::Sms | ChannelKind::Whatsapp))
        .map(|ch| ch.value.chars().filter(char::is_ascii_digit).collect())
        .collect();
    for n in &c.tree.nodes {
        for (field, t) in node_texts(n, true) {
            for s in t.all().map(|(_, s)| s.as_str()) {
                for num in phone_numbers(s) {
                    if !known.contains(&num) {
                        l.err(
                            "unknown-number",
                            T,
                            format!("nodes[id={}].{field}", n.id()),
                            format!("the number {num} is not a phone channel of any organisation in the directory"),
                            "check the number against its source and add it as a sourced channel, or correct the text",
                        );
                    }
                }
            }
        }
        if let Node::Outcome(o) = n {
            for (i, st) in o.steps.iter().enumerate() {
                let Some(org) = c.org(&st.org) else { continue };
                if org.cost == Cost::Paid {
                    let says_free = [Some(&st.action), st.what_happens.as_ref(), st.who.as_ref()].into_iter().flatten().any(|t| {
                        contains_words(&t.nl.to_lowercase(), "gratis")
                            || t.en().map(String::as_str).is_some_and(|e| contains_words(&e.to_lowercase(), "free"))
                    });
                    // "Gratis hulp" is true of many services behind a paid number: then the step
                    // must also say what the call costs.
                    let says_cost =
                        [Some(&st.action), st.what_happens.as_ref(), st.who.as_ref(), st.duration.as_ref(), st.does_not.as_ref()]
                            .into_iter()
                            .flatten()
                            .any(|t| {
                                let nl = t.nl.to_lowercase();
                                let en = t.en().map(String::as_str).unwrap_or("").to_lowercase();
                                ["tarief", "kost", "betaal"].iter().any(|w| nl.contains(w))
                                    && ["rate", "cost", "pay", "charge"].iter().any(|w| en.contains(w))
                            });
                    if says_free && !says_cost {
                        l.err(
                            "cost-claim",
                            T,
                            format!("nodes[id={}].steps[{i}]", o.id),
                            format!("the step says it is free, but calling `{}` costs money (cost: paid)", org.id),
                            "do not call a 0900 number free; if the help is free, also say what the call costs (“lokaal tarief”)",
                        );
                    }
                }
            }
        }
    }

    // No two questions in a row with the same heading (a person thinks the click did nothing).
    for n in &c.tree.nodes {
        let Node::Question(q) = n else { continue };
        for (_, next) in edges(n) {
            if let Some(Node::Question(q2)) = c.node(next) {
                if q2.text.nl.trim() == q.text.nl.trim() {
                    l.err(
                        "repeated-heading",
                        T,
                        format!("nodes[id={}].text", q2.id),
                        format!("`{}` follows `{}` with the same question “{}”", q2.id, q.id, q.text.nl),
                        "ask the second question in its own words, so the step change is visible",
                    );
                }
            }
        }
    }

    // Around-the-clock coverage of every crisis screen.
    for n in &c.tree.nodes {
        let Node::Outcome(o) = n else { continue };
        if !o.urgent {
            continue;
        }
        let hours: Vec<&Hours> = o
            .steps
            .iter()
            .filter_map(|s| c.org(&s.org))
            .filter(|org| org.human)
            .flat_map(|org| org.channels.iter())
            .filter(|ch| live_channel(ch))
            .filter_map(|ch| ch.hours.as_ref())
            .collect();
        if let Some((day, minute)) = first_uncovered_slot(&hours) {
            l.err(
                "crisis-coverage",
                T,
                format!("nodes[id={}]", o.id),
                format!(
                    "no human line on this crisis screen is open on {} {:02}:{:02} (Europe/Amsterdam)",
                    day_name(day, Lang::Nl),
                    minute / 60,
                    minute % 60
                ),
                "add a line that is open then (24/7: 112, 113, Veilig Thuis) with its sourced hours",
            );
        }
    }

    // Banned phrases, in every text of the tree and the directory.
    let mut texts: Vec<(&'static str, String, &Text)> = Vec::new();
    for n in &c.tree.nodes {
        for (field, t) in node_texts(n, true) {
            texts.push((T, format!("nodes[id={}].{field}", n.id()), t));
        }
    }
    for org in &c.directory.organisations {
        texts.push((O, format!("organisations[id={}].name", org.id), &org.name));
        texts.push((O, format!("organisations[id={}].purpose", org.id), &org.purpose));
    }
    for ov in &c.tree.overview {
        for (i, r) in ov.rungs.iter().enumerate() {
            texts.push((T, format!("overview[{}].rungs[{i}].does", ov.audience.id()), &r.does));
            if let Some(d) = &r.does_not {
                texts.push((T, format!("overview[{}].rungs[{i}].does_not", ov.audience.id()), d));
            }
        }
    }
    let mut lists: Vec<(String, &String, &'static str)> = Vec::new();
    for org in &c.directory.organisations {
        for (name, list) in [("can", &org.can), ("cannot", &org.cannot)] {
            for s in &list.nl {
                lists.push((format!("organisations[id={}].{name}", org.id), s, "nl"));
            }
            for s in list.en().into_iter().flatten() {
                lists.push((format!("organisations[id={}].{name}", org.id), s, "en"));
            }
        }
    }
    let check = |l: &mut Lint, file: &'static str, path: &str, lang: &str, s: &str| {
        let low = s.to_lowercase();
        for (bl, phrase, instead) in BANNED_PHRASES {
            if *bl == lang && contains_words(&low, phrase) {
                l.err(
                    "banned-phrase",
                    file,
                    format!("{path}.{lang}"),
                    format!("“{phrase}” is on the list of banned phrases"),
                    &format!("use {instead}"),
                );
            }
        }
    };
    for (file, path, t) in &texts {
        check(l, file, path, "nl", &t.nl);
        if let Some(en) = t.en() {
            check(l, file, path, "en", en);
        }
    }
    for (path, s, lang) in &lists {
        check(l, O, path, lang, s);
    }

    // Sources: on the organisation's own domain, unless a documented exception says why.
    for org in &c.directory.organisations {
        let mut own: Vec<String> = org.domains.iter().map(|d| d.trim().trim_start_matches("www.").to_ascii_lowercase()).collect();
        own.extend(
            org.channels
                .iter()
                .filter(|ch| matches!(ch.kind, ChannelKind::Website | ChannelKind::Chat))
                .filter_map(|ch| url_host(&ch.value)),
        );
        let sources = org.source.iter().map(|s| (format!("organisations[id={}].source", org.id), s)).chain(
            org.channels.iter().enumerate().map(|(i, ch)| (format!("organisations[id={}].channels[{i}].source", org.id), &ch.source)),
        );
        for (path, src) in sources {
            if src.exception.as_deref().is_some_and(|e| !e.trim().is_empty()) {
                continue;
            }
            let ok = url_host(&src.url).is_some_and(|h| own.iter().any(|d| on_domain(&h, d)));
            if !ok {
                l.err(
                    "source-domain",
                    O,
                    path,
                    format!(
                        "source `{}` is not on {}'s own site ({})",
                        src.url,
                        org.id,
                        if own.is_empty() { "no `domains` listed".to_string() } else { own.join(", ") }
                    ),
                    "re-check the detail on the organisation's own page, or add \"exception\": \"why this source\" (e.g. a law text)",
                );
            }
        }
    }

    // The last rung reaches a person.
    for n in &c.tree.nodes {
        let Node::Outcome(o) = n else { continue };
        if let Some(last) = o.steps.last() {
            if let Some(org) = c.org(&last.org) {
                if org.human && org.kind != OrgKind::InSchool && !org.channels.iter().any(human_channel) {
                    l.err(
                        "human-fallback",
                        T,
                        format!("nodes[id={}].steps[{}]", o.id, o.steps.len() - 1),
                        format!("the last step (`{}`) promises a person but has no phone, chat or e-mail", last.org),
                        "end with a line a person answers (Kindertelefoon, Ouders & Onderwijs, School & Veiligheid …)",
                    );
                }
            }
        }
    }

    // The overview of the complaint system.
    let mut seen = Vec::new();
    for (i, ov) in c.tree.overview.iter().enumerate() {
        let p = format!("overview[{i}]");
        if seen.contains(&ov.audience) {
            l.err("overview", T, p.clone(), format!("audience `{}` has two overviews", ov.audience.id()), "keep one per audience");
        }
        seen.push(ov.audience);
        l.text(T, format!("{p}.title"), &ov.title, limits::TITLE);
        l.text(T, format!("{p}.intro"), &ov.intro, limits::BODY);
        if ov.rungs.is_empty() {
            l.err("overview", T, format!("{p}.rungs"), "no rungs".into(), "list the places from inside the school to the national bodies");
        }
        for (j, r) in ov.rungs.iter().enumerate() {
            if c.org(&r.org).is_none() {
                l.err(
                    "unknown-organisation",
                    T,
                    format!("{p}.rungs[{j}].org"),
                    format!("`{}` is not in organisations.json", r.org),
                    "fix the id or add the organisation",
                );
            }
            l.text(T, format!("{p}.rungs[{j}].does"), &r.does, limits::ORG_LINE);
            if let Some(d) = &r.does_not {
                l.text(T, format!("{p}.rungs[{j}].does_not"), d, limits::ORG_LINE);
            }
        }
    }
    for a in Audience::ALL {
        if !seen.contains(&a) {
            l.err(
                "overview",
                T,
                "overview".into(),
                format!("no overview of the complaint system for `{}`", a.id()),
                "add one (the “In één oogopslag” page shows it): the ladder from inside the school to the national bodies",
            );
        }
    }
}

/// The first 15-minute slot of the week (Monday first) in which none of `hours` is open.
pub fn first_uncovered_slot(hours: &[&Hours]) -> Option<(usize, u32)> {
    (0..7).flat_map(|d| (0..96).map(move |q| (d, q * 15))).find(|&(d, m)| !hours.iter().any(|h| open_in_week(h, d, m)))
}

/// Phone numbers in a text, as digits: runs of digits, spaces and dashes that start with `0`
/// and have at least 8 digits (0800-0432, 030-225 50 50), or the short lines 112 and 113.
pub fn phone_numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_alphanumeric()) {
            let mut j = i;
            let mut last_digit = i;
            while j < b.len() && (b[j].is_ascii_digit() || ((b[j] == ' ' || b[j] == '-') && b.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                if b[j].is_ascii_digit() {
                    last_digit = j;
                }
                j += 1;
            }
            let digits: String = b[i..=last_digit].iter().filter(|c| c.is_ascii_digit()).collect();
            let ends_word = !b.get(last_digit + 1).is_some_and(|c| c.is_alphanumeric());
            if ends_word && ((digits.starts_with('0') && digits.len() >= 8) || digits == "112" || digits == "113") {
                out.push(digits);
            }
            i = last_digit + 1;
        } else {
            i += 1;
        }
    }
    out
}
