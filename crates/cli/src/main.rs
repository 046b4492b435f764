//! `wegwijzer`: the content CLI, a thin shell over `wegwijzer-core`.
//!
//! Exit codes: 0 = fine (warnings may be printed), 1 = the content, signature or keys
//! were refused, 2 = usage or I/O problem (file missing, unreadable).

mod keys;
mod sign;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wegwijzer_core::bundle::RawBundle;
use wegwijzer_core::lint::{has_errors, lint, Diagnostic, Severity};
use wegwijzer_core::load::{parse_directory, parse_tree};
use wegwijzer_core::manifest::{
    sha256_hex, verify_manifest, Manifest, Mode, NativeCrypto, PublicKeys, Seen, MANIFEST_NAME, SIGNATURE_NAME,
};
use wegwijzer_core::time::{format_rfc3339, parse_date, parse_rfc3339};
use wegwijzer_core::{Content, Lang};

pub const TREE_FILE: &str = "tree.json";
pub const DIRECTORY_FILE: &str = "organisations.json";
pub const SITE_FILE: &str = "site.json";

#[derive(Parser)]
#[command(name = "wegwijzer", version, about = "Check, sign and verify Wegwijzer content")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Lint tree.json and organisations.json; exit 1 on any error.
    Check {
        /// Folder holding tree.json and organisations.json.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Print the diagnostics as a JSON array.
        #[arg(long)]
        json: bool,
        /// Date used for "verification is stale" rules (YYYY-MM-DD; default: today, UTC).
        #[arg(long)]
        today: Option<String>,
    },
    /// Check, then write content-addressed files, manifest.json and manifest.json.minisig.
    Sign {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Minisign secret key file (unencrypted, or encrypted with the password in
        /// WEGWIJZER_KEY_PASSWORD or typed at the prompt).
        #[arg(long)]
        key: PathBuf,
        /// Output folder (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Manifest version; default: the current unix time, and always above the version
        /// of an existing OUT/manifest.json.
        #[arg(long)]
        version: Option<u64>,
        /// Days until the manifest expires (freeze protection).
        #[arg(long, default_value_t = 180)]
        expires_days: u32,
        /// Date for the lint rules (YYYY-MM-DD; default: today, UTC).
        #[arg(long)]
        today: Option<String>,
        /// Signing time (RFC 3339; default: the system clock). For reproducible tests.
        #[arg(long)]
        now: Option<String>,
    },
    /// Verify a signed folder as the app does: signature, rules, every file.
    Verify {
        #[arg(long)]
        dir: PathBuf,
        /// Pinned public key: the base64 line or a .pub file. Give twice for current + next.
        #[arg(long = "pubkey", required = true)]
        pubkeys: Vec<String>,
        /// Highest version the client accepted before (rollback check).
        #[arg(long)]
        highest: Option<u64>,
        /// SHA-256 of the manifest accepted at --highest (same-version check).
        #[arg(long, requires = "highest")]
        highest_sha256: Option<String>,
        /// Treat as cached content (expired is accepted as stale) instead of freshly fetched.
        #[arg(long)]
        cached: bool,
        /// Time to verify at (RFC 3339; default: the system clock).
        #[arg(long)]
        now: Option<String>,
    },
    /// Write PREFIX.key (unencrypted minisign secret key, mode 600) and PREFIX.pub.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the public key (base64 line) of a secret key file.
    Pubkey {
        #[arg(long)]
        key: PathBuf,
    },
    /// Print the tree as a Mermaid or Graphviz DOT graph.
    Graph {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Write docs/tree.md (stats + Mermaid graph) from the content; `--check` fails if it is stale.
    Docs {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "docs/tree.md")]
        out: PathBuf,
        #[arg(long)]
        check: bool,
    },
    /// Print tree statistics (nodes, outcomes, depth, paths).
    Stats {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
}

/// A failure with its exit code; printed as `error: …` on stderr.
pub struct Fail {
    pub code: u8,
    pub msg: String,
}

impl Fail {
    pub fn refused(msg: impl Into<String>) -> Fail {
        Fail { code: 1, msg: msg.into() }
    }
    pub fn io(msg: impl Into<String>) -> Fail {
        Fail { code: 2, msg: msg.into() }
    }
}

pub type Res<T> = Result<T, Fail>;

