//! Every content rule of spec section 3. The CLI refuses to sign content with errors;
//! each diagnostic names the file, the JSON path or node id, what is wrong and what to do.

#[cfg(feature = "full-lint")]
mod safety;
#[cfg(feature = "full-lint")]
pub use safety::{
    audiences_per_node, first_uncovered_slot, human_channel, live_channel, node_texts, phone_numbers, BANNED_PHRASES, NOT_A2,
    SENSITIVE_ORGS, SENSITIVE_WORDS,
};

use crate::markup;
use crate::model::*;
use crate::walker::{edges, route_to};

/// True when an item before position `i` has the same key: a duplicate. A scan of the items
/// before it, not a set: the lists are short (at most a few hundred), and a set type per key
/// costs about a kilobyte of wasm each.
fn repeated<'a, T, K: PartialEq>(items: &'a [T], i: usize, key: impl Fn(&'a T) -> K) -> bool {
    items[..i].iter().any(|x| key(x) == key(&items[i]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule name, e.g. `dangling-reference`.
    pub rule: &'static str,
    /// `tree.json` or `organisations.json`.
    pub file: &'static str,
    /// JSON path such as `nodes[id=start].options[1].next`.
    pub path: String,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}] {} {}: {}\n  hint: {}", self.rule, self.file, self.path, self.message, self.hint)
    }
}

pub fn has_errors(d: &[Diagnostic]) -> bool {
    d.iter().any(|d| d.severity == Severity::Error)
}

/// Screen-size limits in characters (Dutch and English alike).
pub mod limits {
    pub const QUESTION: usize = 140;
    pub const HELP: usize = 600;
    pub const OPTION: usize = 90;
    pub const HINT: usize = 160;
    pub const TITLE: usize = 90;
    pub const BODY: usize = 900;
    pub const STEP_FIELD: usize = 400;
    pub const ORG_LINE: usize = 200;
    pub const MIN_OPTIONS: usize = 2;
    pub const MAX_OPTIONS: usize = 7;
    /// Verification older than this many days is an error (the detail may be wrong now).
    pub const STALE_DAYS: i64 = 365;
    /// Verification older than this many days is a warning (re-check soon).
    pub const STALE_WARN_DAYS: i64 = 183;
}

/// Text, translation, source and opening-hours rules are compiled only with the
/// `full-lint` feature (the CLI). The app's client-side check keeps the structural rules
/// (references, reachability, cycles, dead ends, options, human fallback), which is what
/// protects the walker, at a fraction of the wasm size.
const FULL: bool = cfg!(feature = "full-lint");

/// A diagnostic. In the client (no `full-lint`) only errors are kept, with their rule and
/// file: the app needs the verdict and logs the rule; the paths, messages and hints (their
/// text and formatting code) stay out of the wasm.
macro_rules! lint_err {
    ($l:expr, $rule:expr, $file:expr, $path:expr, $msg:expr, $hint:expr $(,)?) => {
        if FULL {
            $l.err($rule, $file, $path, $msg, $hint)
        } else {
            $l.err($rule, $file, String::new(), String::new(), "")
        }
    };
}

macro_rules! lint_warn {
    ($l:expr, $rule:expr, $file:expr, $path:expr, $msg:expr, $hint:expr $(,)?) => {
        if FULL {
            $l.warn($rule, $file, $path, $msg, $hint)
        }
    };
}

struct Lint<'a> {
    c: &'a Content,
    today: i64,
    out: Vec<Diagnostic>,
    /// Organisation names that are proper names (the same in Dutch and English), which every
    /// translation must keep exactly.
    #[cfg_attr(not(feature = "full-lint"), allow(dead_code))]
    names: Vec<String>,
}

