//! `cargo xtask test`: everything CI runs, in order, then a table of the steps and the line
//! `N passed, N failed, N skipped`.
//!
//! Every number in that table comes from a machine-readable source, never from scraped text:
//! - cargo tests: `cargo test --no-run --message-format=json-render-diagnostics` lists the test
//!   executables; each is run with libtest's `--format json -Z unstable-options`, with
//!   `RUSTC_BOOTSTRAP=1` in that executable's environment only (libtest reads it at run time;
//!   compilation stays plain stable, so nothing is rebuilt), and its `"type":"test"` events are
//!   counted (`ok` passed, `failed` failed, `ignored` skipped);
//! - browser tests: Playwright's JSON reporter (`tests/playwright.config.mjs`, the file named by
//!   `WEGWIJZER_PLAYWRIGHT_JSON`); `expected` passed, `unexpected` and `flaky` failed, `skipped`
//!   skipped (retries are 0, so a test that fails once fails);
//! - checks (setup, fmt, clippy, a build, a content CLI check, a size budget): one each, passed or
//!   failed by its exit status or its comparison.
//!
//! A test step fails when a test fails, when its runner fails without a failing test (a
//! compile error, a crash, a global error: then it counts as one failed check), and when it ran
//! no test at all.

use std::env;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::budget::{budgets, sizes, Sizes};
use crate::build::{build, cli_capture, default_build, NO_BUILD_STD_FLAG, NO_BUILD_STD_TARGET_DIR};
use crate::flags;
use crate::setup::{setup, Setup};
use crate::util::*;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.passed += o.passed;
        self.failed += o.failed;
        self.skipped += o.skipped;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One command or comparison: 1 passed or 1 failed.
    Check,
    /// A test runner: its own counts.
    Tests,
}

struct Outcome {
    name: String,
    kind: Kind,
    ok: bool,
    counts: Counts,
    secs: f64,
    note: String,
}

/// What a test runner reported; `error` when the runner itself failed.
#[derive(Debug, Default)]
struct Run {
    counts: Counts,
    error: Option<String>,
}

struct Report {
    results: Vec<Outcome>,
}

impl Report {
    /// A check step: passed or failed as a whole.
    fn check(&mut self, name: &str, t: Instant, r: Result<(), String>) -> bool {
        let ok = r.is_ok();
        let note = r.err().map(|e| {
            eprintln!("\n!! step `{name}` failed: {e}\n");
            first_line(&e)
        });
        let counts = Counts { passed: ok as u64, failed: !ok as u64, skipped: 0 };
        self.push(name, Kind::Check, ok, counts, t, note.unwrap_or_default())
    }

    /// A step of several checks (budgets, content CLI): each counts.
    fn checks(&mut self, name: &str, t: Instant, r: Result<Vec<(String, bool)>, String>) -> bool {
        match r {
            Err(e) => self.check(name, t, Err(e)),
            Ok(list) if list.is_empty() => self.check(name, t, Err("no check ran".into())),
            Ok(list) => {
                let failed: Vec<&str> = list.iter().filter(|(_, ok)| !ok).map(|(n, _)| n.as_str()).collect();
                let counts = Counts { passed: (list.len() - failed.len()) as u64, failed: failed.len() as u64, skipped: 0 };
                let ok = failed.is_empty();
                let note = failed.first().map(|n| first_line(n)).unwrap_or_default();
                if !failed.is_empty() {
                    eprintln!("\n!! step `{name}` failed: {}\n", failed.join("; "));
                }
                self.push(name, Kind::Check, ok, counts, t, note)
            }
        }
    }

