//! `cargo xtask setup`: install whatever is missing, each install skipped when the right version
//! is there. `serve`, `test`, `bench` and `dist` run it first, so the README's two commands work
//! on a fresh Debian machine with only rustup and Node.js (README, "Two commands").

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::util::*;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The npm package folders, each with a committed package-lock.json installed by `npm ci`:
/// `tools/` holds what the build needs (binaryen's wasm-opt for Trunk, terser for postbuild),
/// `tests/` the browser tests and measurements (Playwright, axe-core, Lighthouse).
pub const NPM_DIRS: [&str; 2] = ["tools", "tests"];
/// Where Trunk finds wasm-opt: first on the PATH that `util::tool_path` builds.
pub const WASM_OPT: &str = "tools/node_modules/.bin/wasm-opt";

pub struct Setup {
    /// Also the Debian packages for the browser tests and the CLI interop (chromium,
    /// chromium-driver, brotli, minisign). Installed automatically with apt-get (sudo when not
    /// root): the README's contract is that `cargo xtask test` installs everything it needs.
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
    // rust-src: the release wasm rebuilds std from source (see build::RELEASE_WASM_RUSTFLAGS)
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
    // wasm-bindgen-cli: must equal the wasm-bindgen crate pinned in Cargo.toml.
    // The one `cargo install` without `--locked`: wasm-bindgen-cli's own lockfile needs a crate
    // version the registry these machines reach does not have, so `--locked` fails here.
    let wb = capture("wasm-bindgen", &["--version"]).unwrap_or_default();
    if wb.trim() == format!("wasm-bindgen {WASM_BINDGEN_VERSION}") {
        ok(&format!("wasm-bindgen-cli {WASM_BINDGEN_VERSION}"));
    } else {
        info(&format!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (found: {:?})", wb.trim()));
        run("cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION])?;
    }
    // node + npm packages (tools/: wasm-opt from binaryen, terser; tests/: Playwright, axe, Lighthouse)
    let node_v = capture("node", &["--version"]).map_err(|_| {
        "Node.js 20 or newer is required (Debian: the machine's node; `apt-get install nodejs npm` gives an older one)".to_string()
    })?;
    let major: u32 = node_v.trim().trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major < 20 {
        return Err(format!("Node.js >= 20 required, found {}", node_v.trim()));
    }
    ok(&format!("node {}", node_v.trim()));
    for dir in NPM_DIRS {
        npm_ci(dir)?;
    }
    let wasm_opt = capture(&root().join(WASM_OPT).to_string_lossy(), &["--version"]).unwrap_or_default();
    if !wasm_opt.contains("version 132") {
        return Err(format!("{WASM_OPT} is not version 132: {wasm_opt:?}"));
    }
    ok("wasm-opt version 132 (npm binaryen, tools/)");
    if s.browser {
        apt_packages()?;
    }
    ok(&format!("setup done in {:.1}s", t.elapsed().as_secs_f64()));
    Ok(())
}

/// Debian packages for the browser tests and the minisign interop test, installed when missing.
fn apt_packages() -> Result<(), String> {
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
        return Ok(());
    }
    info(&format!("installing Debian packages: {}", need.join(" ")));
    let sudo = capture("id", &["-u"]).map(|u| u.trim() != "0").unwrap_or(false);
    let (prog, mut pre): (&str, Vec<&str>) = if sudo { ("sudo", vec!["apt-get"]) } else { ("apt-get", vec![]) };
    let mut upd = pre.clone();
    upd.push("update");
    run_env(prog, &upd, &[("DEBIAN_FRONTEND", "noninteractive")])?;
    pre.extend(["install", "-y", "--no-install-recommends"]);
    pre.extend(need.iter());
    run_env(prog, &pre, &[("DEBIAN_FRONTEND", "noninteractive")])
}

/// `npm ci` in `dir` (relative to the workspace root) unless its node_modules was installed from
/// the same package-lock.json (a stamp with the lockfile's hash).
fn npm_ci(dir: &str) -> Result<(), String> {
    let d = root().join(dir);
    let lock = fs::read(d.join("package-lock.json")).map_err(|e| format!("{dir}/package-lock.json: {e}"))?;
    let stamp_file = d.join("node_modules/.wegwijzer-lock-hash");
    let want = format!("{:016x}", fnv1a(&lock));
    if fs::read_to_string(&stamp_file).map(|s| s.trim() == want).unwrap_or(false) {
        ok(&format!("npm packages ({dir}/node_modules up to date with package-lock.json)"));
        return Ok(());
    }
    info(&format!("npm ci in {dir}/ (from the committed package-lock.json)"));
    run_in(&d, "npm", &["ci", "--no-audit", "--no-fund", "--loglevel=error"], &[])?;
    fs::write(&stamp_file, want).map_err(|e| e.to_string())?;
    Ok(())
}
