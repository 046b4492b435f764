//! The `wegwijzer` binary end to end, on a small valid content folder (tests/fixtures/valid)
//! copied into a temp dir; mutations make the bad cases.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-25";
const NOW: &str = "2026-11-25T12:00:00Z";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wegwijzer"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run wegwijzer")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

/// A temp dir with a copy of the valid content in `content/`.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("content");
    std::fs::create_dir(&c).unwrap();
    for f in ["tree.json", "organisations.json", "site.json"] {
        std::fs::copy(fixture().join(f), c.join(f)).unwrap();
    }
    (tmp, c)
}

fn edit_tree(content: &Path, f: impl FnOnce(&mut Value)) {
    let p = content.join("tree.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    f(&mut v);
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

fn keygen(dir: &Path, name: &str) -> (String, String) {
    let prefix = dir.join(name);
    let o = run(&["keygen", "--out", prefix.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let k = format!("{}.key", prefix.display());
    let p = format!("{}.pub", prefix.display());
    (k, p)
}

fn sign(content: &Path, key: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args =
        vec!["sign", "--content", content.to_str().unwrap(), "--key", key, "--out", out.to_str().unwrap(), "--today", TODAY, "--now", NOW];
    args.extend_from_slice(extra);
    run(&args)
}

fn verify(out: &Path, keys: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["verify", "--dir", out.to_str().unwrap(), "--now", NOW];
    for k in keys {
        args.push("--pubkey");
        args.push(k);
    }
    args.extend_from_slice(extra);
    run(&args)
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn check_valid_content_exits_0() {
    let (_t, c) = setup();
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("0 error(s)"));
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY, "--json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().is_empty());
}

#[test]
fn check_errors_exit_1_human_and_json() {
    let (_t, c) = setup();
    edit_tree(&c, |t| t["start"] = "nowhere".into());
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    let s = text(&o);
    assert!(s.contains("error[") && s.contains("tree.json") && s.contains("hint:"), "{s}");
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY, "--json"]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.iter().any(|d| d["severity"] == "error" && d["file"] == "tree.json"), "{v}");
    for d in arr {
        for k in ["severity", "rule", "file", "path", "message", "hint"] {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
    }
}

#[test]
fn check_malformed_json_and_wrong_schema_exit_1() {
    let (_t, c) = setup();
    std::fs::write(c.join("organisations.json"), "{\n  \"schema\": 1,\n  \"organisations\": [,]\n}").unwrap();
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(text(&o).contains("organisations.json:3:"), "{}", text(&o));
    let o = run(&["check", "--content", c.to_str().unwrap(), "--today", TODAY, "--json"]);
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["rule"], "parse");

    let (_t2, c2) = setup();
    edit_tree(&c2, |t| t["schema"] = 99.into());
    let o = run(&["check", "--content", c2.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&o), 1, "{}", text(&o));
}

#[test]
fn check_missing_folder_exit_2() {
    let o = run(&["check", "--content", "/nonexistent/wegwijzer"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("cannot read"));
}

#[test]
fn sign_refuses_bad_content() {
    let (t, c) = setup();
    let (k, _) = keygen(t.path(), "k");
    edit_tree(&c, |t| t["crisis"] = "nowhere".into());
    let out = t.path().join("out");
    let o = sign(&c, &k, &out, &[]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(text(&o).contains("nothing signed"));
    assert!(!out.join("manifest.json").exists());
}

#[test]
fn sign_verify_round_trip_versions_and_stale_files() {
    let (t, c) = setup();
    let (k, p) = keygen(t.path(), "k");
    let out = t.path().join("out");
    let o = sign(&c, &k, &out, &["--version", "10", "--expires-days", "30"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let m = manifest(&out);
    assert_eq!(m["version"], 10);
    assert_eq!(m["schema"], 1);
    assert_eq!(m["issued"], NOW);
    assert_eq!(m["expires"], "2026-12-25T12:00:00Z");
    let tree_name = m["files"]["tree"]["name"].as_str().unwrap().to_string();
    assert!(tree_name.starts_with("tree.") && tree_name.len() == "tree.0123456789abcdef.json".len());
    let tree_bytes = std::fs::read(out.join(&tree_name)).unwrap();
    assert_eq!(m["files"]["tree"]["length"], tree_bytes.len());
    assert!(!tree_bytes.contains(&b'\n'), "minified");

    let o = verify(&out, &[&p], &[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("version 10"));
    // Public key as base64 text instead of a file.
    let b64 = String::from_utf8(run(&["pubkey", "--key", &k]).stdout).unwrap();
    let o = verify(&out, &[b64.trim()], &[]);
    assert_eq!(code(&o), 0, "{}", text(&o));

    // Same or lower version refused.
    let o = sign(&c, &k, &out, &["--version", "10"]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(text(&o).contains("not above"));

    // New content: new names, the old content-addressed file is removed; default version
    // is the signing time (above 10).
    edit_tree(&c, |t| t["nodes"][0]["text"]["nl"] = "Wie ben jij? (nieuw)".into());
    std::fs::write(out.join("unrelated.txt"), "keep me").unwrap();
    let o = sign(&c, &k, &out, &[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let m2 = manifest(&out);
    assert_eq!(m2["version"].as_u64().unwrap(), 1_795_608_000);
    assert_ne!(m2["files"]["tree"]["name"].as_str().unwrap(), tree_name);
    assert!(!out.join(&tree_name).exists());
    assert!(out.join(m2["files"]["directory"]["name"].as_str().unwrap()).exists());
    assert!(out.join("unrelated.txt").exists());
    // Rollback check from the client's point of view.
    let o = verify(&out, &[&p], &["--highest", "1795608001"]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("rollback refused"), "{}", text(&o));
    let o = verify(&out, &[&p], &["--highest", "1795608000", "--highest-sha256", &"0".repeat(64)]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("different bytes"), "{}", text(&o));
}

#[test]
fn tampering_fails_verify() {
    let (t, c) = setup();
    let (k, p) = keygen(t.path(), "k");
    let (_, other) = keygen(t.path(), "other");
    let out = t.path().join("out");
    assert_eq!(code(&sign(&c, &k, &out, &["--version", "5"])), 0);
    let m = manifest(&out);
    let tree = out.join(m["files"]["tree"]["name"].as_str().unwrap());
    let original = std::fs::read(&tree).unwrap();

    // Flipped byte in a content file.
    let mut b = original.clone();
    let i = b.len() / 2;
    b[i] ^= 0x20;
    std::fs::write(&tree, &b).unwrap();
    let o = verify(&out, &[&p], &[]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("does not match the manifest"), "{}", text(&o));
    // Truncated.
    std::fs::write(&tree, &original[..original.len() - 3]).unwrap();
    let o = verify(&out, &[&p], &[]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("truncated"), "{}", text(&o));
    std::fs::write(&tree, &original).unwrap();
    assert_eq!(code(&verify(&out, &[&p], &[])), 0);

    // Flipped byte in the manifest.
    let mp = out.join("manifest.json");
    let orig_m = std::fs::read(&mp).unwrap();
    let tampered = String::from_utf8(orig_m.clone()).unwrap().replace("\"version\": 5", "\"version\": 6");
    std::fs::write(&mp, tampered).unwrap();
    let o = verify(&out, &[&p], &[]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("signature check failed"), "{}", text(&o));
    std::fs::write(&mp, &orig_m).unwrap();

    // Wrong key; next key accepted.
    let o = verify(&out, &[&other], &[]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("does not match any pinned key"));
    let o = verify(&out, &[&other, &p], &[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("next key"));

    // Expired: fresh refused, cached accepted with a warning.
    let later = ["--now", "2027-12-01T00:00:00Z"];
    let o = run(&["verify", "--dir", out.to_str().unwrap(), "--pubkey", &p, later[0], later[1]]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("expired"), "{}", text(&o));
    let o = run(&["verify", "--dir", out.to_str().unwrap(), "--pubkey", &p, later[0], later[1], "--cached"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("out of date"));
}

#[test]
fn keygen_refuses_overwrite_and_is_private() {
    let t = tempfile::tempdir().unwrap();
    let (k, p) = keygen(t.path(), "k");
    assert!(std::fs::read_to_string(&p).unwrap().starts_with("untrusted comment: minisign public key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&k).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let before = std::fs::read(&k).unwrap();
    let o = run(&["keygen", "--out", t.path().join("k").to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(text(&o).contains("refusing to overwrite"));
    assert_eq!(std::fs::read(&k).unwrap(), before);
}

#[test]
fn graph_and_stats() {
    let (_t, c) = setup();
    let c = c.to_str().unwrap();
    let o = run(&["graph", "--content", c]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("flowchart TD\n"), "Mermaid is the default");
    let o = run(&["graph", "--content", c, "--format", "mermaid"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("flowchart TD\n"));
    let o = run(&["graph", "--content", c, "--format", "dot", "--lang", "en"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("digraph"));
    let o = run(&["stats", "--content", c, "--json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["nodes"].as_u64().unwrap() > 0);
    let o = run(&["stats", "--content", c]);
    assert_eq!(code(&o), 0);
}

// ---------------------------------------------------------------- interop with minisign(1)

fn have_minisign() -> bool {
    let ok = Command::new("minisign").arg("-v").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIP: `minisign` is not on PATH (apt-get install minisign); interop not tested");
    }
    ok
}

#[test]
fn interop_ours_verifies_with_minisign() {
    if !have_minisign() {
        return;
    }
    let (t, c) = setup();
    let (k, p) = keygen(t.path(), "k");
    let out = t.path().join("out");
    assert_eq!(code(&sign(&c, &k, &out, &[])), 0);
    let o = Command::new("minisign")
        .args(["-V", "-p", &p, "-m"])
        .arg(out.join("manifest.json"))
        .arg("-x")
        .arg(out.join("manifest.json.minisig"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("version:"), "{}", text(&o));
    // And minisign refuses a tampered manifest.
    let mp = out.join("manifest.json");
    let mut b = std::fs::read(&mp).unwrap();
    b[5] ^= 1;
    std::fs::write(&mp, b).unwrap();
    let o =
        Command::new("minisign").args(["-V", "-p", &p, "-m"]).arg(&mp).arg("-x").arg(out.join("manifest.json.minisig")).output().unwrap();
    assert!(!o.status.success());
}

#[test]
fn interop_minisign_signature_verifies_with_ours() {
    if !have_minisign() {
        return;
    }
    let (t, c) = setup();
    let (ours, _) = keygen(t.path(), "ours");
    let out = t.path().join("out");
    assert_eq!(code(&sign(&c, &ours, &out, &[])), 0);
    let mk = t.path().join("m.key");
    let mp = t.path().join("m.pub");
    let o = Command::new("minisign").args(["-G", "-W", "-p"]).arg(&mp).arg("-s").arg(&mk).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let mp_s = mp.to_str().unwrap();
    for legacy in [false, true] {
        let mut cmd = Command::new("minisign");
        cmd.arg("-S");
        if legacy {
            cmd.arg("-l");
        }
        let o = cmd
            .arg("-s")
            .arg(&mk)
            .arg("-m")
            .arg(out.join("manifest.json"))
            .arg("-x")
            .arg(out.join("manifest.json.minisig"))
            .args(["-t", "content release"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o));
        let o = verify(&out, &[mp_s], &[]);
        assert_eq!(code(&o), 0, "legacy={legacy}: {}", text(&o));
    }
    // Our CLI also signs with a `minisign -G -W` secret key, and minisign verifies it.
    let out2 = t.path().join("out2");
    let o = sign(&c, mk.to_str().unwrap(), &out2, &[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = Command::new("minisign").args(["-V", "-p", mp_s, "-m"]).arg(out2.join("manifest.json")).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    // pubkey of a minisign key equals its .pub file's key line.
    let o = run(&["pubkey", "--key", mk.to_str().unwrap()]);
    let pubfile = std::fs::read_to_string(&mp).unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), pubfile.lines().nth(1).unwrap().trim());
}