    /// A test-runner step.
    fn tests(&mut self, name: &str, t: Instant, r: Run) -> bool {
        let mut counts = r.counts;
        let mut error = r.error;
        if error.is_none() && counts.passed + counts.failed == 0 {
            error = Some("ran no test".into());
        }
        let ok = error.is_none() && counts.failed == 0;
        let note = match &error {
            Some(e) => {
                eprintln!("\n!! step `{name}` failed: {e}\n");
                if counts.failed == 0 {
                    // The runner failed without a failing test: one failed check, so the total
                    // can never read "0 failed" for a failed run.
                    counts.failed = 1;
                }
                first_line(e)
            }
            None if counts.failed > 0 => format!("{} test(s) failed", counts.failed),
            None => String::new(),
        };
        let note = if counts.skipped > 0 && note.is_empty() { format!("{} skipped", counts.skipped) } else { note };
        self.push(name, Kind::Tests, ok, counts, t, note)
    }

    fn push(&mut self, name: &str, kind: Kind, ok: bool, counts: Counts, t: Instant, note: String) -> bool {
        self.results.push(Outcome { name: name.into(), kind, ok, counts, secs: t.elapsed().as_secs_f64(), note });
        ok
    }

    fn print(&self, started: Instant) -> bool {
        println!("\n== cargo xtask test: summary ({:.0}s) ==", started.elapsed().as_secs_f64());
        println!("{:<46} {:<6} {:>6} {:>7} {:>7} {:>7} {:>8}  note", "step", "kind", "result", "passed", "failed", "skipped", "seconds");
        let (mut tests, mut checks) = (Counts::default(), Counts::default());
        for o in &self.results {
            let kind = match o.kind {
                Kind::Check => "check",
                Kind::Tests => "tests",
            };
            println!(
                "{:<46} {:<6} {:>6} {:>7} {:>7} {:>7} {:>8.1}  {}",
                o.name,
                kind,
                if o.ok { "ok" } else { "FAIL" },
                o.counts.passed,
                o.counts.failed,
                o.counts.skipped,
                o.secs,
                o.note
            );
            match o.kind {
                Kind::Check => checks.add(o.counts),
                Kind::Tests => tests.add(o.counts),
            }
        }
        let mut all = tests;
        all.add(checks);
        println!(
            "tests: {} passed, {} failed, {} skipped; checks: {} passed, {} failed",
            tests.passed, tests.failed, tests.skipped, checks.passed, checks.failed
        );
        println!("{} passed, {} failed, {} skipped", all.passed, all.failed, all.skipped);
        !self.results.is_empty() && self.results.iter().all(|o| o.ok)
    }
}