impl Lint<'_> {
    fn push(&mut self, severity: Severity, rule: &'static str, file: &'static str, path: String, message: String, hint: &str) {
        self.out.push(Diagnostic { severity, rule, file, path, message, hint: hint.to_string() });
    }
    fn err(&mut self, rule: &'static str, file: &'static str, path: String, message: String, hint: &str) {
        self.push(Severity::Error, rule, file, path, message, hint)
    }
    fn warn(&mut self, rule: &'static str, file: &'static str, path: String, message: String, hint: &str) {
        self.push(Severity::Warning, rule, file, path, message, hint)
    }

    /// Translation, length, markup links and raw HTML of one text.
    fn text(&mut self, file: &'static str, path: String, t: &Text, max: usize) {
        if !FULL {
            return;
        }
        if t.nl.trim().is_empty() {
            self.err("empty-text", file, path.clone(), "the Dutch text is empty".into(), "write the text in `nl`");
        }
        match t.en() {
            Some(en) if !en.trim().is_empty() => {}
            _ if self.today == UNDATED => {}
            _ => self.err(
                "missing-translation",
                file,
                path.clone(),
                "no English translation".into(),
                "add an `en` text with the same meaning",
            ),
        }
        for (lang, s) in t.all() {
            let len = markup::plain(s).chars().count();
            // Other scripts and languages run longer than Dutch; the phone-screen limit is
            // a Dutch and English writing rule, translations get half as much again.
            let cap = if lang == Lang::Nl || lang == Lang::En { max } else { max + max / 2 };
            if len > cap {
                self.err(
                    "text-too-long",
                    file,
                    format!("{path}.{}", lang.code()),
                    format!("{len} characters, more than the {cap} that fit a phone screen"),
                    "shorten the text or split it over help text and a follow-up screen",
                );
            }
            self.markup(file, format!("{path}.{}", lang.code()), s);
            if lang != Lang::Nl {
                self.translation_facts(file, format!("{path}.{}", lang.code()), &t.nl, s);
            }
        }
    }

    /// A translation says the same numbers, links and organisation names as the Dutch:
    /// a translator's typo must not send a parent to a stranger's phone.
    #[cfg(not(feature = "full-lint"))]
    fn translation_facts(&mut self, _: &'static str, _: String, _: &str, _: &str) {}

    /// A translation says the same numbers, links and organisation names as the Dutch.
    #[cfg(feature = "full-lint")]
    fn translation_facts(&mut self, file: &'static str, path: String, nl: &str, tr: &str) {
        if self.today == UNDATED {
            return; // checked on the source before signing
        }
        let mut problems = Vec::new();
        let (mut a, mut b) = (safety::phone_numbers(nl), safety::phone_numbers(tr));
        a.sort();
        b.sort();
        if a != b {
            problems.push(format!("phone numbers {a:?} in Dutch, {b:?} here"));
        }
        let (mut a, mut b) = (markup::links(nl), markup::links(tr));
        a.sort();
        b.sort();
        if a != b {
            problems.push(format!("links {a:?} in Dutch, {b:?} here"));
        }
        for name in &self.names {
            if nl.contains(name.as_str()) && !tr.contains(name.as_str()) {
                problems.push(format!("the organisation name `{name}` is missing or changed"));
            }
        }
        if !problems.is_empty() {
            self.err(
                "translation-facts",
                file,
                path,
                problems.join("; "),
                "keep phone numbers, links and organisation names exactly as in the Dutch text",
            );
        }
    }

    fn markup(&mut self, file: &'static str, path: String, s: &str) {
        for href in markup::links(s) {
            if !markup::allowed_href(&href) {
                self.err(
                    "link-scheme",
                    file,
                    path.clone(),
                    format!("link `{href}` uses a scheme that is not allowed"),
                    "links may only use https:, tel: or mailto:",
                );
            }
        }
        let b = s.as_bytes();
        if b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/')) {
            self.warn(
                "raw-html",
                file,
                path,
                "looks like HTML; it will be shown as plain characters, never rendered".into(),
                "use the content markup: blank lines, `- ` lists, *emphasis*, [label](https://…)",
            );
        }
    }

    fn list(&mut self, file: &'static str, path: String, l: &TextList) {
        if !FULL {
            return;
        }
        match l.en() {
            Some(en) if en.len() == l.nl.len() => {}
            _ if self.today == UNDATED => {}
            _ => self.err(
                "missing-translation",
                file,
                path.clone(),
                format!("English list must have the same {} items as the Dutch", l.nl.len()),
                "add `en` with one translation per Dutch item",
            ),
        }
        for (i, s) in l.all().flat_map(|(_, v)| v.iter()).enumerate() {
            if s.chars().count() > limits::ORG_LINE {
                self.err("text-too-long", file, format!("{path}[{i}]"), "list item too long".into(), "keep each item to one line");
            }
            self.markup(file, format!("{path}[{i}]"), s);
        }
    }

    fn date_check(&mut self, path: String, src: &Source) {
        match crate::time::parse_date(&src.checked) {
            // The client does not know the date reliably (its clock may be wrong, and content
            // expiry already bounds age): no staleness verdict there.
            Some(_) if self.today == UNDATED => {}
            None => self.err(
                "verification-missing",
                "organisations.json",
                path.clone(),
                format!("`checked` is `{}`, not a date YYYY-MM-DD", src.checked),
                "record the date the detail was checked against its source",
            ),
            Some(d) if d > self.today => self.err(
                "verification-missing",
                "organisations.json",
                path.clone(),
                format!("`checked` {} is in the future", src.checked),
                "use the date the detail was actually checked",
            ),
            Some(d) if self.today - d > limits::STALE_DAYS => self.err(
                "verification-stale",
                "organisations.json",
                path.clone(),
                format!("last checked {} ({} days ago, more than a year)", src.checked, self.today - d),
                "check the detail against its source again and update `checked`; an unchecked detail may send someone to a dead line",
            ),
            Some(d) if self.today - d > limits::STALE_WARN_DAYS => self.warn(
                "verification-stale",
                "organisations.json",
                path.clone(),
                format!("last checked {} ({} days ago)", src.checked, self.today - d),
                "check the detail against its source again and update `checked`",
            ),
            _ => {}
        }
        if src.url.trim().is_empty() {
            self.err(
                "verification-missing",
                "organisations.json",
                format!("{path}.url"),
                "no source".into(),
                "name the https: page or the document where the detail was found",
            );
        }
    }
}

