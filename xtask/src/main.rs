//! Project automation for Wegwijzer (`cargo xtask <command>`), std only.
//!
//! Commands:
//!   setup [--no-browser]        install whatever is missing (idempotent, version-checked)
//!   serve [--release] [--no-build-std] [--port N] [--host H]
//!                               build with a dev key (or WEGWIJZER_PUBKEYS), sign content, serve dist/
//!   test [--dev]                everything CI runs (lints, tests, builds, budgets, browser tests);
//!                               exits non-zero on any failure
//!   bench                       release build + Lighthouse/Playwright measurements -> docs/benchmarks.md
//!   dist --pubkeys K1[,K2] [--content-base URL] [--signed-content DIR] [--frame-ancestors LIST] [--no-build-std]
//!                               production build; content is signed offline (docs/signing.md)
//!
//! Environment:
//!   WEGWIJZER_PUBKEYS       comma-separated minisign public keys (base64). When set, serve/test/bench
//!                           pin these keys and expect content signed offline in WEGWIJZER_SIGNED_CONTENT.
//!   WEGWIJZER_SIGNED_CONTENT  directory with content already signed by the production key.
//!   WEGWIJZER_CONTENT_BASE  where the app fetches content from (default `content/`; written into
//!                           index.html and sw.js by tools/postbuild.mjs, its origin into connect-src).
//!   WEGWIJZER_TEST_PORT     first test port (default 8090: app; +1: other-origin host pages).

