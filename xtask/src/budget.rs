//! Size accounting and budgets (brotli bytes of the app shell and the signed content), enforced
//! by `cargo xtask test`; `docs/benchmarks.md` records what each change saved.

use std::fs;
use std::path::Path;

use crate::util::*;

/// The app-shell budget, enforced by the test command on release builds (HTML + CSS + JS +
/// wasm, brotli; a debug wasm is not what ships). Met at 117.3 kB by issue 6; issues 12 and 15
/// took the shell to 152.7 kB, under a ratchet (`APP_SHELL_CEILING`, lowered step by step from
/// 154 kB to 126.5 kB); met again on 2026-11-29 at 116.7 kB, when the app stopped linking the
/// `leptos` crate's server-function stream adapters and three rarely used parts became lazy
/// modules. The ratchet is gone: the budget itself is the check. docs/benchmarks.md records
/// what each change saved.
pub const APP_SHELL_BUDGET: u64 = 120 * 1000;
/// The issue's goal, reported (not enforced).
pub const APP_SHELL_GOAL: u64 = 80 * 1000;
pub const CONTENT_BUDGET: u64 = 40 * 1000;

/// One enforced budget: its name and whether the build is within it.
#[derive(Debug, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    pub ok: bool,
}

/// Print the brotli sizes of `dist` and check the budgets. The checks returned are the budgets
/// that are enforced: the content budget always, the app-shell budget only when `enforce_shell`
/// (release builds; a debug wasm is not what ships). The 80 kB goal is reported, not checked.
/// Err when `dist` has no shell or no signed content to measure (nothing was checked).
pub fn budgets(dist: &Path, enforce_shell: bool) -> Result<Vec<Check>, String> {
    step("budgets (brotli bytes)");
    let s = sizes(dist)?;
    if s.wasm == 0 || s.js == 0 {
        return Err("no wasm/js .br files in dist (did postbuild run?)".into());
    }
    if s.content == 0 {
        return Err("no signed content in dist/content".into());
    }
    let shell = s.shell();
    println!("   {:<28} {:>10} {:>10}", "part", "brotli B", "budget B");
    println!("   {:<28} {:>10} {:>10}", "index.html", s.html, "");
    println!("   {:<28} {:>10} {:>10}", "css", s.css, "");
    println!("   {:<28} {:>10} {:>10}", "js", s.js, "");
    println!("   {:<28} {:>10} {:>10}", "wasm", s.wasm, "");
    println!("   {:<28} {:>10} {:>10}", "(Ed25519 fallback, old browsers only)", s.ed25519_fallback, "");
    println!("   {:<28} {:>10} {:>10}", "(lazy: read-aloud, schools, frame)", s.lazy, "");
    println!("   {:<28} {:>10} {:>10}", "app shell (html+css+js+wasm)", shell, APP_SHELL_BUDGET);
    if shell > APP_SHELL_BUDGET {
        println!("   BUDGET NOT MET: the app shell is {} B over the {APP_SHELL_BUDGET} B budget", shell - APP_SHELL_BUDGET);
    } else if shell > APP_SHELL_GOAL {
        println!("   note: the goal of issue 6 is {APP_SHELL_GOAL} B ({} B to go); the budget is enforced", shell - APP_SHELL_GOAL);
    }
    println!("   {:<28} {:>10} {:>10}", "signed content (Dutch visit)", s.content, CONTENT_BUDGET);
    println!("   {:<28} {:>10}", "+ largest language overlay", s.largest_overlay);
    Ok(checks(&s, enforce_shell))
}

fn checks(s: &Sizes, enforce_shell: bool) -> Vec<Check> {
    let mut out = Vec::new();
    if enforce_shell {
        let shell = s.shell();
        out.push(Check { name: format!("app shell {shell} B <= {APP_SHELL_BUDGET} B brotli"), ok: shell <= APP_SHELL_BUDGET });
    } else {
        info("debug build: the app-shell budget is reported, not enforced");
    }
    out.push(Check { name: format!("content {} B <= {CONTENT_BUDGET} B brotli", s.content), ok: s.content <= CONTENT_BUDGET });
    out
}