/// `today` for [`lint`] when a signed bundle is accepted (the app, `wegwijzer verify`): the
/// date is not known reliably, so the date rules are skipped, and a bundle holds Dutch plus at
/// most one other language, so translation completeness is not checked (`wegwijzer check`
/// and `sign` check it on the source).
pub const UNDATED: i64 = i64::MAX / 4;

/// Run every rule. `today` is days since 1970-01-01 (for stale verification), or [`UNDATED`].
pub fn lint(c: &Content, today: i64) -> Vec<Diagnostic> {
    let names = if FULL {
        c.directory.organisations.iter().filter(|o| o.name.en().is_none_or(|en| *en == o.name.nl)).map(|o| o.name.nl.clone()).collect()
    } else {
        Vec::new()
    };
    let mut l = Lint { c, today, out: Vec::new(), names };
    tree_rules(&mut l);
    directory_rules(&mut l);
    site_rules(&mut l);
    // The safety rules judge the source content (every language, real dates); a signed
    // bundle being accepted was held to them before it could be signed.
    #[cfg(feature = "full-lint")]
    if today != UNDATED {
        safety::safety_rules(&mut l);
    }
    l.out
}

fn tree_rules(l: &mut Lint) {
    const T: &str = "tree.json";
    let c = l.c;
    let tree = &c.tree;

    // Unique ids.
    for (i, n) in tree.nodes.iter().enumerate() {
        // A node whose id finds an earlier node (by the content's index, not a scan: trees
        // run to hundreds of nodes).
        if c.node_position(n.id()) != Some(i) {
            lint_err!(l, "duplicate-id", T, format!("nodes[id={}]", n.id()), "node id used twice".into(), "give every node a unique id");
        }
        if n.id().is_empty() || !n.id().chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
            lint_err!(l, "bad-id", T, format!("nodes[id={}]", n.id()), "ids use a-z, 0-9, - and _".into(), "rename the node");
        }
    }

    // Entry points.
    for (name, id) in [("start", &tree.start), ("crisis", &tree.crisis)] {
        match c.node(id) {
            None => lint_err!(l, "dangling-reference", T, name.into(), format!("`{id}` is not a node"), "point it at an existing question"),
            Some(Node::Question(_)) => {}
            Some(_) => lint_err!(l, "entry-kind", T, name.into(), format!("`{id}` must be a question"), "point it at a question node"),
        }
    }
    if let Some(Node::Question(q)) = c.node(&tree.start) {
        for (i, o) in q.options.iter().enumerate() {
            if Audience::parse(&o.id).is_none() && o.next != tree.crisis {
                lint_err!(
                    l,
                    "start-options",
                    T,
                    format!("nodes[id={}].options[{i}]", q.id),
                    format!("option `{}` of the start question is not an audience id", o.id),
                    "use pupil_primary, pupil_secondary, parent, employee or leader (or lead to the crisis node)",
                );
            }
        }
        // Every audience reaches the crisis branch in one step from its first screen.
        for o in q.options.iter().filter(|o| Audience::parse(&o.id).is_some()) {
            let ok = c.node(&o.next).is_some_and(|n| n.id() == tree.crisis || edges(n).iter().any(|(_, nx)| *nx == tree.crisis));
            if !ok {
                lint_err!(
                    l,
                    "crisis-reach",
                    T,
                    format!("nodes[id={}]", o.next),
                    format!("audience `{}` cannot reach the crisis node in one step", o.id),
                    "add an option \"Ik ben nu in gevaar\" leading to the crisis node",
                );
            }
        }
    }

    // Per node.
    for n in &tree.nodes {
        let p = if FULL { format!("nodes[id={}]", n.id()) } else { String::new() };
        for (choice, next) in edges(n) {
            if c.node(next).is_none() {
                lint_err!(
                    l,
                    "dangling-reference",
                    T,
                    format!("{p}.{choice}.next"),
                    format!("`{next}` is not a node"),
                    "fix the id or add the node",
                );
            }
        }
        match n {
            Node::Question(q) => {
                if FULL {
                    l.text(T, format!("{p}.text"), &q.text, limits::QUESTION)
                }
                if let Some(h) = &q.help {
                    if FULL {
                        l.text(T, format!("{p}.help"), h, limits::HELP)
                    }
                }
                let count = q.options.len();
                if !(limits::MIN_OPTIONS..=limits::MAX_OPTIONS).contains(&count) {
                    lint_err!(
                        l,
                        "options-count",
                        T,
                        format!("{p}.options"),
                        format!("{count} options; a question has 2 to 7"),
                        "split the question or merge options",
                    );
                }
                for (i, o) in q.options.iter().enumerate() {
                    if repeated(&q.options, i, |o| o.id.as_str()) || o.id == DONT_KNOW || o.id == CONTINUE {
                        lint_err!(
                            l,
                            "duplicate-id",
                            T,
                            format!("{p}.options[{i}]"),
                            format!("option id `{}` is used twice or reserved", o.id),
                            "option ids are unique per question; `dont_know` and `continue` are reserved",
                        );
                    }
                    if FULL {
                        l.text(T, format!("{p}.options[{i}].label"), &o.label, limits::OPTION)
                    }
                    if let Some(h) = &o.hint {
                        if FULL {
                            l.text(T, format!("{p}.options[{i}].hint"), h, limits::HINT)
                        }
                    }
                }
                if let Some(DontKnow { label: Some(t), .. }) = &q.dont_know {
                    if FULL {
                        l.text(T, format!("{p}.dont_know.label"), t, limits::OPTION)
                    }
                }
            }
            Node::Info(i) => {
                if FULL {
                    l.text(T, format!("{p}.title"), &i.title, limits::TITLE)
                }
                if FULL {
                    l.text(T, format!("{p}.body"), &i.body, limits::BODY)
                }
                if let Some(b) = &i.button {
                    if FULL {
                        l.text(T, format!("{p}.button"), b, limits::OPTION)
                    }
                }
            }
            Node::Outcome(o) => {
                if FULL {
                    l.text(T, format!("{p}.title"), &o.title, limits::TITLE)
                }
                if FULL {
                    l.text(T, format!("{p}.intro"), &o.intro, limits::BODY)
                }
                if o.steps.is_empty() {
                    lint_err!(
                        l,
                        "human-fallback",
                        T,
                        format!("{p}.steps"),
                        "an outcome without steps".into(),
                        "add the steps, ending with a human"
                    );
                }
                for (i, s) in o.steps.iter().enumerate() {
                    let sp = if FULL { format!("{p}.steps[{i}]") } else { String::new() };
                    if c.org(&s.org).is_none() {
                        lint_err!(
                            l,
                            "unknown-organisation",
                            T,
                            format!("{sp}.org"),
                            format!("`{}` is not in organisations.json", s.org),
                            "fix the id or add the organisation"
                        );
                    }
                    if FULL {
                        l.text(T, format!("{sp}.action"), &s.action, limits::TITLE * 2)
                    }
                    for (name, t) in
                        [("who", &s.who), ("what_happens", &s.what_happens), ("duration", &s.duration), ("does_not", &s.does_not)]
                    {
                        if let Some(t) = t {
                            if FULL {
                                l.text(T, format!("{sp}.{name}"), t, limits::STEP_FIELD)
                            }
                        }
                    }
                }
                if let Some(last) = o.steps.last() {
                    if c.org(&last.org).is_some_and(|org| !org.human) {
                        lint_err!(
                            l,
                            "human-fallback",
                            T,
                            format!("{p}.steps[{}]", o.steps.len() - 1),
                            format!("the last step (`{}`) is not a human contact", last.org),
                            "end the ladder with the helpdesk or another organisation with `human: true`",
                        );
                    }
                }
            }
        }
    }

    // Always-shown help.
    for (i, id) in std::iter::once(&tree.always.helpdesk).chain(&tree.always.crisis).chain(&tree.always.escalation).enumerate() {
        match c.org(id) {
            None => lint_err!(
                l,
                "unknown-organisation",
                T,
                format!("always[{i}]"),
                format!("`{id}` is not in organisations.json"),
                "fix the id"
            ),
            // The helpdesk may be a website (the official wegwijzer has no verified phone, chat
            // or e-mail); the crisis lines must be people.
            Some(o) if o.channels.is_empty() || (i > 0 && !o.human) => lint_err!(
                l,
                "human-fallback",
                T,
                format!("always[{i}]"),
                format!("`{id}` is shown on every screen but has no human channel"),
                "use an organisation with `human: true` and a sourced channel",
            ),
            _ => {}
        }
    }
    if !tree.always.exit_url.starts_with("https://") {
        lint_err!(l, "link-scheme", T, "always.exit_url".into(), "the quick-exit site must be https:".into(), "use a neutral https: site");
    }

    // Reachability, cycles, dead ends: on node indices, built once (the client runs this on
    // every load, and string-keyed walks cost tens of milliseconds in a cold wasm).
    let g = Graph::new(c);
    let reach = g.reachable([c.node_position(&tree.start), c.node_position(&tree.crisis)]);
    for (i, n) in tree.nodes.iter().enumerate() {
        if !reach[i] {
            lint_err!(
                l,
                "unreachable",
                T,
                format!("nodes[id={}]", n.id()),
                "no path from the start reaches this node".into(),
                "link it from a question or remove it"
            );
        }
    }
    for i in g.cycle_nodes() {
        lint_err!(
            l,
            "cycle",
            T,
            format!("nodes[id={}]", tree.nodes[i].id()),
            "this node is on a cycle".into(),
            "a path must always move forward to an outcome"
        );
    }
    let leads_to_outcome = g.outcome_reaching(c);
    for (i, n) in tree.nodes.iter().enumerate() {
        if !matches!(n, Node::Outcome(_)) && !leads_to_outcome[i] {
            lint_err!(
                l,
                "dead-end",
                T,
                format!("nodes[id={}]", n.id()),
                "no path from here reaches an outcome".into(),
                "give every option a next node that ends in an outcome"
            );
        }
    }

    // Topics.
    for (i, t) in tree.topics.iter().enumerate() {
        let p = if FULL { format!("topics[{i}]") } else { String::new() };
        if repeated(&tree.topics, i, |t| t.id.as_str()) {
            lint_err!(l, "duplicate-id", T, p.clone(), format!("topic id `{}` used twice", t.id), "make topic ids unique");
        }
        if FULL {
            l.text(T, format!("{p}.label"), &t.label, limits::OPTION)
        }
        if t.keywords.nl.is_empty() || (l.today != UNDATED && t.keywords.en().is_none_or(|e| e.is_empty())) {
            lint_err!(
                l,
                "missing-translation",
                T,
                format!("{p}.keywords"),
                "keywords in both languages are needed".into(),
                "add `nl` and `en` keywords"
            );
        }
        for (aud, target) in &t.entry {
            if Audience::parse(aud).is_none() {
                lint_err!(l, "topic-entry", T, format!("{p}.entry.{aud}"), format!("`{aud}` is not an audience"), "use an audience id");
            } else if c.node(target).is_none() {
                lint_err!(l, "dangling-reference", T, format!("{p}.entry.{aud}"), format!("`{target}` is not a node"), "fix the id");
            } else if route_to(c, &tree.start, aud, target).is_none() {
                lint_err!(
                    l,
                    "topic-entry",
                    T,
                    format!("{p}.entry.{aud}"),
                    format!("`{target}` cannot be reached through `{aud}`"),
                    "point it at a node of that audience's branch"
                );
            }
        }
    }
}