mod bench;
mod util;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use util::*;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The app-shell budget of issue 6, enforced by the test command (HTML + CSS + JS + wasm,
/// brotli). Measured 117.3 kB when it was first met (221 kB at the start of issue 6); the
/// issue's goal is 80 kB. See docs/benchmarks.md for what each change saved.
pub const APP_SHELL_BUDGET: u64 = 120 * 1000;
/// A ratchet while the budget is NOT met: issue 12 (the screens for a person in distress:
/// sticky exit, "Doe dit eerst", open status, reload restore, organisation list, search over
/// organisations, the schools page) took the shell to 133.8 kB. The test command fails above
/// this ceiling so the shell cannot grow further, and prints how far it is from the 120 kB
/// budget, which stays the requirement (issue 12 is left open until it is met again).
pub const APP_SHELL_CEILING: u64 = 135 * 1000;
/// The issue's goal, reported (not enforced).
pub const APP_SHELL_GOAL: u64 = 80 * 1000;
pub const CONTENT_BUDGET: u64 = 40 * 1000;
/// Rust flags for the RELEASE wasm only, used together with `-Zbuild-std=std,panic_abort`
/// (RELEASE_BUILD_STD): std is rebuilt from `rust-src` with `-Cpanic=immediate-abort`, so a panic
/// is a bare wasm `unreachable` trap and none of std's panic formatting and unwinding support is
/// linked in. Why: the app-shell size budget of issue 6; it takes 16 kB brotli off the wasm
/// (173.7 -> 157.6 kB measured, docs/benchmarks.md). A panic then runs no panic hook: the loader
/// that tools/postbuild.mjs writes into index.html shows the static failure screen on the trap.
///
/// Passed as `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS`, which replaces (does not extend) the
/// `[target.wasm32-unknown-unknown] rustflags` of .cargo/config.toml, hence `--cfg erase_components`
/// again here (without it the wasm is 27 kB bigger). Build scripts and proc macros are host
/// artifacts and do not get these flags.
///
/// Both `-Zbuild-std` and `-Cpanic=immediate-abort` are unstable, so this build needs
/// `RUSTC_BOOTSTRAP=1` on the stable toolchain. It is set only in the environment of the one
/// `trunk build --release` command in `build()` (and so of the cargo/rustc it runs; plus the
/// `cargo fetch` of std's dependencies just before it), never globally: every other cargo
/// command (tests, the CLI, xtask, debug builds) stays plain stable.
pub const RELEASE_WASM_RUSTFLAGS: &str = "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort";
/// The std crates rebuilt for the release wasm (`CARGO_UNSTABLE_BUILD_STD`, = `-Zbuild-std=…`).
pub const RELEASE_BUILD_STD: &str = "std,panic_abort";
/// The Rust version these flags are known to work with: `rust-toolchain.toml` pins it, so the
/// unstable options cannot change under the build on another machine. When they break (a new
/// toolchain, a platform without `rust-src`), `--no-build-std` builds the release wasm on plain
/// stable Rust: the same app, about 16 kB brotli bigger (docs/deploy.md, "Toolchain").
/// `cargo xtask test` builds that fallback once too and prints both sizes.
pub const NO_BUILD_STD_FLAG: &str = "--no-build-std";
/// Target dir of the fallback build, so the two release builds do not overwrite each other's
/// artifacts (their flags differ) and each stays incremental.
pub const NO_BUILD_STD_TARGET_DIR: &str = "target/no-build-std";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let root = root();
    env::set_current_dir(&root).expect("cd to workspace root");
    let r = match cmd {
        "setup" => setup(&Setup { browser: !has_flag(rest, "--no-browser") }),
        "serve" => serve(rest),
        "test" => return test(rest),
        "bench" => bench::bench(rest),
        "dist" => dist(rest),
        "help" | "-h" | "--help" => {
            println!("{}", HELP);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{HELP}")),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {cmd}: error: {e}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "usage: cargo xtask <command>
  setup [--no-browser]                 install what is missing (wasm32 target, rust-src, trunk, wasm-bindgen-cli,
                                       npm packages incl. wasm-opt, chromium) - idempotent
  serve [--release] [--no-build-std] [--port 8080] [--host 127.0.0.1]
                                       build, sign content with a local dev key, serve on http://127.0.0.1:8080
  test [--dev] [--no-browser-tests]    fmt + clippy (native and wasm32), cargo tests, CLI checks, release build
                                       (and the --no-build-std fallback), budgets, browser tests
  bench [--runs 3] [--no-write]        benchmark table (printed and appended to docs/benchmarks.md)
  dist --pubkeys K1[,K2] [--content-base URL] [--signed-content DIR] [--frame-ancestors LIST] [--out DIR] [--no-build-std]
                                       production build (content signed offline, see docs/signing.md)
  --no-build-std (serve, dist, test's release build): release wasm on plain stable Rust, std not rebuilt
                                       (the fallback when the pinned toolchain's unstable flags fail; +16 kB)";

// ---------------------------------------------------------------------------------------------
// setup

pub struct Setup {
    pub browser: bool,
}

pub fn setup(s: &Setup) -> Result<(), String> {
    let t = Instant::now();
    step("setup: checking tools");
    // wasm32 target
    let targets = capture("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if targets.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        ok("wasm32-unknown-unknown target installed");
    } else {
        info("installing the wasm32-unknown-unknown target");
        run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    // rust-src: the release wasm rebuilds std from source (see RELEASE_WASM_RUSTFLAGS)
    let components = capture("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if components.lines().any(|l| l.trim() == "rust-src" || l.trim().starts_with("rust-src-")) {
        ok("rust-src component installed");
    } else {
        info("installing the rust-src component (std is rebuilt for the release wasm)");
        run("rustup", &["component", "add", "rust-src"])?;
    }
    // trunk
    let trunk_v = capture("trunk", &["--version"]).unwrap_or_default();
    if trunk_v.trim() == format!("trunk {TRUNK_VERSION}") {
        ok(&format!("trunk {TRUNK_VERSION}"));
    } else {
        info(&format!("installing trunk {TRUNK_VERSION} (found: {:?}); this takes several minutes", trunk_v.trim()));
        run("cargo", &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])?;
    }
    // wasm-bindgen-cli: must equal the wasm-bindgen crate pinned in Cargo.toml
    let wb = capture("wasm-bindgen", &["--version"]).unwrap_or_default();
    if wb.trim() == format!("wasm-bindgen {WASM_BINDGEN_VERSION}") {
        ok(&format!("wasm-bindgen-cli {WASM_BINDGEN_VERSION}"));
    } else {
        info(&format!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (found: {:?})", wb.trim()));
        run("cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION])?;
    }
    // node + npm packages (wasm-opt from binaryen, Playwright, axe, Lighthouse)
    let node_v = capture("node", &["--version"]).map_err(|_| {
        "Node.js 20 or newer is required (Debian: the machine's node; `apt-get install nodejs npm` gives an older one)".to_string()
    })?;
    let major: u32 = node_v.trim().trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major < 20 {
        return Err(format!("Node.js >= 20 required, found {}", node_v.trim()));
    }
    ok(&format!("node {}", node_v.trim()));
    npm_ci()?;
    let wasm_opt = capture(&root().join("tests/node_modules/.bin/wasm-opt").to_string_lossy(), &["--version"]).unwrap_or_default();
    if !wasm_opt.contains("version 132") {
        return Err(format!("tests/node_modules/.bin/wasm-opt is not version 132: {wasm_opt:?}"));
    }
    ok("wasm-opt version 132 (npm binaryen)");
    if s.browser {
        let need: Vec<&str> = [
            ("/usr/bin/chromium", "chromium"),
            ("/usr/bin/chromedriver", "chromium-driver"),
            ("/usr/bin/brotli", "brotli"),
            ("/usr/bin/minisign", "minisign"),
        ]
        .iter()
        .filter(|(p, _)| !Path::new(p).exists())
        .map(|(_, pkg)| *pkg)
        .collect();
        if need.is_empty() {
            ok("chromium, chromium-driver, brotli, minisign (Debian)");
        } else {
            info(&format!("installing Debian packages: {}", need.join(" ")));
            let sudo = capture("id", &["-u"]).map(|u| u.trim() != "0").unwrap_or(false);
            let (prog, mut pre): (&str, Vec<&str>) = if sudo { ("sudo", vec!["apt-get"]) } else { ("apt-get", vec![]) };
            let mut upd = pre.clone();
            upd.push("update");
            run_env(prog, &upd, &[("DEBIAN_FRONTEND", "noninteractive")])?;
            pre.extend(["install", "-y", "--no-install-recommends"]);
            pre.extend(need.iter());
            run_env(prog, &pre, &[("DEBIAN_FRONTEND", "noninteractive")])?;
        }
    }
    ok(&format!("setup done in {:.1}s", t.elapsed().as_secs_f64()));
    Ok(())
}

fn npm_ci() -> Result<(), String> {
    let tests = root().join("tests");
    let lock = fs::read(tests.join("package-lock.json")).map_err(|e| format!("tests/package-lock.json: {e}"))?;
    let stamp_file = tests.join("node_modules/.wegwijzer-lock-hash");
    let want = format!("{:016x}", fnv1a(&lock));
    if fs::read_to_string(&stamp_file).map(|s| s.trim() == want).unwrap_or(false) {
        ok("npm packages (tests/node_modules up to date with package-lock.json)");
        return Ok(());
    }
    info("npm ci in tests/ (from the committed package-lock.json)");
    run_in(&tests, "npm", &["ci", "--no-audit", "--no-fund", "--loglevel=error"], &[])?;
    fs::write(&stamp_file, want).map_err(|e| e.to_string())?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// build pipeline shared by serve / test / bench / dist

pub struct BuildOpts {
    pub release: bool,
    /// Release only: rebuild std with panic=immediate-abort (RELEASE_WASM_RUSTFLAGS); false =
    /// the `--no-build-std` fallback on plain stable.
    pub build_std: bool,
    /// CARGO_TARGET_DIR for this build (None: the workspace's `target/`).
    pub target_dir: Option<PathBuf>,
    pub dist: PathBuf,
    pub pubkeys: String,
    pub content_base: String,
    /// Sign `content/` with this secret key into dist/content (dev); None = production.
    pub sign_key: Option<PathBuf>,
    /// Copy this already-signed content dir into dist/content (production / offline-signed).
    pub signed_content: Option<PathBuf>,
    pub content_dir: PathBuf,
    pub frame_ancestors: String,
    pub connect_src: String,
    /// Fail (instead of warn) when content signing fails.
    pub strict: bool,
}

/// Public key + secret key path: WEGWIJZER_PUBKEYS if set, else a local dev key (generated once).
pub fn keys() -> Result<(String, Option<PathBuf>), String> {
    if let Ok(k) = env::var("WEGWIJZER_PUBKEYS") {
        if !k.trim().is_empty() {
            info("using WEGWIJZER_PUBKEYS (content must be signed offline: set WEGWIJZER_SIGNED_CONTENT)");
            return Ok((k.trim().to_string(), None));
        }
    }
    let dir = root().join(".wegwijzer");
    let (sk, pk) = (dir.join("dev.key"), dir.join("dev.pub"));
    if !sk.exists() || !pk.exists() {
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        info("generating a local development signing key in .wegwijzer/dev.key (never commit it)");
        cli(&["keygen", "--out", ".wegwijzer/dev"])?;
    }
    let pub_text = fs::read_to_string(&pk).map_err(|e| format!("{}: {e}", pk.display()))?;
    Ok((pubkey_from_file(&pub_text)?, Some(sk)))
}

pub fn pubkey_from_file(text: &str) -> Result<String, String> {
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .map(str::to_string)
        .ok_or_else(|| "public key file has no key line".to_string())
}

/// Run the content CLI (`wegwijzer`) through cargo so it is always current.
pub fn cli(args: &[&str]) -> Result<(), String> {
    let mut a = vec!["run", "--quiet", "-p", "wegwijzer-cli", "--"];
    a.extend_from_slice(args);
    run("cargo", &a)
}
pub fn cli_capture(args: &[&str]) -> Result<String, String> {
    let mut a = vec!["run", "--quiet", "-p", "wegwijzer-cli", "--"];
    a.extend_from_slice(args);
    capture_checked("cargo", &a)
}

pub fn tool_path() -> String {
    let bin = root().join("tests/node_modules/.bin");
    let cargo_bin = home().join(".cargo/bin");
    format!("{}:{}:{}", bin.display(), cargo_bin.display(), env::var("PATH").unwrap_or_default())
}

pub fn build(o: &BuildOpts) -> Result<(), String> {
    let t = Instant::now();
    step(&format!("build: trunk build{} -> {}", if o.release { " --release" } else { "" }, o.dist.display()));
    let path = tool_path();
    // Release: std rebuilt with panic=immediate-abort. RUSTC_BOOTSTRAP=1 is in the environment of
    // these two commands only (see RELEASE_WASM_RUSTFLAGS); trunk passes it on to the cargo it runs.
    let std_env: &[(&str, &str)] = if o.release && o.build_std {
        &[
            ("RUSTC_BOOTSTRAP", "1"),
            ("CARGO_UNSTABLE_BUILD_STD", RELEASE_BUILD_STD),
            ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", RELEASE_WASM_RUSTFLAGS),
        ]
    } else {
        &[]
    };
    let _ = run_env("cargo", &["fetch", "--quiet"], &[]);
    if o.release && !o.build_std {
        info(&format!(
            "release wasm on plain stable Rust ({NO_BUILD_STD_FLAG}): std not rebuilt (about 16 kB brotli more than the shipped build)"
        ));
    }
    if o.release && o.build_std {
        for var in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
            if env::var_os(var).is_some() {
                warn(&format!("{var} is set and overrides RELEASE_WASM_RUSTFLAGS: the release wasm is not built as shipped"));
            }
        }
        info(&format!("release wasm: std rebuilt (-Zbuild-std={RELEASE_BUILD_STD}), rustflags `{RELEASE_WASM_RUSTFLAGS}`, RUSTC_BOOTSTRAP=1 for this build only"));
        // trunk runs cargo with --offline: fetch std's own dependencies too (cargo fetch knows build-std).
        let _ = run_env("cargo", &["fetch", "--quiet", "--target", "wasm32-unknown-unknown"], std_env);
    }
    let dist = o.dist.to_string_lossy().to_string();
    let mut args = vec!["build", "--offline", "--dist", &dist];
    if o.release {
        args.push("--release");
    }
    let mut envs: Vec<(&str, &str)> = vec![("PATH", &path), ("WEGWIJZER_PUBKEYS", &o.pubkeys), ("NO_COLOR", "true")];
    envs.extend_from_slice(std_env);
    let target_dir = o.target_dir.as_ref().map(|d| d.to_string_lossy().to_string());
    if let Some(d) = &target_dir {
        envs.push(("CARGO_TARGET_DIR", d));
    }
    run_env("trunk", &args, &envs)?;
    ok(&format!("trunk build done in {:.1}s", t.elapsed().as_secs_f64()));
    let content_out = o.dist.join("content");
    let _ = fs::remove_dir_all(&content_out);
    if let Some(key) = &o.sign_key {
        let content = o.content_dir.to_string_lossy().to_string();
        let (k, out) = (key.to_string_lossy().to_string(), content_out.to_string_lossy().to_string());
        step(&format!("sign: wegwijzer sign --content {content} --key {k} --out {out}"));
        match cli(&["sign", "--content", &content, "--key", &k, "--out", &out]) {
            Ok(()) => ok("content signed"),
            Err(e) if !o.strict => warn(&format!("content not signed ({e}); the app will show its offline/failure notice")),
            Err(e) => return Err(format!("signing content failed: {e}")),
        }
    } else if let Some(dir) = &o.signed_content {
        step(&format!("content: copying offline-signed content from {}", dir.display()));
        let keys: Vec<&str> = o.pubkeys.split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
        let d = dir.to_string_lossy().to_string();
        let mut verified = false;
        for k in &keys {
            if cli(&["verify", "--dir", &d, "--pubkey", k]).is_ok() {
                verified = true;
                break;
            }
        }
        if !verified {
            return Err(format!("{} does not verify with any of the pinned keys", dir.display()));
        }
        copy_dir(dir, &content_out)?;
    } else {
        warn("no content in dist/content: publish signed content at WEGWIJZER_CONTENT_BASE (docs/deploy.md)");
    }
    postbuild(&o.dist, &o.frame_ancestors, &o.connect_src, &o.content_base)?;
    Ok(())
}

pub fn postbuild(dist: &Path, frame_ancestors: &str, connect_src: &str, content_base: &str) -> Result<(), String> {
    step("postbuild: public/, sw.js, precompression, _headers");
    let d = dist.to_string_lossy().to_string();
    let mut args = vec!["tools/postbuild.mjs", "--dist", &d, "--frame-ancestors", frame_ancestors, "--content-base", content_base];
    if !connect_src.is_empty() {
        args.extend(["--connect-src", connect_src]);
    }
    run("node", &args)
}

/// Origin part of the content base when it is absolute (for connect-src).
pub fn content_origin(base: &str) -> String {
    if let Some(rest) = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")) {
        let scheme = if base.starts_with("https://") { "https://" } else { "http://" };
        let host = rest.split('/').next().unwrap_or("");
        format!("{scheme}{host}")
    } else {
        String::new()
    }
}

pub fn default_build(release: bool, dist: PathBuf, strict: bool) -> Result<BuildOpts, String> {
    let (pubkeys, sign_key) = keys()?;
    let content_base = env::var("WEGWIJZER_CONTENT_BASE").unwrap_or_else(|_| "content/".into());
    let signed_content = env::var("WEGWIJZER_SIGNED_CONTENT").ok().map(PathBuf::from);
    if sign_key.is_none() && signed_content.is_none() {
        warn("WEGWIJZER_PUBKEYS is set but WEGWIJZER_SIGNED_CONTENT is not: dist/ will have no content");
    }
    Ok(BuildOpts {
        release,
        build_std: true,
        target_dir: None,
        dist,
        connect_src: content_origin(&content_base),
        pubkeys,
        content_base,
        sign_key,
        signed_content,
        content_dir: root().join("content"),
        frame_ancestors: "'self' http://127.0.0.1:* http://localhost:*".into(),
        strict,
    })
}

// ---------------------------------------------------------------------------------------------
// serve

fn serve(rest: &[String]) -> Result<(), String> {
    let release = has_flag(rest, "--release");
    let port = flag_value(rest, "--port").unwrap_or_else(|| "8080".into());
    let host = flag_value(rest, "--host").unwrap_or_else(|| "127.0.0.1".into());
    setup(&Setup { browser: false })?;
    let mut o = default_build(release, root().join("dist"), false)?;
    o.build_std = !has_flag(rest, NO_BUILD_STD_FLAG);
    build(&o)?;
    step(&format!("serve: http://{host}:{port}/  (Ctrl-C to stop)"));
    let mut args = vec!["tools/server.mjs", "--dir", "dist", "--port", &port, "--host", &host];
    if !o.connect_src.is_empty() {
        args.extend(["--connect-src", &o.connect_src]);
    }
    run("node", &args)
}

// ---------------------------------------------------------------------------------------------
// dist (production)

fn dist(rest: &[String]) -> Result<(), String> {
    let pubkeys = flag_value(rest, "--pubkeys")
        .or_else(|| env::var("WEGWIJZER_PUBKEYS").ok())
        .ok_or("--pubkeys KEY1[,KEY2] is required (minisign public keys, base64)")?;
    let content_base = flag_value(rest, "--content-base").unwrap_or_else(|| "content/".into());
    let out = PathBuf::from(flag_value(rest, "--out").unwrap_or_else(|| "dist".into()));
    let frame_ancestors = flag_value(rest, "--frame-ancestors").unwrap_or_else(|| "https:".into());
    let signed = flag_value(rest, "--signed-content").map(PathBuf::from);
    setup(&Setup { browser: false })?;
    let o = BuildOpts {
        release: true,
        build_std: !has_flag(rest, NO_BUILD_STD_FLAG),
        target_dir: None,
        dist: if out.is_absolute() { out } else { root().join(out) },
        connect_src: content_origin(&content_base),
        pubkeys,
        content_base,
        sign_key: None,
        signed_content: signed,
        content_dir: root().join("content"),
        frame_ancestors,
        strict: true,
    };
    build(&o)?;
    ok(&format!("production build in {} (headers for the CDN: {}/_headers)", o.dist.display(), o.dist.display()));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// test

struct Outcome {
    name: String,
    ok: bool,
    passed: u64,
    failed: u64,
    secs: f64,
    note: String,
}

/// Run `cargo <args>` (a test command), echoing its output; passed and failed test counts.
fn cargo_test(label: &str, args: &[&str]) -> Result<(u64, u64), String> {
    step(label);
    match run_tee("cargo", args, &[]) {
        Ok((out, st)) => match cargo_test_counts(&out) {
            (p, f, true) if st => Ok((p, f)),
            (p, f, _) if f > 0 => Ok((p, f)),
            (p, f, _) => Err(format!("cargo test failed ({p} passed, {f} failed)")),
        },
        Err(e) => Err(e),
    }
}

const WASM_UNIT_TESTS: &str = "wasm unit tests (dom.rs, headless Chromium)";

/// The app's `wasm-bindgen-test` unit tests (the DOM builder, src/dom/tests.rs) in headless
/// Chromium: cargo runs the test wasm with `wasm-bindgen-test-runner` (from wasm-bindgen-cli,
/// same version as the `wasm-bindgen` crate), which drives Debian's chromedriver; Chromium's
/// flags (`--headless --no-sandbox --disable-gpu`) are in `webdriver.json` at the crate root.
fn wasm_unit_tests() -> Result<(u64, u64), String> {
    step(WASM_UNIT_TESTS);
    let path = tool_path();
    let envs = [
        ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner"),
        ("CHROMEDRIVER", "/usr/bin/chromedriver"),
        ("PATH", path.as_str()),
    ];
    let (out, ok) = run_tee("cargo", &["test", "--target", "wasm32-unknown-unknown", "-p", "wegwijzer-app", "--color", "never"], &envs)?;
    match cargo_test_counts(&out) {
        (p, f, true) if ok => Ok((p, f)),
        (p, f, _) if f > 0 => Ok((p, f)),
        (p, f, _) => Err(format!("wasm unit tests failed ({p} passed, {f} failed)")),
    }
}

fn test(rest: &[String]) -> ExitCode {
    let started = Instant::now();
    let dev = has_flag(rest, "--dev");
    let skip_browser = has_flag(rest, "--no-browser-tests");
    let mut results: Vec<Outcome> = Vec::new();
    let mut record = |name: &str, t: Instant, r: Result<(u64, u64), String>| -> bool {
        let secs = t.elapsed().as_secs_f64();
        let o = match r {
            Ok((p, f)) => {
                Outcome { name: name.into(), ok: f == 0, passed: p.max(if f == 0 { 1 } else { 0 }), failed: f, secs, note: String::new() }
            }
            Err(e) => {
                eprintln!("\n!! step `{name}` failed: {e}\n");
                Outcome { name: name.into(), ok: false, passed: 0, failed: 1, secs, note: first_line(&e) }
            }
        };
        let good = o.ok;
        results.push(o);
        good
    };

    let t = Instant::now();
    let setup_ok = record("setup", t, setup(&Setup { browser: !skip_browser }).map(|_| (1, 0)));

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
        record(label, t, run("cargo", args).map(|_| (1, 0)));
    }

    let t = Instant::now();
    let label = "cargo test --workspace";
    record(label, t, cargo_test(label, &["test", "--workspace", "--color", "never"]));
    // The core as the browser builds it (no `full-lint`): signed-but-broken content must still
    // be refused by the structural rules the client keeps.
    let t = Instant::now();
    let label = "cargo test -p wegwijzer-core --no-default-features (client build)";
    let args = ["test", "-p", "wegwijzer-core", "--no-default-features", "--test", "lint", "--test", "bundle", "--color", "never"];
    record(label, t, cargo_test(label, &args));

    // The DOM builder's unit tests (src/dom/tests.rs) in headless Chromium.
    if !skip_browser {
        let t = Instant::now();
        record(WASM_UNIT_TESTS, t, wasm_unit_tests());
    }

    let tmp = env::temp_dir().join(format!("wegwijzer-xtask-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let _ = fs::create_dir_all(&tmp);

    let t = Instant::now();
    record("CLI against content/", t, cli_checks(&tmp));

    // Own dist dir and free ports, so a developer's `serve` (dist/, :8080) or a second test run
    // on the same machine does not interfere.
    let test_dist = root().join("dist-test");
    let mut built = false;
    if setup_ok {
        let t = Instant::now();
        let r = default_build(!dev, test_dist.clone(), true).and_then(|o| build(&o));
        built = record(if dev { "build (dev)" } else { "build (release)" }, t, r.map(|_| (1, 0)));
    }

    if built {
        let t = Instant::now();
        record("budgets", t, budgets(&test_dist, !dev));
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
            let (with, without) = (sizes(&test_dist)?, sizes(&fallback_dist)?);
            step("release wasm with and without the std rebuild (brotli bytes)");
            let shell = |s: &Sizes| s.html + s.css + s.js + s.wasm;
            println!("   {:<44} {:>10} {:>10}", "build", "wasm", "app shell");
            println!("   {:<44} {:>10} {:>10}", "std rebuilt (shipped)", with.wasm, shell(&with));
            println!("   {:<44} {:>10} {:>10}", format!("plain stable ({NO_BUILD_STD_FLAG}, fallback)"), without.wasm, shell(&without));
            println!(
                "   {:<44} {:>10} {:>10}",
                "difference",
                without.wasm as i64 - with.wasm as i64,
                shell(&without) as i64 - shell(&with) as i64
            );
            if without.wasm == 0 {
                return Err("the fallback build has no wasm".into());
            }
            Ok((1, 0))
        });
        record("build (release, --no-build-std)", t, r);
    } else if dev {
        info("--dev: the --no-build-std fallback build is skipped (it is a release build)");
    }

    if built && !skip_browser {
        let t = Instant::now();
        step("browser tests: npx playwright test (tests/)");
        let port = env::var("WEGWIJZER_TEST_PORT").ok().and_then(|p| p.parse::<u16>().ok()).unwrap_or_else(|| free_port_pair(8090));
        let port_s = port.to_string();
        let dist_s = test_dist.to_string_lossy().to_string();
        info(&format!("app on http://127.0.0.1:{port}, host pages on http://localhost:{}, dist {dist_s}", port + 1));
        let r = run_tee_in(
            &root().join("tests"),
            "npx",
            &["playwright", "test"],
            &[("CI", "1"), ("FORCE_COLOR", "0"), ("WEGWIJZER_TEST_PORT", &port_s), ("WEGWIJZER_DIST", &dist_s)],
        )
        .map(|(out, st)| {
            let (p, f, ok) = playwright_counts(&out);
            (p, f, ok && st)
        });
        let r = match r {
            Ok((p, f, true)) if p > 0 => Ok((p, f)),
            Ok((p, f, false)) if f > 0 => Ok((p, f)),
            Ok((0, 0, _)) => Err("playwright ran no test".into()),
            Ok((p, f, _)) => Err(format!("playwright: {p} passed, {f} failed")),
            Err(e) => Err(e),
        };
        record("browser tests (playwright)", t, r);
    }
    let _ = fs::remove_dir_all(&tmp);

    println!("\n== cargo xtask test: summary ({:.0}s) ==", started.elapsed().as_secs_f64());
    println!("{:<32} {:>6} {:>7} {:>7} {:>8}  note", "step", "result", "passed", "failed", "seconds");
    for o in &results {
        println!("{:<32} {:>6} {:>7} {:>7} {:>8.1}  {}", o.name, if o.ok { "ok" } else { "FAIL" }, o.passed, o.failed, o.secs, o.note);
    }
    let passed: u64 = results.iter().map(|o| o.passed).sum();
    let failed: u64 = results.iter().map(|o| o.failed).sum();
    let all_ok = results.iter().all(|o| o.ok) && !results.is_empty();
    println!("{passed} passed, {failed} failed");
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// First port p >= start (step 2) where p and p+1 are both free on 127.0.0.1.
fn free_port_pair(start: u16) -> u16 {
    let free = |p: u16| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok();
    let mut p = start;
    while p < start + 400 {
        if free(p) && free(p + 1) {
            return p;
        }
        p += 2;
    }
    start
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(80).collect()
}

fn cli_checks(tmp: &Path) -> Result<(u64, u64), String> {
    step("CLI: wegwijzer check / keygen / sign / verify / graph / stats on content/");
    let mut passed = 0;
    let mut failures = Vec::new();
    let mut check = |name: &str, r: Result<String, String>| match r {
        Ok(_) => {
            ok(name);
            passed += 1;
        }
        Err(e) => {
            eprintln!("   FAIL {name}: {e}");
            failures.push(name.to_string());
        }
    };
    check("wegwijzer check content", cli_capture(&["check", "--content", "content"]));
    let prefix = tmp.join("cli-key").to_string_lossy().to_string();
    check("wegwijzer keygen", cli_capture(&["keygen", "--out", &prefix]));
    let signed = tmp.join("signed").to_string_lossy().to_string();
    let key = format!("{prefix}.key");
    check("wegwijzer sign", cli_capture(&["sign", "--content", "content", "--key", &key, "--out", &signed]));
    let pk = fs::read_to_string(format!("{prefix}.pub")).map_err(|e| e.to_string()).and_then(|t| pubkey_from_file(&t));
    match pk {
        Ok(pk) => {
            check("wegwijzer verify (right key)", cli_capture(&["verify", "--dir", &signed, "--pubkey", &pk]));
            // A different key must be refused.
            let other = tmp.join("other-key").to_string_lossy().to_string();
            let wrong = cli_capture(&["keygen", "--out", &other])
                .and_then(|_| fs::read_to_string(format!("{other}.pub")).map_err(|e| e.to_string()))
                .and_then(|t| pubkey_from_file(&t));
            check(
                "wegwijzer verify refuses a wrong key",
                wrong.and_then(|w| match cli_capture(&["verify", "--dir", &signed, "--pubkey", &w]) {
                    Ok(_) => Err("verify accepted a wrong key".into()),
                    Err(_) => Ok(String::new()),
                }),
            );
            // Interop with Debian's minisign, when present.
            if Path::new("/usr/bin/minisign").exists() {
                let man = Path::new(&signed).join("manifest.json");
                let sig = Path::new(&signed).join("manifest.json.minisig");
                if man.exists() && sig.exists() {
                    check(
                        "minisign -V accepts our signature",
                        capture_checked("minisign", &["-V", "-P", &pk, "-m", &man.to_string_lossy(), "-x", &sig.to_string_lossy()]),
                    );
                }
            }
        }
        Err(e) => check("read generated public key", Err(e)),
    }
    check("wegwijzer graph --format mermaid", cli_capture(&["graph", "--content", "content", "--format", "mermaid"]));
    check("wegwijzer graph --format dot", cli_capture(&["graph", "--content", "content", "--format", "dot"]));
    check("wegwijzer stats", cli_capture(&["stats", "--content", "content"]));
    check(
        "docs/tree.md is up to date (wegwijzer docs --check)",
        cli_capture(&["docs", "--content", "content", "--out", "docs/tree.md", "--check"]),
    );
    if failures.is_empty() {
        Ok((passed, 0))
    } else {
        Err(format!("{} CLI check(s) failed: {}", failures.len(), failures.join(", ")))
    }
}

/// Brotli sizes of the app shell and the signed content; fails with a table when over budget.
pub fn budgets(dist: &Path, enforce_shell: bool) -> Result<(u64, u64), String> {
    step("budgets (brotli bytes)");
    let s = sizes(dist)?;
    let shell = s.html + s.css + s.js + s.wasm;
    println!("   {:<28} {:>10} {:>10}", "part", "brotli B", "budget B");
    println!("   {:<28} {:>10} {:>10}", "index.html", s.html, "");
    println!("   {:<28} {:>10} {:>10}", "css", s.css, "");
    println!("   {:<28} {:>10} {:>10}", "js", s.js, "");
    println!("   {:<28} {:>10} {:>10}", "wasm", s.wasm, "");
    println!("   {:<28} {:>10} {:>10}", "app shell (html+css+js+wasm)", shell, APP_SHELL_BUDGET);
    if shell > APP_SHELL_BUDGET {
        println!(
            "   BUDGET NOT MET: the app shell is {} B over the {APP_SHELL_BUDGET} B budget; the ratchet ceiling {APP_SHELL_CEILING} B is enforced",
            shell - APP_SHELL_BUDGET
        );
    } else if shell > APP_SHELL_GOAL {
        println!("   note: the goal of issue 6 is {APP_SHELL_GOAL} B ({} B to go); the budget is enforced", shell - APP_SHELL_GOAL);
    }
    println!("   {:<28} {:>10} {:>10}", "signed content", s.content, CONTENT_BUDGET);
    let mut errs = Vec::new();
    if enforce_shell && shell > APP_SHELL_CEILING {
        errs.push(format!("app shell {shell} B > {APP_SHELL_CEILING} B brotli (ratchet; the budget is {APP_SHELL_BUDGET} B)"));
    }
    if s.content > CONTENT_BUDGET {
        errs.push(format!("content {} B > {CONTENT_BUDGET} B brotli", s.content));
    }
    if s.content == 0 {
        errs.push("no signed content in dist/content".into());
    }
    if s.wasm == 0 || s.js == 0 {
        errs.push("no wasm/js .br files in dist (did postbuild run?)".into());
    }
    if errs.is_empty() {
        Ok((2, 0))
    } else {
        Err(format!("budget exceeded: {}", errs.join("; ")))
    }
}

#[derive(Default, Debug, Clone)]
pub struct Sizes {
    pub html: u64,
    pub css: u64,
    pub js: u64,
    pub wasm: u64,
    pub content: u64,
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
    for f in walk(&dist.join("content")) {
        let n = f.to_string_lossy();
        if !n.ends_with(".br") && !n.ends_with(".gz") {
            s.content += br(&f);
        }
    }
    Ok(s)
}

fn cargo_test_counts(out: &str) -> (u64, u64, bool) {
    let (mut p, mut f, mut ok) = (0, 0, true);
    for l in out.lines() {
        if let Some(rest) = l.trim().strip_prefix("test result: ") {
            if !rest.starts_with("ok") {
                ok = false;
            }
            p += num_before(rest, " passed");
            f += num_before(rest, " failed");
        }
    }
    if f > 0 {
        ok = false;
    }
    (p, f, ok)
}

fn playwright_counts(out: &str) -> (u64, u64, bool) {
    let (mut p, mut f) = (0, 0);
    for l in out.lines() {
        let t = l.trim();
        if t.ends_with(')') && t.contains(" passed (") {
            p = num_before(t, " passed");
        }
        if t.contains(" failed") && t.split_whitespace().count() <= 3 {
            f = num_before(t, " failed");
        }
        if t.contains(" flaky") && t.split_whitespace().count() <= 3 {
            p += num_before(t, " flaky");
        }
    }
    (p, f, f == 0)
}

fn num_before(s: &str, word: &str) -> u64 {
    s.find(word)
        .and_then(|i| s[..i].split(|c: char| !c.is_ascii_digit()).rfind(|x| !x.is_empty()).map(|x| x.parse().unwrap_or(0)))
        .unwrap_or(0)
}