#[derive(Default, Debug, Clone)]
pub struct Sizes {
    pub html: u64,
    pub css: u64,
    pub js: u64,
    pub wasm: u64,
    /// The Dutch first visit (manifest, signature, tree, directory, site).
    pub content: u64,
    /// The largest language overlay (fetched on top of `content` by a reader of that language).
    pub largest_overlay: u64,
    /// `ed25519.<hash>.js`: fetched only by browsers without Ed25519 in WebCrypto, so not part
    /// of the shell; reported beside it.
    pub ed25519_fallback: u64,
    /// The lazy modules (`read-aloud.<hash>.js`, `schools.<hash>.js`, `embed-frame.<hash>.js`,
    /// from `src/lazy/`): imported on first use ("Lees voor", "Voor scholen", a frame on a
    /// school's page), so not part of a top-level first visit; reported beside the shell.
    pub lazy: u64,
}

impl Sizes {
    /// What a first visit downloads before the app runs: HTML + CSS + JS + wasm.
    pub fn shell(&self) -> u64 {
        self.html + self.css + self.js + self.wasm
    }
}

/// `read-aloud.<hex>.js`, `schools.<hex>.js` or `embed-frame.<hex>.js`.
fn is_lazy(name: &str) -> bool {
    ["read-aloud.", "schools.", "embed-frame."].iter().any(|p| {
        name.strip_prefix(p).and_then(|r| r.strip_suffix(".js")).is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

pub fn sizes(dist: &Path) -> Result<Sizes, String> {
    let mut s = Sizes::default();
    let br = |p: &Path| fs::metadata(format!("{}.br", p.display())).map(|m| m.len()).unwrap_or(0);
    for e in fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name == "index.html" {
            s.html += br(&p);
        } else if name.ends_with(".css") {
            s.css += br(&p);
        } else if name.starts_with("ed25519.") && name.ends_with(".js") {
            // Imported only by browsers without Ed25519 in WebCrypto (tools/postbuild.mjs).
            s.ed25519_fallback += br(&p);
        } else if is_lazy(&name) {
            // Imported by the loader on first use (tools/postbuild.mjs, LAZY).
            s.lazy += br(&p);
        } else if name.ends_with(".js") && !["sw.js", "sw-kill.js", "embed.js"].contains(&name.as_str()) {
            s.js += br(&p);
        } else if name.ends_with(".wasm") {
            s.wasm += br(&p);
        }
    }
    // wasm-bindgen inline snippets, if any, are part of the shell too.
    for f in walk(&dist.join("snippets")) {
        if f.extension().map(|e| e == "js").unwrap_or(false) {
            s.js += br(&f);
        }
    }
    // The Dutch first visit: the manifest, its signature and the base files. The language
    // overlays (`text-<code>.<hash>.json`) are fetched only by a reader who picks that language;
    // the largest is reported beside the budget (`largest_overlay`).
    for f in walk(&dist.join("content")) {
        let n = f.file_name().map(|x| x.to_string_lossy().to_string()).unwrap_or_default();
        if n.ends_with(".br") || n.ends_with(".gz") {
            continue;
        }
        if n.starts_with("text-") {
            s.largest_overlay = s.largest_overlay.max(br(&f));
        } else {
            s.content += br(&f);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(shell_wasm: u64, content: u64) -> Sizes {
        Sizes { html: 0, css: 0, js: 0, wasm: shell_wasm, content, largest_overlay: 0, ed25519_fallback: 0, lazy: 0 }
    }

    #[test]
    fn the_shell_budget_is_enforced_in_release_only() {
        let over = s(APP_SHELL_BUDGET + 1, 1);
        assert_eq!(checks(&over, true).iter().filter(|c| !c.ok).count(), 1);
        assert!(checks(&over, false).iter().all(|c| c.ok));
        assert_eq!(checks(&over, false).len(), 1, "debug: only the content budget is a check");
        assert!(checks(&s(APP_SHELL_BUDGET, 1), true).iter().all(|c| c.ok));
    }

    #[test]
    fn the_content_budget_is_always_enforced() {
        assert!(!checks(&s(1, CONTENT_BUDGET + 1), false)[0].ok);
        assert!(checks(&s(1, CONTENT_BUDGET), false)[0].ok);
    }

    #[test]
    fn only_the_lazy_modules_are_left_out_of_the_shell() {
        assert!(is_lazy("read-aloud.0123abcd0123abcd.js") && is_lazy("schools.ff00.js") && is_lazy("embed-frame.0a.js"));
        for n in ["read-aloud.js", "schools.x1.js", "wegwijzer-app-0123.js", "schools.0123.js.br", "ed25519.0123.js"] {
            assert!(!is_lazy(n), "{n}");
        }
    }
}