/// The tree as successor lists of node indices (edges to unknown ids are left out; the
/// dangling-reference rule reports those).
struct Graph {
    succ: Vec<Vec<usize>>,
}

impl Graph {
    fn new(c: &Content) -> Graph {
        let succ = c.tree.nodes.iter().map(|n| edges(n).into_iter().filter_map(|(_, x)| c.node_position(x)).collect()).collect();
        Graph { succ }
    }

    /// Nodes reachable from the entry points `from` (including themselves).
    fn reachable(&self, from: [Option<usize>; 2]) -> Vec<bool> {
        let mut seen = vec![false; self.succ.len()];
        let mut stack: Vec<usize> = from.into_iter().flatten().collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(self.succ[i].iter().copied().filter(|&j| !seen[j]));
            }
        }
        seen
    }

    /// Nodes on a cycle, ascending (iterative colour DFS, so deep trees cannot overflow the stack).
    fn cycle_nodes(&self) -> Vec<usize> {
        let mut state = vec![0u8; self.succ.len()]; // 1 = on stack, 2 = done
        let mut on_cycle = vec![false; self.succ.len()];
        for root in 0..self.succ.len() {
            if state[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = 1;
            while let Some((i, k)) = stack.pop() {
                if let Some(&next) = self.succ[i].get(k) {
                    stack.push((i, k + 1));
                    match state[next] {
                        1 => on_cycle[next] = true,
                        0 => {
                            state[next] = 1;
                            stack.push((next, 0));
                        }
                        _ => {}
                    }
                } else {
                    state[i] = 2;
                }
            }
        }
        (0..on_cycle.len()).filter(|&i| on_cycle[i]).collect()
    }

    /// Nodes from which some outcome is reachable: a walk over reversed edges from the outcomes.
    fn outcome_reaching(&self, c: &Content) -> Vec<bool> {
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); self.succ.len()];
        for (i, s) in self.succ.iter().enumerate() {
            for &j in s {
                pred[j].push(i);
            }
        }
        let mut good = vec![false; self.succ.len()];
        let mut stack: Vec<usize> =
            c.tree.nodes.iter().enumerate().filter(|(_, n)| matches!(n, Node::Outcome(_))).map(|(i, _)| i).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut good[i], true) {
                stack.extend(pred[i].iter().copied().filter(|&j| !good[j]));
            }
        }
        good
    }
}