pub fn read(path: &Path, what: &str) -> Res<Vec<u8>> {
    std::fs::read(path).map_err(|e| Fail::io(format!("cannot read {what} {}: {e}", path.display())))
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

pub fn parse_now(now: Option<&str>) -> Res<i64> {
    match now {
        None => Ok(now_unix()),
        Some(s) => parse_rfc3339(s).ok_or_else(|| Fail::io(format!("--now \"{s}\" is not RFC 3339 (2025-01-31T12:00:00Z)"))),
    }
}

pub fn parse_today(today: Option<&str>) -> Res<i64> {
    match today {
        None => Ok(now_unix().div_euclid(86_400)),
        Some(s) => parse_date(s).ok_or_else(|| Fail::io(format!("--today \"{s}\" is not a date (YYYY-MM-DD)"))),
    }
}

/// Source bytes and parsed content of a content folder.
pub struct Loaded {
    pub tree_bytes: Vec<u8>,
    pub dir_bytes: Vec<u8>,
    pub site_bytes: Vec<u8>,
    pub content: Content,
}

/// Read and parse; a parse error is a refusal (exit 1) naming file, line and column.
pub fn load_content(dir: &Path) -> Res<Loaded> {
    let tree_bytes = read(&dir.join(TREE_FILE), "tree")?;
    let dir_bytes = read(&dir.join(DIRECTORY_FILE), "directory")?;
    let tree = parse_tree(&tree_bytes).map_err(|e| Fail::refused(format!("{e}")))?;
    let directory = parse_directory(&dir_bytes).map_err(|e| Fail::refused(format!("{e}")))?;
    let site_bytes = read(&dir.join(SITE_FILE), "site")?;
    let site = wegwijzer_core::load::parse_site(&site_bytes).map_err(|e| Fail::refused(format!("{e}")))?;
    Ok(Loaded { tree_bytes, dir_bytes, site_bytes, content: Content::new(tree, directory).with_site(site) })
}

/// Print diagnostics (human or JSON) and return whether there were errors.
pub fn report(diags: &[Diagnostic], json: bool) -> bool {
    if json {
        println!("{}", serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into()));
    } else {
        for d in diags {
            eprintln!("{d}");
        }
        let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = diags.len() - errors;
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    has_errors(diags)
}

fn check(content: &Path, json: bool, today: Option<&str>) -> Res<()> {
    let today = parse_today(today)?;
    let loaded = match load_content(content) {
        Ok(l) => l,
        Err(f) if json && f.code == 1 => {
            // Keep --json output machine-readable: one diagnostic for the parse error.
            let v = serde_json::json!([{
                "severity": "error", "rule": "parse", "file": "", "path": "",
                "message": f.msg, "hint": "fix the JSON syntax or the field named here"
            }]);
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            return Err(Fail::refused(""));
        }
        Err(f) => return Err(f),
    };
    let mut diags = lint(&loaded.content, today);
    // The expert scenario table, when the content folder has one.
    if let Ok(md) = std::fs::read_to_string(content.join("scenarios.md")) {
        diags.extend(wegwijzer_core::scenarios::diagnostics(&loaded.content, &md));
    }
    if report(&diags, json) {
        return Err(Fail::refused(""));
    }
    Ok(())
}

fn verify(dir: &Path, pubkeys: &[String], highest: Option<u64>, highest_sha: Option<&str>, cached: bool, now: Option<&str>) -> Res<()> {
    let now = parse_now(now)?;
    let key_texts = pubkeys.iter().map(|k| keys::read_pubkey_arg(k)).collect::<Res<Vec<_>>>()?;
    let key_refs: Vec<&str> = key_texts.iter().map(String::as_str).collect();
    let keys = PublicKeys::parse(&key_refs).map_err(|e| Fail::io(e.to_string()))?;
    let manifest_bytes = read(&dir.join(MANIFEST_NAME), "manifest")?;
    let sig = read(&dir.join(SIGNATURE_NAME), "signature")?;
    let seen = highest
        .map(|v| Seen { version: v, manifest_sha256: highest_sha.map(str::to_string).unwrap_or_else(|| sha256_hex(&manifest_bytes)) });
    let mode = if cached { Mode::Cached } else { Mode::Fresh };
    let v = verify_manifest(&manifest_bytes, &sig, &keys, seen.as_ref(), now, mode, &NativeCrypto)
        .map_err(|e| Fail::refused(format!("{MANIFEST_NAME}: {e}")))?;
    let m: &Manifest = &v.manifest;
    let which = if v.key_index == 0 { "current" } else { "next" };
    println!(
        "{MANIFEST_NAME}: ok: version {}, issued {}, expires {}, signed with the {which} key {}",
        m.version,
        m.issued,
        m.expires,
        keys.key_ids()[v.key_index]
    );
    if v.stale {
        println!("warning: expired (cached mode): the app shows it with an \"information may be out of date\" notice");
    }
    // The app's own acceptance (bundle::open), once for Dutch and once per language overlay.
    let file = |key: &str| -> Res<Vec<u8>> {
        let e = m.files.get(key).ok_or_else(|| Fail::refused(format!("{MANIFEST_NAME} names no `{key}` file")))?;
        read(&dir.join(&e.name), key)
    };
    let base = RawBundle {
        manifest: manifest_bytes.clone(),
        signature: sig.clone(),
        tree: file("tree")?,
        directory: file("directory")?,
        site: file("site")?,
        texts: None,
    };
    let mut langs: Vec<Option<Lang>> = vec![None];
    langs.extend(m.files.keys().filter_map(|k| wegwijzer_core::i18n::overlay_lang(k)).map(Some));
    for lang in langs {
        let raw = match lang {
            None => base.clone(),
            Some(l) => RawBundle { texts: Some((l, file(&wegwijzer_core::i18n::overlay_key(l))?)), ..base.clone() },
        };
        wegwijzer_core::bundle::open(&raw, &keys, seen.as_ref(), now, mode)
            .map_err(|e| Fail::refused(format!("{}: {e}", lang.unwrap_or(Lang::Nl).code())))?;
    }
    for (key, entry) in &m.files {
        println!("{}: ok ({key}, {} bytes, sha256 {})", entry.name, entry.length, entry.sha256);
    }
    println!("verified at {}", format_rfc3339(now));
    Ok(())
}

fn run(cli: Cli) -> Res<()> {
    match cli.cmd {
        Cmd::Check { content, json, today } => check(&content, json, today.as_deref()),
        Cmd::Sign { content, key, out, version, expires_days, today, now } => sign::sign(&sign::SignArgs {
            content: &content,
            key: &key,
            out: &out,
            version,
            expires_days,
            today: today.as_deref(),
            now: now.as_deref(),
        }),
        Cmd::Verify { dir, pubkeys, highest, highest_sha256, cached, now } => {
            verify(&dir, &pubkeys, highest, highest_sha256.as_deref(), cached, now.as_deref())
        }
        Cmd::Keygen { out } => keys::keygen(&out),
        Cmd::Pubkey { key } => {
            let sk = keys::load_secret_key(&key)?;
            println!("{}", keys::public_of(&sk)?.to_base64());
            Ok(())
        }
        Cmd::Graph { content, format, lang } => {
            let lang = Lang::parse(&lang).ok_or_else(|| Fail::io(format!("--lang \"{lang}\": use nl or en")))?;
            let c = load_content(&content)?.content;
            let s = match format {
                GraphFormat::Mermaid => wegwijzer_core::graph::mermaid(&c, lang),
                GraphFormat::Dot => wegwijzer_core::graph::dot(&c, lang),
            };
            print!("{s}");
            if !s.ends_with('\n') {
                println!();
            }
            Ok(())
        }
        Cmd::Docs { content, out, check } => {
            let c = load_content(&content)?.content;
            let doc = format!(
                "# The default tree\n\nGenerated by `cargo run -p wegwijzer-cli -- docs` from `content/`; \
                 do not edit by hand (`docs --check` runs in `cargo xtask test`).\n\n## Stats\n\n{}\n## Graph\n\n```mermaid\n{}```\n",
                wegwijzer_core::graph::stats(&c),
                wegwijzer_core::graph::mermaid(&c, Lang::Nl)
            );
            if check {
                let old = std::fs::read_to_string(&out).unwrap_or_default();
                if old != doc {
                    return Err(Fail {
                        code: 1,
                        msg: format!("{} is out of date: run `cargo run -p wegwijzer-cli -- docs`", out.display()),
                    });
                }
                println!("{} is up to date", out.display());
            } else {
                std::fs::write(&out, doc).map_err(|e| Fail::io(format!("{}: {e}", out.display())))?;
                println!("wrote {}", out.display());
            }
            Ok(())
        }
        Cmd::Stats { content, json } => {
            let c = load_content(&content)?.content;
            let st = wegwijzer_core::graph::stats(&c);
            if json {
                println!("{}", serde_json::to_string_pretty(&st).unwrap_or_default());
            } else {
                print!("{st}");
            }
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.msg.is_empty() {
                eprintln!("error: {}", f.msg);
            }
            ExitCode::from(f.code)
        }
    }
}
