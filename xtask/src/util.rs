//! Small helpers shared by the commands: paths, console output, running processes, files.
use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn root() -> PathBuf {
    // xtask/Cargo.toml lives one level below the workspace root.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

pub fn home() -> PathBuf {
    PathBuf::from(env::var("HOME").unwrap_or_else(|_| "/root".into()))
}

pub fn step(msg: &str) {
    println!("\n==> {msg}");
    let _ = std::io::stdout().flush();
}
pub fn ok(msg: &str) {
    println!("   ok  {msg}");
}
pub fn info(msg: &str) {
    println!("   ..  {msg}");
}
pub fn warn(msg: &str) {
    println!("   !!  warning: {msg}");
}

/// PATH for every command xtask runs: the npm tools of `tools/` (wasm-opt from binaryen 132,
/// which Trunk finds here because `Trunk.toml` asks for `version_132`; terser) and of `tests/`
/// (Playwright, Lighthouse), then cargo's bin (trunk, wasm-bindgen), then the caller's PATH.
pub fn tool_path() -> String {
    let tools_bin = root().join("tools/node_modules/.bin");
    let tests_bin = root().join("tests/node_modules/.bin");
    let cargo_bin = home().join(".cargo/bin");
    format!("{}:{}:{}:{}", tools_bin.display(), tests_bin.display(), cargo_bin.display(), env::var("PATH").unwrap_or_default())
}

/// A command with the tools' PATH (unless `envs` sets PATH) and the given environment.
pub fn command(prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Command {
    let mut c = Command::new(prog);
    c.args(args);
    // Tools installed by setup (cargo bin, npm .bin) are always found.
    let has_path = envs.iter().any(|(k, _)| *k == "PATH");
    if !has_path {
        c.env("PATH", tool_path());
    }
    for (k, v) in envs {
        c.env(k, v);
    }
    c
}

fn describe(prog: &str, args: &[&str]) -> String {
    format!("{prog} {}", args.join(" "))
}

pub fn run(prog: &str, args: &[&str]) -> Result<(), String> {
    run_env(prog, args, &[])
}

pub fn run_env(prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    println!("   $ {}", describe(prog, args));
    let st = command(prog, args, envs).status().map_err(|e| format!("cannot run `{prog}`: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({st})", describe(prog, args)))
    }
}

pub fn run_in(dir: &Path, prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    println!("   $ (cd {}) {}", dir.display(), describe(prog, args));
    let st = command(prog, args, envs).current_dir(dir).status().map_err(|e| format!("cannot run `{prog}`: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({st})", describe(prog, args)))
    }
}

/// stdout of a command (Err when it cannot start); exit status ignored.
pub fn capture(prog: &str, args: &[&str]) -> Result<String, String> {
    let out = command(prog, args, &[]).stderr(Stdio::null()).output().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// stdout of a command; Err (with stderr) when it exits non-zero.
pub fn capture_checked(prog: &str, args: &[&str]) -> Result<String, String> {
    let out = command(prog, args, &[]).output().map_err(|e| format!("cannot run `{prog}`: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).to_string())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let so = String::from_utf8_lossy(&out.stdout);
        Err(format!(
            "`{}` exited with {}: {}{}",
            describe(prog, args),
            out.status,
            err.trim(),
            if so.trim().is_empty() { String::new() } else { format!("\n{}", so.trim()) }
        ))
    }
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    for f in walk(from) {
        let rel = f.strip_prefix(from).unwrap();
        let dst = to.join(rel);
        fs::create_dir_all(dst.parent().unwrap()).map_err(|e| e.to_string())?;
        fs::copy(&f, &dst).map_err(|e| format!("copy {}: {e}", f.display()))?;
    }
    Ok(())
}

/// First port p >= start (step 2) where p and p+1 are both free on 127.0.0.1.
pub fn free_port_pair(start: u16) -> u16 {
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

pub fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(80).collect()
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