pub fn test(f: &flags::Test) -> ExitCode {
    let started = Instant::now();
    let dev = f.dev;
    let mut rep = Report { results: Vec::new() };

    let t = Instant::now();
    let setup_ok = rep.check("setup", t, setup(&Setup { browser: !f.no_browser_tests }));

    // Lints that cannot be skipped (issue 13): formatting, and clippy with every warning an
    // error, for the native workspace (all targets: tests, benches, xtask) and for the app as
    // the browser builds it (wasm32: most of src/ only exists there).
    for (label, args) in [
        ("cargo fmt --check", &["fmt", "--all", "--check"][..]),
        ("clippy (native, all targets)", &["clippy", "--workspace", "--all-targets", "--color", "never", "--", "-D", "warnings"][..]),
        (
            "clippy (wasm32, the app)",
            &["clippy", "-p", "wegwijzer-app", "--target", "wasm32-unknown-unknown", "--color", "never", "--", "-D", "warnings"][..],
        ),
    ] {
        let t = Instant::now();
        step(&format!("lint: cargo {}", args.join(" ")));
        rep.check(label, t, run("cargo", args));
    }

    let t = Instant::now();
    let label = "cargo test --workspace";
    let mut r = cargo_tests(label, &["test", "--workspace", "--color", "never"]);
    // Doc tests are compiled by rustdoc at run time, so they have no executable to run with
    // the JSON format (asking rustdoc for it needs RUSTC_BOOTSTRAP=1 for the whole command,
    // which rebuilds the workspace). The workspace has none today (only `text` blocks); they
    // run anyway and fail the step by their exit status, uncounted.
    if r.error.is_none() {
        if let Err(e) = run("cargo", &["test", "--workspace", "--doc", "--color", "never"]) {
            r.error = Some(format!("doc tests: {e}"));
        }
    }
    rep.tests(label, t, r);
    // The core as the browser builds it (no `full-lint`): signed-but-broken content must still
    // be refused by the structural rules the client keeps. `native-crypto` stands in for the
    // browser's WebCrypto (the tests sign and verify natively).
    let t = Instant::now();
    let label = "cargo test -p wegwijzer-core (client build)";
    let args = [
        "test",
        "-p",
        "wegwijzer-core",
        "--no-default-features",
        "--features",
        "native-crypto",
        "--test",
        "lint",
        "--test",
        "bundle",
        "--color",
        "never",
    ];
    rep.tests(label, t, cargo_tests(label, &args));

    // The DOM builder's unit tests (src/dom/tests.rs) in headless Chromium.
    if !f.no_browser_tests {
        let t = Instant::now();
        rep.tests(WASM_UNIT_TESTS, t, wasm_unit_tests());
    }

    let t = Instant::now();
    rep.checks("content CLI on content/", t, content_cli_checks());

    // Own dist dir and free ports, so a developer's `serve` (dist/, :8080) or a second test run
    // on the same machine does not interfere.
    let test_dist = root().join("dist-test");
    let mut built = false;
    if setup_ok {
        let t = Instant::now();
        let r = default_build(!dev, test_dist.clone(), true).and_then(|o| build(&o));
        built = rep.check(if dev { "build (dev)" } else { "build (release)" }, t, r);
    }

    if built {
        let t = Instant::now();
        let r = budgets(&test_dist, !dev).map(|cs| cs.into_iter().map(|c| (c.name, c.ok)).collect());
        rep.checks("budgets", t, r);
    }

    // The documented fallback (--no-build-std): the release wasm once more on plain stable Rust,
    // in its own target dir, so a deployer knows it still builds and what it costs.
    if built && !dev {
        let t = Instant::now();
        let fallback_dist = root().join("dist-test-no-build-std");
        let r = default_build(true, fallback_dist.clone(), true).and_then(|mut o| {
            o.build_std = false;
            o.target_dir = Some(root().join(NO_BUILD_STD_TARGET_DIR));
            build(&o)?;
            compare_fallback(&sizes(&test_dist)?, &sizes(&fallback_dist)?)
        });
        rep.check("build (release, --no-build-std)", t, r);
    } else if dev {
        info("--dev: the --no-build-std fallback build is skipped (it is a release build)");
    }

    if built && !f.no_browser_tests {
        let t = Instant::now();
        rep.tests("browser tests (playwright)", t, playwright(&test_dist));
    }

    if rep.print(started) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

const WASM_UNIT_TESTS: &str = "wasm unit tests (headless Chromium)";

/// The app's `wasm-bindgen-test` unit tests (src/dom/tests.rs) in headless Chromium, driven by
/// `wasm-bindgen-test-runner` (wasm-bindgen-cli, the crate's version) through Debian's
/// chromedriver; Chromium's flags are in `webdriver.json` at the crate root. The runner has no
/// JSON report: the tests are counted from its machine-readable list (`--list --format terse`,
/// one `name: test` line each) and the run passes or fails by its exit status (a failed run
/// counts every listed test as failed).
fn wasm_unit_tests() -> Run {
    step(WASM_UNIT_TESTS);
    let path = tool_path();
    let envs = [("CHROMEDRIVER", "/usr/bin/chromedriver"), ("PATH", path.as_str())];
    let args =
        ["test", "--target", "wasm32-unknown-unknown", "-p", "wegwijzer-app", "--no-run", "--message-format=json-render-diagnostics"];
    println!("   $ cargo {}", args.join(" "));
    let out = match command("cargo", &args, &envs).stderr(Stdio::inherit()).output() {
        Ok(o) if o.status.success() => o,
        Ok(o) => return Run { error: Some(format!("the wasm unit tests do not compile ({})", o.status)), ..Run::default() },
        Err(e) => return Run { error: Some(format!("cannot run cargo: {e}")), ..Run::default() },
    };
    let exes = test_executables(&String::from_utf8_lossy(&out.stdout));
    let mut run = Run::default();
    if exes.is_empty() {
        run.error = Some("cargo built no wasm test".into());
    }
    for exe in &exes {
        let wasm = exe.path.to_string_lossy().to_string();
        let listed = command("wasm-bindgen-test-runner", &[&wasm, "--list", "--format", "terse"], &envs)
            .current_dir(root())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.ends_with(": test")).count() as u64)
            .unwrap_or(0);
        let ok = command("wasm-bindgen-test-runner", &[&wasm], &envs).current_dir(root()).status().map(|s| s.success()).unwrap_or(false);
        if listed == 0 {
            run.error = Some(format!("{}: no tests listed", exe.label));
        } else if ok {
            run.counts.passed += listed;
        } else {
            run.counts.failed += listed;
            run.error = Some(format!("{}: the run failed", exe.label));
        }
    }
    run
}

