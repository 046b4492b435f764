//! The tree as a picture (Mermaid, Graphviz DOT) and as numbers, for the content team.

use crate::markup::plain;
use crate::model::{Content, Lang, Node};
use crate::walker::edges;
use std::collections::BTreeMap;

fn label(n: &Node, lang: Lang) -> String {
    let t = match n {
        Node::Question(q) => q.text.in_lang(lang),
        Node::Info(i) => i.title.in_lang(lang),
        Node::Outcome(o) => o.title.in_lang(lang),
    };
    let mut s: String = plain(t).chars().take(60).collect();
    s = s.replace(['"', '\n', '[', ']', '{', '}', '<', '>', '|'], " ");
    format!("{}: {}", n.id(), s)
}

fn safe_id(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

fn option_label(n: &Node, choice: &str, lang: Lang) -> String {
    let s = match n {
        Node::Question(q) => q.options.iter().find(|o| o.id == choice).map(|o| plain(o.label.in_lang(lang))).unwrap_or_else(|| {
            if lang == Lang::Nl {
                "weet ik niet".into()
            } else {
                "don't know".into()
            }
        }),
        _ => String::new(),
    };
    let s: String = s.chars().take(40).collect();
    s.replace(['"', '|', '\n'], " ")
}

/// Mermaid flowchart: questions as rectangles, info as rounded, outcomes as stadiums.
pub fn mermaid(c: &Content, lang: Lang) -> String {
    let mut out = String::from("flowchart TD\n");
    for n in &c.tree.nodes {
        let (o, cl) = match n {
            Node::Question(_) => ("[\"", "\"]"),
            Node::Info(_) => ("(\"", "\")"),
            Node::Outcome(_) => ("([\"", "\"])"),
        };
        out.push_str(&format!("  {}{o}{}{cl}\n", safe_id(n.id()), label(n, lang)));
    }
    for n in &c.tree.nodes {
        for (choice, next) in edges(n) {
            let l = option_label(n, choice, lang);
            if l.is_empty() {
                out.push_str(&format!("  {} --> {}\n", safe_id(n.id()), safe_id(next)));
            } else {
                out.push_str(&format!("  {} -->|\"{l}\"| {}\n", safe_id(n.id()), safe_id(next)));
            }
        }
    }
    out
}

/// Graphviz DOT.
pub fn dot(c: &Content, lang: Lang) -> String {
    let mut out = String::from("digraph wegwijzer {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
    for n in &c.tree.nodes {
        let shape = match n {
            Node::Question(_) => "box",
            Node::Info(_) => "note",
            Node::Outcome(_) => "doubleoctagon",
        };
        out.push_str(&format!("  \"{}\" [shape={shape}, label=\"{}\"];\n", n.id(), label(n, lang).replace('\\', "")));
    }
    for n in &c.tree.nodes {
        for (choice, next) in edges(n) {
            out.push_str(&format!("  \"{}\" -> \"{next}\" [label=\"{}\"];\n", n.id(), option_label(n, choice, lang)));
        }
    }
    out.push_str("}\n");
    out
}

/// Size of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Stats {
    pub nodes: usize,
    pub questions: usize,
    pub infos: usize,
    pub outcomes: usize,
    pub organisations: usize,
    pub channels: usize,
    pub topics: usize,
    /// Longest path from start or crisis, in screens.
    pub max_depth: usize,
    /// Distinct answer paths from start and crisis to an outcome.
    pub paths: u64,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "| measure | value |\n|---|---|")?;
        for (k, v) in [
            ("nodes", self.nodes as u64),
            ("questions", self.questions as u64),
            ("info screens", self.infos as u64),
            ("outcomes", self.outcomes as u64),
            ("organisations", self.organisations as u64),
            ("contact channels", self.channels as u64),
            ("topics", self.topics as u64),
            ("max depth (screens)", self.max_depth as u64),
            ("paths to an outcome", self.paths),
        ] {
            writeln!(f, "| {k} | {v} |")?;
        }
        Ok(())
    }
}

/// Count nodes, depth and paths (memoised; a cycle counts as a dead end, lint reports it).
pub fn stats(c: &Content) -> Stats {
    fn visit<'a>(c: &'a Content, id: &'a str, memo: &mut BTreeMap<&'a str, (usize, u64)>, on: &mut Vec<&'a str>) -> (usize, u64) {
        if let Some(v) = memo.get(id) {
            return *v;
        }
        let Some(n) = c.node(id) else { return (0, 0) };
        if on.contains(&id) {
            return (0, 0);
        }
        on.push(id);
        let v = match n {
            Node::Outcome(_) => (1, 1),
            _ => {
                let (mut d, mut p) = (0usize, 0u64);
                for (_, next) in edges(n) {
                    let (nd, np) = visit(c, next, memo, on);
                    d = d.max(nd);
                    p = p.saturating_add(np);
                }
                (d + 1, p)
            }
        };
        on.pop();
        memo.insert(id, v);
        v
    }
    let mut memo = BTreeMap::new();
    let (d1, p1) = visit(c, &c.tree.start, &mut memo, &mut Vec::new());
    let (d2, p2) = visit(c, &c.tree.crisis, &mut memo, &mut Vec::new());
    let count = |f: fn(&Node) -> bool| c.tree.nodes.iter().filter(|n| f(n)).count();
    Stats {
        nodes: c.tree.nodes.len(),
        questions: count(|n| matches!(n, Node::Question(_))),
        infos: count(|n| matches!(n, Node::Info(_))),
        outcomes: count(|n| matches!(n, Node::Outcome(_))),
        organisations: c.directory.organisations.len(),
        channels: c.directory.organisations.iter().map(|o| o.channels.len()).sum(),
        topics: c.tree.topics.len(),
        max_depth: d1.max(d2),
        paths: p1.saturating_add(p2),
    }
}