/// The route ids of the info pages the app has.
pub const PAGE_IDS: [&str; 4] = ["veiligheid", "toegankelijkheid", "over", "scholen"];

/// `site.json`: languages, interface strings, info pages; and that every translation in the
/// content is in a declared language.
#[cfg(not(feature = "full-lint"))]
fn site_rules(_: &mut Lint) {}

#[cfg(feature = "full-lint")]
fn site_rules(l: &mut Lint) {
    if l.today == UNDATED {
        return;
    }
    const S: &str = "site.json";
    let c = l.c;
    let site = &c.site;
    // Languages: Dutch first as the source, unique codes, honest review records.
    match site.languages.first() {
        Some(x) if x.code == Lang::Nl && x.review.status == ReviewStatus::Source => {}
        _ => l.err(
            "site-languages",
            S,
            "languages[0]".into(),
            "the first language must be Dutch, with status `source`".into(),
            "put {\"code\": \"nl\", …, \"review\": {\"status\": \"source\"}} first",
        ),
    }
    for (i, x) in site.languages.iter().enumerate() {
        if repeated(&site.languages, i, |x| x.code) {
            l.err(
                "site-languages",
                S,
                format!("languages[{i}]"),
                format!("`{}` is listed twice", x.code.code()),
                "list each language once",
            );
        }
        if x.code != Lang::Nl && x.review.status == ReviewStatus::Source {
            l.err("site-languages", S, format!("languages[{i}]"), "only Dutch is the source".into(), "use `reviewed` or `unreviewed`");
        }
        if x.review.status == ReviewStatus::Reviewed
            && (x.review.by.as_deref().is_none_or(|b| b.trim().is_empty())
                || x.review.date.as_deref().and_then(crate::time::parse_date).is_none())
        {
            l.err(
                "review-record",
                S,
                format!("languages[{i}].review"),
                "a reviewed translation names who reviewed it and when".into(),
                "add `by` (a person or organisation) and `date` (YYYY-MM-DD), or mark it `unreviewed`",
            );
        }
        if x.name.trim().is_empty() {
            l.err(
                "site-languages",
                S,
                format!("languages[{i}].name"),
                "the language's own name is empty".into(),
                "write the name in the language itself (\"Türkçe\")",
            );
        }
    }
    let declared: Vec<Lang> = site.languages.iter().map(|x| x.code).collect();
    // Interface strings: every key the app uses, nothing unknown, in every language's shape.
    for k in crate::ui::Ui::KEYS.iter().chain(crate::words::KEYS[3..].iter()) {
        match site.ui.get(*k) {
            None => l.err("ui-missing", S, format!("ui.{k}"), "the app needs this interface string".into(), "add it with `nl` and `en`"),
            Some(t) => l.text(S, format!("ui.{k}"), t, limits::BODY),
        }
    }
    for k in site.ui.keys() {
        if !crate::ui::Ui::KEYS.contains(&k.as_str()) && !crate::words::KEYS.contains(&k.as_str()) {
            l.warn("ui-unknown", S, format!("ui.{k}"), "no screen uses this key".into(), "remove it, or check its spelling");
        }
    }
    let lists = crate::ui::Ui::LIST_KEYS.iter().copied().chain([
        (crate::words::KEYS[0], 7),
        (crate::words::KEYS[1], 7),
        (crate::words::KEYS[2], 12),
    ]);
    for (k, n) in lists {
        match site.ui_lists.get(k) {
            None => l.err("ui-missing", S, format!("ui_lists.{k}"), "the app needs this list".into(), "add it with `nl` and `en`"),
            Some(t) => {
                for (lang, v) in t.all() {
                    if v.len() != n {
                        l.err(
                            "ui-missing",
                            S,
                            format!("ui_lists.{k}.{}", lang.code()),
                            format!("{} items, the app needs {n}", v.len()),
                            "one item per entry, in order",
                        );
                    }
                }
            }
        }
    }
    // Info pages: each the app has, once; texts linted like the tree's.
    for id in PAGE_IDS {
        if site.pages.iter().filter(|p| p.id == id).count() != 1 {
            l.err("pages", S, format!("pages[id={id}]"), "every info page exists exactly once".into(), "add the page, or remove the copy");
        }
    }
    for p in &site.pages {
        let pp = format!("pages[id={}]", p.id);
        if !PAGE_IDS.contains(&p.id.as_str()) {
            l.err("pages", S, pp.clone(), "the app has no such page".into(), &format!("use one of {PAGE_IDS:?}"));
        }
        let mut texts: Vec<(String, &Text, usize)> = vec![(format!("{pp}.title"), &p.title, limits::TITLE)];
        for (i, sec) in p.sections.iter().enumerate() {
            if let Some(h) = &sec.heading {
                texts.push((format!("{pp}.sections[{i}].heading"), h, limits::TITLE));
            }
            if let Some(b) = &sec.body {
                texts.push((format!("{pp}.sections[{i}].body"), b, limits::BODY * 3));
            }
            if sec.body.is_none() && sec.widget.is_none() {
                l.err("pages", S, format!("{pp}.sections[{i}]"), "a section needs a body or a widget".into(), "add `body` or `widget`");
            }
        }
        for (path, t, max) in texts {
            if p.dutch_only {
                if !t.tr.is_empty() {
                    l.warn(
                        "pages",
                        S,
                        path.clone(),
                        "a Dutch-only page has translations that are never shown".into(),
                        "remove them or drop `dutch_only`",
                    );
                }
                l.markup(S, path, &t.nl);
            } else {
                l.text(S, path, t, max);
            }
        }
    }
    // Translations only in declared languages (an undeclared one would never be shipped).
    let mut undeclared: Vec<Lang> = Vec::new();
    let mut note = |t: &[(Lang, String)]| {
        for (lg, _) in t {
            if !declared.contains(lg) && !undeclared.contains(lg) {
                undeclared.push(*lg);
            }
        }
    };
    for n in &c.tree.nodes {
        for (_, t) in safety::node_texts(n, true) {
            note(&t.tr);
        }
    }
    for o in &c.directory.organisations {
        note(&o.name.tr);
        note(&o.purpose.tr);
    }
    for lg in undeclared {
        l.err(
            "undeclared-language",
            S,
            "languages".into(),
            format!("texts in `{}`, which `languages` does not list", lg.code()),
            "add the language to `languages`, or remove those texts",
        );
    }
}

