//! The walker: a list of answers from an entry node decides the current node.
//!
//! Answers are the only state; the path is derived, so back is deterministic (drop the
//! last answer) and changing an earlier answer prunes what is no longer on the path.

use crate::model::{Audience, Content, Node, CONTINUE, DONT_KNOW};
use std::collections::{BTreeSet, VecDeque};
use std::fmt;

/// One answer: at `node` the user chose `choice` (an option id, [`DONT_KNOW`] or [`CONTINUE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Answer {
    pub node: String,
    pub choice: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkError {
    UnknownNode(String),
    UnknownChoice {
        node: String,
        choice: String,
    },
    /// Outcomes have no answers.
    AtOutcome(String),
    /// An answer was recorded for a node that is not where the path is.
    OffPath {
        expected: String,
        found: String,
    },
    NotAnswered(String),
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::UnknownNode(n) => write!(f, "node `{n}` does not exist"),
            WalkError::UnknownChoice { node, choice } => write!(f, "node `{node}` has no option `{choice}`"),
            WalkError::AtOutcome(n) => write!(f, "`{n}` is an outcome: there is nothing to answer"),
            WalkError::OffPath { expected, found } => {
                write!(f, "answer for `{found}` given while the path is at `{expected}`")
            }
            WalkError::NotAnswered(n) => write!(f, "`{n}` has not been answered on this path"),
        }
    }
}

impl std::error::Error for WalkError {}

/// The next node for `choice` at `node`, or why not.
pub fn next_of<'c>(node: &'c Node, choice: &str) -> Result<&'c str, WalkError> {
    match node {
        Node::Question(q) => {
            if choice == DONT_KNOW {
                if let Some(d) = &q.dont_know {
                    return Ok(&d.next);
                }
            }
            q.options
                .iter()
                .find(|o| o.id == choice)
                .map(|o| o.next.as_str())
                .ok_or_else(|| WalkError::UnknownChoice { node: q.id.clone(), choice: choice.to_string() })
        }
        Node::Info(i) if choice == CONTINUE => Ok(&i.next),
        Node::Info(i) => Err(WalkError::UnknownChoice { node: i.id.clone(), choice: choice.to_string() }),
        Node::Outcome(o) => Err(WalkError::AtOutcome(o.id.clone())),
    }
}

/// A journey through the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Walk {
    /// Where this walk starts: the tree's `start`, or its `crisis` node.
    pub entry: String,
    pub answers: Vec<Answer>,
}

impl Walk {
    pub fn new(entry: &str) -> Walk {
        Walk { entry: entry.to_string(), answers: Vec::new() }
    }

    /// Node ids from the entry to the current node (one more than the answers).
    pub fn path<'c>(&self, c: &'c Content) -> Result<Vec<&'c str>, WalkError> {
        let mut node = c.node(&self.entry).ok_or_else(|| WalkError::UnknownNode(self.entry.clone()))?;
        let mut path = vec![node.id()];
        for a in &self.answers {
            if a.node != node.id() {
                return Err(WalkError::OffPath { expected: node.id().to_string(), found: a.node.clone() });
            }
            let next = next_of(node, &a.choice)?;
            node = c.node(next).ok_or_else(|| WalkError::UnknownNode(next.to_string()))?;
            path.push(node.id());
        }
        Ok(path)
    }

    /// The node to show now.
    pub fn current<'c>(&self, c: &'c Content) -> Result<&'c Node, WalkError> {
        let path = self.path(c)?;
        let id = path.last().expect("path always holds the entry");
        c.node(id).ok_or_else(|| WalkError::UnknownNode(id.to_string()))
    }

    /// 1-based step number of the current node ("Vraag 3").
    pub fn step_number(&self) -> usize {
        self.answers.len() + 1
    }

    /// Answer the current node.
    pub fn answer(&mut self, c: &Content, choice: &str) -> Result<(), WalkError> {
        let node = self.current(c)?;
        let next = next_of(node, choice)?;
        if c.node(next).is_none() {
            return Err(WalkError::UnknownNode(next.to_string()));
        }
        self.answers.push(Answer { node: node.id().to_string(), choice: choice.to_string() });
        Ok(())
    }

    /// Change the answer at `node`. Later answers are replayed where their node is still
    /// on the new path and pruned where it is not. Returns the pruned node ids.
    pub fn change(&mut self, c: &Content, node: &str, choice: &str) -> Result<Vec<String>, WalkError> {
        let idx = self.answers.iter().position(|a| a.node == node).ok_or_else(|| WalkError::NotAnswered(node.to_string()))?;
        let n = c.node(node).ok_or_else(|| WalkError::UnknownNode(node.to_string()))?;
        next_of(n, choice)?;
        let tail: Vec<Answer> = self.answers.split_off(idx);
        // Linear scans: a path is a handful of answers, and no hash map of its own keeps the
        // client's wasm smaller.
        let earlier = &tail[1..];
        self.answers.push(Answer { node: node.to_string(), choice: choice.to_string() });
        let mut kept: Vec<&str> = Vec::new();
        loop {
            let cur = self.current(c)?;
            match earlier.iter().find(|a| a.node == cur.id()) {
                Some(a) if !kept.contains(&a.node.as_str()) && self.answer(c, &a.choice).is_ok() => kept.push(&a.node),
                _ => break,
            }
        }
        Ok(earlier.iter().filter(|a| !kept.contains(&a.node.as_str())).map(|a| a.node.clone()).collect())
    }

    /// Answer the node shown at 1-based step `n`: at the end of the path it extends the walk
    /// (nothing pruned); at an earlier step it changes that answer (`change`, which prunes
    /// what no longer applies). Returns the pruned node ids.
    pub fn choose(&mut self, c: &Content, n: usize, node: &str, choice: &str) -> Result<Vec<String>, WalkError> {
        if n == self.step_number() {
            self.answer(c, choice).map(|_| Vec::new())
        } else {
            self.change(c, node, choice)
        }
    }

    /// The step to show for a requested 1-based step `n`: `n` when it is on the path, else
    /// the furthest step (a step that does not exist yet, `0`, or a walk that does not fit
    /// the content: step 1).
    pub fn clamp_step(&self, c: &Content, n: usize) -> usize {
        let len = self.path(c).map_or(1, |p| p.len());
        if n == 0 || n > len {
            len
        } else {
            n
        }
    }

    /// The node at 1-based step `n` of the path, if there is one.
    pub fn node_at<'c>(&self, c: &'c Content, n: usize) -> Option<&'c Node> {
        let path = self.path(c).ok()?;
        c.node(path.get(n.checked_sub(1)?)?)
    }

    /// Is step `n` an outcome? (The document title says "Advies" there, else "Stap n".)
    pub fn is_outcome_at(&self, c: &Content, n: usize) -> bool {
        matches!(self.node_at(c, n), Some(Node::Outcome(_)))
    }

    /// Keep the longest valid prefix of `answers` from `entry` (after a content update,
    /// or for saved progress). Returns the walk and how many answers were dropped.
    pub fn restore(c: &Content, entry: &str, answers: &[Answer]) -> Option<(Walk, usize)> {
        c.node(entry)?;
        let mut w = Walk::new(entry);
        for a in answers {
            let at = w.current(c).ok()?.id().to_string();
            if a.node != at || w.answer(c, &a.choice).is_err() {
                break;
            }
        }
        let dropped = answers.len() - w.answers.len();
        Some((w, dropped))
    }

    /// Who the user said they are (the answer at the start node).
    pub fn audience(&self, c: &Content) -> Option<Audience> {
        self.answers.iter().find(|a| a.node == c.tree.start).and_then(|a| Audience::parse(&a.choice))
    }

    /// True when any node on the path is session-only (never persisted).
    pub fn is_sensitive(&self, c: &Content) -> bool {
        self.path(c).map(|p| p.iter().any(|id| c.node(id).is_some_and(Node::session_only))).unwrap_or(true)
    }
}

