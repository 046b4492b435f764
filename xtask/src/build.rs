//! The build pipeline shared by `serve`, `test`, `bench` and `dist`: `trunk build` (the release
//! wasm with std rebuilt, see RELEASE_WASM_RUSTFLAGS), the content signed with a dev key or
//! copied from an offline-signed folder, then `tools/postbuild.mjs`. Also the `serve` and
//! `dist` commands, which are this pipeline plus a server or an output folder.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::flags;
use crate::setup::{setup, Setup};
use crate::util::*;

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
/// The features std is rebuilt with (`CARGO_UNSTABLE_BUILD_STD_FEATURES`, = `-Zbuild-std-features`):
/// only `optimize_for_size`, std's own switch to its smaller implementations (sorting,
/// formatting, searching), −0.45 kB brotli. This replaces std's default features, which are
/// for unwinding and backtraces, neither of which the wasm has (panic=immediate-abort).
pub const RELEASE_BUILD_STD_FEATURES: &str = "optimize_for_size";
/// The Rust version these flags are known to work with: `rust-toolchain.toml` pins it, so the
/// unstable options cannot change under the build on another machine. When they break (a new
/// toolchain, a platform without `rust-src`), `--no-build-std` builds the release wasm on plain
/// stable Rust: the same app, about 16 kB brotli bigger (docs/deploy.md, "Toolchain").
/// `cargo xtask test` builds that fallback once too and prints both sizes.
pub const NO_BUILD_STD_FLAG: &str = "--no-build-std";
/// Target dir of the fallback build, so the two release builds do not overwrite each other's
/// artifacts (their flags differ) and each stays incremental.
pub const NO_BUILD_STD_TARGET_DIR: &str = "target/no-build-std";

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
            ("CARGO_UNSTABLE_BUILD_STD_FEATURES", RELEASE_BUILD_STD_FEATURES),
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
        info(&format!("release wasm: std rebuilt (-Zbuild-std={RELEASE_BUILD_STD}, features {RELEASE_BUILD_STD_FEATURES}), rustflags `{RELEASE_WASM_RUSTFLAGS}`, RUSTC_BOOTSTRAP=1 for this build only"));
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

pub fn serve(f: &flags::Serve) -> Result<(), String> {
    setup(&Setup { browser: false })?;
    let mut o = default_build(f.release, root().join("dist"), false)?;
    o.build_std = !f.no_build_std;
    build(&o)?;
    let (port, host) = (f.port.to_string(), f.host.as_str());
    step(&format!("serve: http://{host}:{port}/  (Ctrl-C to stop)"));
    let mut args = vec!["tools/server.mjs", "--dir", "dist", "--port", &port, "--host", host];
    if !o.connect_src.is_empty() {
        args.extend(["--connect-src", &o.connect_src]);
    }
    run("node", &args)
}

// ---------------------------------------------------------------------------------------------
// dist (production)

pub fn dist(f: &flags::Dist) -> Result<(), String> {
    let pubkeys = f
        .pubkeys
        .clone()
        .or_else(|| env::var("WEGWIJZER_PUBKEYS").ok().filter(|k| !k.trim().is_empty()))
        .ok_or("--pubkeys KEY1[,KEY2] is required (minisign public keys, base64)")?;
    setup(&Setup { browser: false })?;
    let content_base = f.content_base.clone();
    let o = BuildOpts {
        release: true,
        build_std: !f.no_build_std,
        target_dir: None,
        dist: if f.out.is_absolute() { f.out.clone() } else { root().join(&f.out) },
        connect_src: content_origin(&content_base),
        pubkeys,
        content_base,
        sign_key: None,
        signed_content: f.signed_content.clone(),
        content_dir: root().join("content"),
        frame_ancestors: f.frame_ancestors.clone(),
        strict: true,
    };
    build(&o)?;
    ok(&format!("production build in {} (headers for the CDN: {}/_headers)", o.dist.display(), o.dist.display()));
    Ok(())
}