fn compare_fallback(with: &Sizes, without: &Sizes) -> Result<(), String> {
    step("release wasm with and without the std rebuild (brotli bytes)");
    println!("   {:<44} {:>10} {:>10}", "build", "wasm", "app shell");
    println!("   {:<44} {:>10} {:>10}", "std rebuilt (shipped)", with.wasm, with.shell());
    println!("   {:<44} {:>10} {:>10}", format!("plain stable ({NO_BUILD_STD_FLAG}, fallback)"), without.wasm, without.shell());
    println!("   {:<44} {:>10} {:>10}", "difference", without.wasm as i64 - with.wasm as i64, without.shell() as i64 - with.shell() as i64);
    if without.wasm == 0 {
        return Err("the fallback build has no wasm".into());
    }
    Ok(())
}

/// The content CLI on the real `content/`: what `crates/cli/tests/cli.rs` does not cover there
/// (it runs keygen, sign, verify, minisign interop, graph and stats on its own fixture).
fn content_cli_checks() -> Result<Vec<(String, bool)>, String> {
    step("content CLI: wegwijzer check, wegwijzer docs --check on content/");
    let mut out = Vec::new();
    let mut check = |name: &str, r: Result<String, String>| {
        match &r {
            Ok(_) => ok(name),
            Err(e) => eprintln!("   FAIL {name}: {e}"),
        }
        out.push((name.to_string(), r.is_ok()));
    };
    check("wegwijzer check --content content (every lint rule and scenario, today)", cli_capture(&["check", "--content", "content"]));
    check(
        "docs/tree.md is up to date (wegwijzer docs --check)",
        cli_capture(&["docs", "--content", "content", "--out", "docs/tree.md", "--check"]),
    );
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// cargo tests through libtest's JSON events

/// A test executable from `cargo test --no-run --message-format=json`.
#[derive(Debug, PartialEq, Eq)]
struct TestExe {
    /// `package target (kind)`, for the log.
    label: String,
    path: PathBuf,
    /// Its package's directory: cargo runs test executables there, with CARGO_MANIFEST_DIR set.
    manifest_dir: PathBuf,
}

fn cargo_tests(label: &str, args: &[&str]) -> Run {
    step(label);
    let mut build_args = args.to_vec();
    build_args.extend(["--no-run", "--message-format=json-render-diagnostics"]);
    println!("   $ cargo {}", build_args.join(" "));
    let out = match command("cargo", &build_args, &[]).stderr(Stdio::inherit()).output() {
        Ok(o) => o,
        Err(e) => return Run { error: Some(format!("cannot run cargo: {e}")), ..Run::default() },
    };
    if !out.status.success() {
        return Run {
            error: Some(format!("`cargo {}` failed ({}): the tests do not compile", build_args.join(" "), out.status)),
            ..Run::default()
        };
    }
    let exes = test_executables(&String::from_utf8_lossy(&out.stdout));
    let mut run = Run::default();
    let mut errors = Vec::new();
    for exe in &exes {
        match run_test_exe(exe) {
            Ok(c) => run.counts.add(c),
            Err((c, e)) => {
                run.counts.add(c);
                errors.push(e);
            }
        }
    }
    if exes.is_empty() {
        errors.push("cargo built no test executable".into());
    }
    if !errors.is_empty() {
        run.error = Some(errors.join("; "));
    }
    run
}

fn test_executables(cargo_json: &str) -> Vec<TestExe> {
    let mut out: Vec<TestExe> = Vec::new();
    for line in cargo_json.lines() {
        let Ok(m) = serde_json::from_str::<Value>(line) else { continue };
        if m["reason"] != "compiler-artifact" || m["profile"]["test"] != true {
            continue;
        }
        let Some(path) = m["executable"].as_str() else { continue };
        let manifest = m["manifest_path"].as_str().map(PathBuf::from).unwrap_or_default();
        let kind = m["target"]["kind"].as_array().and_then(|k| k.first()).and_then(Value::as_str).unwrap_or("?");
        let package = package_name(m["package_id"].as_str().unwrap_or(""), &manifest);
        let exe = TestExe {
            label: format!("{package} {} ({kind})", m["target"]["name"].as_str().unwrap_or("?")),
            path: PathBuf::from(path),
            manifest_dir: manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        if !out.contains(&exe) {
            out.push(exe);
        }
    }
    out
}

/// The package name in a cargo package id: `path+file:///w/crates/core#wegwijzer-core@0.1.0`,
/// or `path+file:///w/crates/cli#0.1.0` when the name is the folder's.
fn package_name(id: &str, manifest: &Path) -> String {
    match id.rsplit_once('#').map(|(_, tail)| tail.split_once('@')) {
        Some(Some((name, _))) => name.to_string(),
        _ => manifest.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
    }
}

/// Run one test executable with libtest's JSON output; its counts, and an error when it failed.
fn run_test_exe(exe: &TestExe) -> Result<Counts, (Counts, String)> {
    let path = exe.path.to_string_lossy().to_string();
    let dir = exe.manifest_dir.to_string_lossy().to_string();
    let envs = [("RUSTC_BOOTSTRAP", "1"), ("CARGO_MANIFEST_DIR", dir.as_str())];
    let mut c = command(&path, &["--format", "json", "-Z", "unstable-options"], &envs);
    c.current_dir(&exe.manifest_dir).stdout(Stdio::piped());
    let mut child = c.spawn().map_err(|e| (Counts::default(), format!("cannot run {path}: {e}")))?;
    let mut events = LibtestEvents::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            events.line(&line);
        }
    }
    let st = child.wait().map_err(|e| (events.counts, e.to_string()))?;
    let c = events.counts;
    let summary = format!("{}: {} passed, {} failed, {} ignored", exe.label, c.passed, c.failed, c.skipped);
    if st.success() && c.failed == 0 {
        ok(&summary);
        Ok(c)
    } else {
        eprintln!("   FAIL {summary}");
        for (name, output) in &events.failures {
            eprintln!("   ---- {name} ----\n{output}");
        }
        for l in &events.other {
            eprintln!("   {l}");
        }
        Err((c, format!("{} ({st})", exe.label)))
    }
}