/// Walk `choices` from `entry` (for tests and the CLI).
pub fn walk(c: &Content, entry: &str, choices: &[&str]) -> Result<Walk, WalkError> {
    let mut w = Walk::new(entry);
    if c.node(entry).is_none() {
        return Err(WalkError::UnknownNode(entry.to_string()));
    }
    for ch in choices {
        w.answer(c, ch)?;
    }
    Ok(w)
}

/// All (choice, next) pairs of a node, including "weet ik niet" and "continue".
pub fn edges(node: &Node) -> Vec<(&str, &str)> {
    match node {
        Node::Question(q) => {
            let mut v: Vec<(&str, &str)> = q.options.iter().map(|o| (o.id.as_str(), o.next.as_str())).collect();
            if let Some(d) = &q.dont_know {
                v.push((DONT_KNOW, d.next.as_str()));
            }
            v
        }
        Node::Info(i) => vec![(CONTINUE, i.next.as_str())],
        Node::Outcome(_) => vec![],
    }
}

/// The shortest answer list from `start` through `first_choice` to `target`
/// (for topic search: jump in as if the user had clicked, so back and summary work).
pub fn route_to(c: &Content, start: &str, first_choice: &str, target: &str) -> Option<Vec<Answer>> {
    let s = c.node(start)?;
    let first = next_of(s, first_choice).ok()?;
    if first == target {
        return Some(vec![Answer { node: start.to_string(), choice: first_choice.to_string() }]);
    }
    // Breadth-first over node positions: `prev[j]` is how node j was first reached. No
    // allocation per visited node (this runs for every topic × audience in the client's
    // structural check) and no hash map of its own in the wasm.
    let nodes = &c.tree.nodes;
    let first = c.node_position(first)?;
    let mut prev: Vec<Option<(usize, &str)>> = vec![None; nodes.len()];
    let mut seen = vec![false; nodes.len()];
    seen[first] = true;
    let mut queue = VecDeque::from([first]);
    while let Some(i) = queue.pop_front() {
        if nodes[i].id() == target {
            let mut answers = Vec::new();
            let mut cur = i;
            while let Some((p, ch)) = prev[cur] {
                answers.push(Answer { node: nodes[p].id().to_string(), choice: ch.to_string() });
                cur = p;
            }
            answers.push(Answer { node: start.to_string(), choice: first_choice.to_string() });
            answers.reverse();
            return Some(answers);
        }
        for (ch, next) in edges(&nodes[i]) {
            if let Some(j) = c.node_position(next) {
                if !seen[j] {
                    seen[j] = true;
                    prev[j] = Some((i, ch));
                    queue.push_back(j);
                }
            }
        }
    }
    None
}

/// Every node id reachable from `from` (including itself).
pub fn reachable<'c>(c: &'c Content, from: &str) -> BTreeSet<&'c str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = c.node(from).map(|n| vec![n.id()]).unwrap_or_default();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(n) = c.node(id) {
            for (_, next) in edges(n) {
                if let Some(nn) = c.node(next) {
                    stack.push(nn.id());
                }
            }
        }
    }
    seen
}
