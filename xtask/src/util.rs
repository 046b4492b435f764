//! Small process/file helpers (std only).
use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Write};
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

pub fn has_flag(args: &[String], f: &str) -> bool {
    args.iter().any(|a| a == f)
}
pub fn flag_value(args: &[String], f: &str) -> Option<String> {
    let eq = format!("{f}=");
    for (i, a) in args.iter().enumerate() {
        if a == f {
            return args.get(i + 1).cloned();
        }
        if let Some(v) = a.strip_prefix(&eq) {
            return Some(v.to_string());
        }
    }
    None
}

fn command(prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Command {
    let mut c = Command::new(prog);
    c.args(args);
    // Tools installed by setup (cargo bin, npm .bin) are always found.
    let has_path = envs.iter().any(|(k, _)| *k == "PATH");
    if !has_path {
        c.env("PATH", crate::tool_path());
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

/// Run, echo stdout live, and return it with the success flag.
pub fn run_tee(prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(String, bool), String> {
    tee(command(prog, args, envs), prog, args)
}
pub fn run_tee_in(dir: &Path, prog: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(String, bool), String> {
    let mut c = command(prog, args, envs);
    c.current_dir(dir);
    tee(c, prog, args)
}
fn tee(mut c: Command, prog: &str, args: &[&str]) -> Result<(String, bool), String> {
    println!("   $ {}", describe(prog, args));
    let mut child = c.stdout(Stdio::piped()).spawn().map_err(|e| format!("cannot run `{prog}`: {e}"))?;
    let mut all = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            all.push_str(&line);
            all.push('\n');
        }
    }
    let st = child.wait().map_err(|e| e.to_string())?;
    Ok((all, st.success()))
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

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