/// The `"type":"test"` events of libtest's JSON format.
#[derive(Debug, Default)]
struct LibtestEvents {
    counts: Counts,
    failures: Vec<(String, String)>,
    /// Lines that are not JSON (a panic outside a test, a crash message).
    other: Vec<String>,
}

impl LibtestEvents {
    fn line(&mut self, line: &str) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            if !line.trim().is_empty() {
                self.other.push(line.to_string());
            }
            return;
        };
        if v["type"] != "test" {
            return;
        }
        match v["event"].as_str() {
            Some("ok") => self.counts.passed += 1,
            Some("failed") | Some("timeout") => {
                self.counts.failed += 1;
                let name = v["name"].as_str().unwrap_or("?").to_string();
                self.failures.push((name, v["stdout"].as_str().unwrap_or("").to_string()));
            }
            Some("ignored") => self.counts.skipped += 1,
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// browser tests through Playwright's JSON report

fn playwright(dist: &Path) -> Run {
    step("browser tests: npx playwright test (tests/)");
    let port = env::var("WEGWIJZER_TEST_PORT").ok().and_then(|p| p.parse::<u16>().ok()).unwrap_or_else(|| free_port_pair(8090));
    let port_s = port.to_string();
    let dist_s = dist.to_string_lossy().to_string();
    // Outside tests/test-results, which Playwright empties when it starts.
    let report = root().join("target/xtask/playwright-report.json");
    let _ = fs::create_dir_all(report.parent().unwrap());
    let _ = fs::remove_file(&report);
    let report_s = report.to_string_lossy().to_string();
    info(&format!("app on http://127.0.0.1:{port}, host pages on http://localhost:{}, dist {dist_s}", port + 1));
    let envs = [
        ("CI", "1"),
        ("FORCE_COLOR", "0"),
        ("WEGWIJZER_TEST_PORT", port_s.as_str()),
        ("WEGWIJZER_DIST", dist_s.as_str()),
        ("WEGWIJZER_PLAYWRIGHT_JSON", report_s.as_str()),
    ];
    let status = run_in(&root().join("tests"), "npx", &["playwright", "test"], &envs);
    let mut run = match fs::read_to_string(&report) {
        Ok(text) => playwright_counts(&text),
        Err(e) => Run { error: Some(format!("no Playwright JSON report at {}: {e}", report.display())), ..Run::default() },
    };
    if let (Err(e), None) = (status, &run.error) {
        if run.counts.failed == 0 {
            run.error = Some(e);
        }
    }
    run
}

/// Counts from Playwright's JSON reporter: `stats.expected` passed, `stats.unexpected` and
/// `stats.flaky` failed, `stats.skipped` skipped; a global error (`errors`, e.g. a web server
/// that did not start) fails the step.
fn playwright_counts(report: &str) -> Run {
    let v: Value = match serde_json::from_str(report) {
        Ok(v) => v,
        Err(e) => return Run { error: Some(format!("Playwright JSON report: {e}")), ..Run::default() },
    };
    let n = |k: &str| v["stats"][k].as_u64().unwrap_or(0);
    let counts = Counts { passed: n("expected"), failed: n("unexpected") + n("flaky"), skipped: n("skipped") };
    let mut error = None;
    if !v["stats"].is_object() {
        error = Some("Playwright JSON report has no stats".to_string());
    } else if let Some(first) = v["errors"].as_array().and_then(|e| e.first()) {
        error = Some(format!("Playwright: {}", first["message"].as_str().unwrap_or("a global error")));
    } else if n("flaky") > 0 {
        error = Some(format!("{} flaky test(s): a test that fails once is a failure", n("flaky")));
    }
    Run { counts, error }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_events_are_counted() {
        let mut e = LibtestEvents::default();
        for l in [
            r#"{ "type": "suite", "event": "started", "test_count": 4 }"#,
            r#"{ "type": "test", "event": "started", "name": "a" }"#,
            r#"{ "type": "test", "name": "a", "event": "ok" }"#,
            r#"{ "type": "test", "name": "b", "event": "failed", "stdout": "thread 'b' panicked" }"#,
            r#"{ "type": "test", "name": "c", "event": "ignored" }"#,
            r#"{ "type": "test", "name": "d", "event": "ok" }"#,
            r#"{ "type": "suite", "event": "failed", "passed": 2, "failed": 1, "ignored": 1, "measured": 0, "filtered_out": 0 }"#,
            "",
        ] {
            e.line(l);
        }
        assert_eq!(e.counts, Counts { passed: 2, failed: 1, skipped: 1 });
        assert_eq!(e.failures, vec![("b".to_string(), "thread 'b' panicked".to_string())]);
        assert!(e.other.is_empty());
    }

    #[test]
    fn test_executables_come_from_cargo_artifacts_with_profile_test() {
        let json = [
            r#"{"reason":"compiler-artifact","manifest_path":"/w/crates/core/Cargo.toml","target":{"kind":["lib"],"name":"wegwijzer_core"},"profile":{"test":false},"executable":null}"#,
            r#"{"reason":"compiler-artifact","package_id":"path+file:///w/crates/core#wegwijzer-core@0.1.0","manifest_path":"/w/crates/core/Cargo.toml","target":{"kind":["test"],"name":"lint"},"profile":{"test":true},"executable":"/w/target/debug/deps/lint-1"}"#,
            r#"{"reason":"compiler-artifact","manifest_path":"/w/crates/cli/Cargo.toml","target":{"kind":["bin"],"name":"wegwijzer"},"profile":{"test":false},"executable":"/w/target/debug/wegwijzer"}"#,
            r#"{"reason":"build-finished","success":true}"#,
        ]
        .join("\n");
        let exes = test_executables(&json);
        assert_eq!(
            exes,
            vec![TestExe {
                label: "wegwijzer-core lint (test)".into(),
                path: "/w/target/debug/deps/lint-1".into(),
                manifest_dir: "/w/crates/core".into()
            }]
        );
    }

    #[test]
    fn package_names_from_package_ids() {
        let m = Path::new("/w/crates/cli/Cargo.toml");
        assert_eq!(package_name("path+file:///w/crates/core#wegwijzer-core@0.1.0", m), "wegwijzer-core");
        assert_eq!(package_name("path+file:///w/crates/cli#0.1.0", m), "cli");
    }

    #[test]
    fn playwright_flaky_is_failed_and_counts_come_from_stats() {
        let r = playwright_counts(r#"{"stats":{"expected":10,"unexpected":1,"flaky":2,"skipped":3},"errors":[]}"#);
        assert_eq!(r.counts, Counts { passed: 10, failed: 3, skipped: 3 });
        assert!(r.error.unwrap().contains("flaky"));
        let r = playwright_counts(r#"{"stats":{"expected":10,"unexpected":0,"flaky":0,"skipped":0},"errors":[]}"#);
        assert_eq!(r.counts, Counts { passed: 10, failed: 0, skipped: 0 });
        assert!(r.error.is_none());
        let r = playwright_counts(
            r#"{"stats":{"expected":0,"unexpected":0,"flaky":0,"skipped":0},"errors":[{"message":"webServer timed out"}]}"#,
        );
        assert!(r.error.unwrap().contains("webServer"));
        assert!(playwright_counts("not json").error.is_some());
    }

    #[test]
    fn a_test_step_without_tests_fails_and_a_runner_error_is_a_failed_check() {
        let mut rep = Report { results: Vec::new() };
        assert!(!rep.tests("none", Instant::now(), Run::default()));
        assert_eq!(rep.results[0].counts, Counts { passed: 0, failed: 1, skipped: 0 });
        let r = Run { counts: Counts { passed: 5, failed: 0, skipped: 0 }, error: Some("crashed".into()) };
        assert!(!rep.tests("crash", Instant::now(), r));
        assert_eq!(rep.results[1].counts, Counts { passed: 5, failed: 1, skipped: 0 });
        let r = Run { counts: Counts { passed: 5, failed: 2, skipped: 1 }, error: None };
        assert!(!rep.tests("two fail", Instant::now(), r));
        assert_eq!(rep.results[2].counts, Counts { passed: 5, failed: 2, skipped: 1 });
        let r = Run { counts: Counts { passed: 5, failed: 0, skipped: 1 }, error: None };
        assert!(rep.tests("good", Instant::now(), r));
        assert!(rep.checks("budgets", Instant::now(), Ok(vec![("a".into(), true), ("b".into(), true)])));
        assert_eq!(rep.results[4].counts, Counts { passed: 2, failed: 0, skipped: 0 });
        assert!(!rep.checks("empty", Instant::now(), Ok(vec![])));
    }
}
