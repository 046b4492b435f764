//! The expert scenario table (`content/scenarios.md`): realistic situations, the path a
//! person in that situation takes by reading the screens, and the organisations an expert
//! expects on the outcome. `wegwijzer check` and the content tests walk every row with the
//! walker the app uses; a missing organisation, a path that breaks, a night-time row without
//! an open line, or a node no row visits is an error.
//!
//! # Format
//!
//! One Markdown table with the columns `# | situatie | pad | tijd | verwacht`:
//! - `pad`: option ids from the start question separated by `>`, starting with the start
//!   option (`pupil_primary`, …, or `crisis`); `continue` for an info screen's button,
//!   `dont_know` for "weet ik niet";
//! - `tijd`: empty, or a Dutch weekday and time (`zo 03:00`): at that hour at least one of the
//!   expected organisations has a line a person answers that is open;
//! - `verwacht`: comma-separated organisation ids; each must be a step of the outcome.

use crate::hours::{day_name, open_in_week, parse_week_time};
use crate::lint::live_channel;
use crate::model::{Content, Lang, Node};
use crate::walker;

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The row's number as written (`#`).
    pub number: String,
    pub situation: String,
    /// Option ids from the start question.
    pub path: Vec<String>,
    /// Weekday (0 = Monday) and minute, for rows about a particular hour.
    pub time: Option<(usize, u32)>,
    pub expected: Vec<String>,
    /// 1-based line in the file.
    pub line: usize,
}

/// Read the table. Errors name the line.
pub fn parse(md: &str) -> Result<Vec<Scenario>, String> {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (i, raw) in md.lines().enumerate() {
        let line = raw.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<String> = line.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' ')) {
            continue;
        }
        let Some(h) = &header else {
            let want = ["#", "situatie", "pad", "tijd", "verwacht"];
            if cells.len() != want.len() || cells.iter().zip(want).any(|(c, w)| !c.eq_ignore_ascii_case(w)) {
                return Err(format!("line {}: the table's columns must be `# | situatie | pad | tijd | verwacht`", i + 1));
            }
            header = Some(cells);
            continue;
        };
        if cells.len() != h.len() {
            return Err(format!("line {}: {} cells, the table has {}", i + 1, cells.len(), h.len()));
        }
        let strip = |s: &str| s.trim().trim_matches('`').trim().to_string();
        let path: Vec<String> = cells[2].split('>').map(strip).filter(|s| !s.is_empty()).collect();
        if path.is_empty() {
            return Err(format!("line {}: empty path", i + 1));
        }
        let time = match strip(&cells[3]).as_str() {
            "" | "-" | "—" => None,
            t => Some(parse_week_time(t).ok_or_else(|| format!("line {}: time `{t}` is not like `zo 03:00`", i + 1))?),
        };
        let expected: Vec<String> = cells[4].split(',').map(strip).filter(|s| !s.is_empty()).collect();
        if expected.is_empty() {
            return Err(format!("line {}: no expected organisations", i + 1));
        }
        if cells[1].is_empty() {
            return Err(format!("line {}: describe the situation", i + 1));
        }
        out.push(Scenario { number: cells[0].clone(), situation: cells[1].clone(), path, time, expected, line: i + 1 });
    }
    if header.is_none() {
        return Err("no table with the columns `# | situatie | pad | tijd | verwacht`".into());
    }
    Ok(out)
}

/// Where a row ends: the outcome id, or why the walk failed.
pub fn outcome_of<'c>(c: &'c Content, s: &Scenario) -> Result<&'c str, String> {
    let choices: Vec<&str> = s.path.iter().map(String::as_str).collect();
    let walk = walker::walk(c, &c.tree.start, &choices).map_err(|e| format!("the path breaks: {e:?}"))?;
    match walk.current(c) {
        Ok(Node::Outcome(o)) => Ok(&o.id),
        Ok(n) => Err(format!("the path ends at `{}`, which is not an outcome", n.id())),
        Err(e) => Err(format!("the path breaks: {e:?}")),
    }
}

/// Every failure of every row, and every node that no row visits. Empty = all good.
pub fn check(c: &Content, rows: &[Scenario]) -> Vec<(usize, String)> {
    let mut bad = Vec::new();
    let mut visited = vec![false; c.tree.nodes.len()];
    for s in rows {
        let choices: Vec<&str> = s.path.iter().map(String::as_str).collect();
        if let Ok(w) = walker::walk(c, &c.tree.start, &choices) {
            for id in w.path(c).unwrap_or_default() {
                if let Some(i) = c.node_position(id) {
                    visited[i] = true;
                }
            }
        }
        let outcome = match outcome_of(c, s) {
            Ok(id) => id,
            Err(e) => {
                bad.push((s.line, format!("row {}: {e}", s.number)));
                continue;
            }
        };
        let Some(Node::Outcome(o)) = c.node(outcome) else { continue };
        for e in &s.expected {
            if c.org(e).is_none() {
                bad.push((s.line, format!("row {}: `{e}` is not an organisation id", s.number)));
            } else if !o.steps.iter().any(|st| &st.org == e) {
                bad.push((s.line, format!("row {}: the outcome `{outcome}` does not show `{e}`", s.number)));
            }
        }
        if let Some((day, minute)) = s.time {
            let open = s.expected.iter().filter_map(|e| c.org(e)).filter(|org| org.human).any(|org| {
                org.channels.iter().filter(|ch| live_channel(ch)).filter_map(|ch| ch.hours.as_ref()).any(|h| open_in_week(h, day, minute))
            });
            if !open {
                bad.push((
                    s.line,
                    format!(
                        "row {}: none of the expected organisations has a line open on {} {:02}:{:02}",
                        s.number,
                        day_name(day, Lang::Nl),
                        minute / 60,
                        minute % 60
                    ),
                ));
            }
        }
    }
    for (i, v) in visited.iter().enumerate() {
        if !v {
            bad.push((0, format!("node `{}` is visited by no row: add a situation that leads through it", c.tree.nodes[i].id())));
        }
    }
    bad
}

/// The table's failures as lint diagnostics (rule `scenario`, file `scenarios.md`), for `wegwijzer check`.
pub fn diagnostics(c: &Content, md: &str) -> Vec<crate::lint::Diagnostic> {
    let diag = |path: String, message: String| crate::lint::Diagnostic {
        severity: crate::lint::Severity::Error,
        rule: "scenario",
        file: "scenarios.md",
        path,
        message,
        hint: "fix the path or the expected organisations in content/scenarios.md, or the content if an expert's expectation is not met"
            .into(),
    };
    match parse(md) {
        Err(e) => vec![diag(String::new(), e)],
        Ok(rows) => {
            check(c, &rows).into_iter().map(|(line, m)| diag(if line > 0 { format!("line {line}") } else { String::new() }, m)).collect()
        }
    }
}
