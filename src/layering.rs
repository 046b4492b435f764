//! The app's module layering, checked natively (`cargo test --workspace`): no import circle
//! among the modules of `src/`, and the lower layers never import the upper ones.
//!
//! Layers, top to bottom (ARCHITECTURE.md, "Layering"): `main` → `app` (composition root) →
//! `pages` → `components` → `quick_exit`, `read_aloud` → `state` → `content`, `storage`, `embed`, `pwa`,
//! `boot`, `i18n`, `route`, `dom` → `web`, `prelude` (what the app uses of Leptos). A module may
//! import only modules below it.

use std::collections::BTreeMap;
use std::path::Path;

/// Top-level module of a file under `src/` (`pages/journey.rs` → `pages`).
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_string()
}

/// The top-level app modules a source text names as `crate::x` (in `use` lines and paths)
/// or `super::super::x`-free relative paths are not used in this crate.
fn imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            // `use crate::{a, b::c}` names several.
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src/") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
            let from = module_of(&rel);
            // Native tests that read files, not part of the app.
            if from == "layering" || from == "boot_strings" || from == "css_classes" {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("read");
            let deps = g.entry(from.clone()).or_default();
            for to in imports(&text) {
                if to != from && !deps.contains(&to) {
                    deps.push(to);
                }
            }
        }
    }
    g
}

const LAYERS: &[&[&str]] = &[
    &["main"],
    &["app"],
    &["pages"],
    &["components"],
    &["quick_exit", "read_aloud"],
    &["state"],
    &["content", "storage", "embed", "pwa", "boot", "i18n", "route", "dom"],
    &["web", "prelude"],
];

fn layer(m: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&m))
}

#[test]
fn every_module_has_a_layer() {
    for m in graph().keys() {
        assert!(layer(m).is_some(), "src/{m}: add it to LAYERS in src/layering.rs and to ARCHITECTURE.md");
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let mut wrong = Vec::new();
    for (from, deps) in graph() {
        let Some(lf) = layer(&from) else { continue };
        for to in deps {
            // Same layer (e.g. content → storage) is allowed: they are leaves of one level and
            // the circle check below covers them.
            if layer(&to).is_some_and(|lt| lt < lf) {
                wrong.push(format!("{from} imports {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering: {wrong:?}");
}

#[test]
fn no_import_circle() {
    let g = graph();
    // Depth-first search for a back edge.
    fn visit<'a>(g: &'a BTreeMap<String, Vec<String>>, m: &'a str, stack: &mut Vec<&'a str>, done: &mut Vec<&'a str>) {
        if done.contains(&m) {
            return;
        }
        if let Some(i) = stack.iter().position(|s| *s == m) {
            panic!("import circle: {} -> {m}", stack[i..].join(" -> "));
        }
        stack.push(m);
        for d in g.get(m).into_iter().flatten() {
            if g.contains_key(d) {
                visit(g, d, stack, done);
            }
        }
        stack.pop();
        done.push(m);
    }
    let mut done = Vec::new();
    for m in g.keys() {
        visit(&g, m, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_scanner_sees_imports() {
    assert_eq!(imports("use crate::state::{Ctx, Resume};\nuse crate::{embed, pages};"), ["state", "embed", "pages"]);
    assert_eq!(imports("    crate::web::focus(\"#x\"); // crate::app"), ["web", "app"]);
    assert!(imports("// use crate::app::Ctx;").is_empty());
}