fn directory_rules(l: &mut Lint) {
    if !FULL {
        return;
    }
    const O: &str = "organisations.json";
    let c = l.c;
    let orgs = &c.directory.organisations;
    for (i, org) in orgs.iter().enumerate() {
        let p = if FULL { format!("organisations[id={}]", org.id) } else { String::new() };
        if repeated(orgs, i, |o| o.id.as_str()) {
            lint_err!(l, "duplicate-id", O, p.clone(), "organisation id used twice".into(), "make ids unique");
        }
        if FULL {
            l.text(O, format!("{p}.name"), &org.name, limits::TITLE)
        }
        if FULL {
            l.text(O, format!("{p}.purpose"), &org.purpose, limits::ORG_LINE)
        }
        l.list(O, format!("{p}.can"), &org.can);
        l.list(O, format!("{p}.cannot"), &org.cannot);
        if org.audiences.is_empty() {
            lint_err!(l, "org-audiences", O, format!("{p}.audiences"), "no audiences".into(), "list who this organisation is for");
        }
        for t in &org.topics {
            if !c.tree.topics.iter().any(|x| x.id == *t) {
                lint_err!(
                    l,
                    "dangling-reference",
                    O,
                    format!("{p}.topics"),
                    format!("topic `{t}` is not in tree.json"),
                    "use a topic id from tree.json"
                );
            }
        }
        match (&org.source, org.kind) {
            (Some(s), _) => l.date_check(format!("{p}.source"), s),
            (None, OrgKind::InSchool) => {}
            (None, _) => lint_warn!(
                l,
                "verification-missing",
                O,
                format!("{p}.source"),
                "no source for this organisation's description".into(),
                "add `source` with the page the description is based on",
            ),
        }
        if org.kind != OrgKind::InSchool && org.channels.is_empty() {
            lint_warn!(
                l,
                "no-channels",
                O,
                format!("{p}.channels"),
                "no verified contact channel".into(),
                "add a sourced channel, or accept that only the name is shown"
            );
        }
        if org.human
            && org.kind != OrgKind::InSchool
            && !org.channels.iter().any(|ch| {
                matches!(ch.kind, ChannelKind::Phone | ChannelKind::Chat | ChannelKind::Email | ChannelKind::Whatsapp | ChannelKind::Sms)
            })
        {
            lint_warn!(
                l,
                "human-channel",
                O,
                format!("{p}.channels"),
                "marked human but has no phone, chat, e-mail or message channel".into(),
                "add a sourced human channel or set `human: false`"
            );
        }
        for (i, ch) in org.channels.iter().enumerate() {
            let cp = if FULL { format!("{p}.channels[{i}]") } else { String::new() };
            if let Some(t) = &ch.label {
                if FULL {
                    l.text(O, format!("{cp}.label"), t, limits::OPTION)
                }
            }
            let v = ch.value.trim();
            let ok = match ch.kind {
                ChannelKind::Phone | ChannelKind::Sms | ChannelKind::Whatsapp => {
                    !v.is_empty()
                        && v.chars().all(|ch| ch.is_ascii_digit() || " -+()".contains(ch))
                        && v.chars().any(|ch| ch.is_ascii_digit())
                        || (ch.kind == ChannelKind::Whatsapp && v.starts_with("https://"))
                }
                ChannelKind::Email => v.contains('@') && !v.contains(' ') && !v.contains(':'),
                ChannelKind::Website | ChannelKind::Chat => v.starts_with("https://") && v.len() > 8,
            };
            if !ok {
                lint_err!(
                    l,
                    "link-scheme",
                    O,
                    format!("{cp}.value"),
                    format!("`{v}` is not a valid {:?} value", ch.kind),
                    "phone numbers are digits (spaces, dashes allowed); e-mail is an address; websites and chats are https: URLs",
                );
            }
            l.date_check(format!("{cp}.source"), &ch.source);
            if let Some(h) = &ch.hours {
                if let Err(e) = crate::hours::validate_hours(h) {
                    lint_err!(l, "opening-hours", O, format!("{cp}.hours"), e, "use days like mon-fri, times HH:MM, tz Europe/Amsterdam");
                }
            }
        }
    }
}
