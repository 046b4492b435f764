//! `wegwijzer sign`: check, minify, content-address, write the manifest and its minisign
//! signature, verify the result with the core, and remove stale content files.

use crate::keys::{load_secret_key, public_of};
use crate::minify::minify_json;
use crate::{load_content, parse_now, parse_today, read, report, Fail, Res};
use std::collections::BTreeMap;
use std::path::Path;
use wegwijzer_core::lint::lint;
use wegwijzer_core::load::{parse_directory, parse_tree, read_directory, read_tree};
use wegwijzer_core::manifest::{
    content_addressed_name, sha256_hex, verify_file, verify_manifest, FileEntry, Manifest, Mode, PublicKeys, MANIFEST_NAME, MAX_FILE_BYTES,
    MAX_MANIFEST_BYTES, SIGNATURE_NAME,
};
use wegwijzer_core::time::format_rfc3339;
use wegwijzer_core::SCHEMA_VERSION;

pub struct SignArgs<'a> {
    pub content: &'a Path,
    pub key: &'a Path,
    pub out: &'a Path,
    pub version: Option<u64>,
    pub expires_days: u32,
    pub today: Option<&'a str>,
    pub now: Option<&'a str>,
}

/// Stems of the content-addressed files this tool writes (and may remove when stale).
const STEMS: [(&str, &str); 2] = [("tree", "tree"), ("directory", "organisations")];

fn is_content_addressed(name: &str) -> bool {
    STEMS.iter().any(|(_, stem)| {
        name.strip_prefix(stem)
            .and_then(|r| r.strip_prefix('.'))
            .and_then(|r| r.strip_suffix(".json"))
            .is_some_and(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit()))
    })
}

fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Res<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    let dst = dir.join(name);
    std::fs::write(&tmp, bytes).map_err(|e| Fail::io(format!("cannot write {}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, &dst).map_err(|e| Fail::io(format!("cannot write {}: {e}", dst.display())))
}

pub fn sign(a: &SignArgs) -> Res<()> {
    let today = parse_today(a.today)?;
    let now = parse_now(a.now)?;
    let sk = load_secret_key(a.key)?;
    let pk = public_of(&sk)?;

    // 1. Refuse content that fails check.
    let loaded = load_content(a.content)?;
    let diags = lint(&loaded.content, today);
    if report(&diags, false) {
        return Err(Fail::refused("content has errors: nothing signed (run `wegwijzer check`)"));
    }

    // 2. Minified bytes, proven to mean the same as the source, to serde (the CLI's reader)
    //    and to the browser's small reader (`wegwijzer_core::json`) alike.
    let tree = minify_json(&loaded.tree_bytes);
    let dir = minify_json(&loaded.dir_bytes);
    let same_tree =
        parse_tree(&tree).ok().as_ref() == Some(&loaded.content.tree) && read_tree(&tree).ok().as_ref() == Some(&loaded.content.tree);
    let same_dir = parse_directory(&dir).ok().as_ref() == Some(&loaded.content.directory)
        && read_directory(&dir).ok().as_ref() == Some(&loaded.content.directory);
    if !same_tree || !same_dir {
        return Err(Fail::io("internal: minified JSON does not read as the same content in the CLI and the browser; please report"));
    }
    for (name, b) in [("tree", &tree), ("directory", &dir)] {
        if b.len() as u64 > MAX_FILE_BYTES {
            return Err(Fail::refused(format!("{name} is {} bytes after minifying, above the client cap of {MAX_FILE_BYTES}", b.len())));
        }
    }

    // 3. Version: above any existing manifest in OUT.
    std::fs::create_dir_all(a.out).map_err(|e| Fail::io(format!("cannot create {}: {e}", a.out.display())))?;
    let existing_path = a.out.join(MANIFEST_NAME);
    let existing: Option<u64> = if existing_path.exists() {
        let bytes = read(&existing_path, "existing manifest")?;
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            Fail::refused(format!("{} exists but is not a manifest ({e}); move it away to sign into this folder", existing_path.display()))
        })?;
        Some(m.version)
    } else {
        None
    };
    let version = match (a.version, existing) {
        (Some(v), Some(old)) if v <= old => {
            return Err(Fail::refused(format!(
                "--version {v} is not above the existing manifest's version {old}: clients would refuse it \
                 as a rollback; use a higher version"
            )))
        }
        (Some(v), _) => v,
        (None, old) => (now.max(0) as u64).max(old.map_or(0, |o| o + 1)),
    };

    // 4. Manifest.
    let mut files = BTreeMap::new();
    let names: Vec<(String, &Vec<u8>)> = STEMS
        .iter()
        .zip([&tree, &dir])
        .map(|((key, stem), b)| {
            let name = content_addressed_name(stem, b);
            files.insert(key.to_string(), FileEntry { name: name.clone(), sha256: sha256_hex(b), length: b.len() as u64 });
            (name, b)
        })
        .collect();
    let manifest = Manifest {
        schema: SCHEMA_VERSION,
        version,
        issued: format_rfc3339(now),
        expires: format_rfc3339(now + a.expires_days as i64 * 86_400),
        files,
    };
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| Fail::io(e.to_string()))?;
    manifest_bytes.push(b'\n');
    if manifest_bytes.len() > MAX_MANIFEST_BYTES {
        return Err(Fail::io("internal: manifest above the size cap"));
    }

    // 5. Signature (standard minisign, prehashed).
    let trusted = format!("timestamp:{now}\tfile:{MANIFEST_NAME}\tversion:{version}");
    let sig = minisign::sign(Some(&pk), &sk, &manifest_bytes[..], Some(&trusted), Some("signature from wegwijzer sign"))
        .map_err(|e| Fail::refused(format!("signing failed: {e}")))?
        .into_string();

    // 6. Verify with the core before publishing anything.
    let keys = PublicKeys::parse(&[&pk.to_base64()]).map_err(|e| Fail::io(e.to_string()))?;
    let v = verify_manifest(&manifest_bytes, sig.as_bytes(), &keys, None, now, Mode::Fresh)
        .map_err(|e| Fail::io(format!("internal: own signature does not verify: {e}")))?;
    for (key, e) in &v.manifest.files {
        let b = if key == "tree" { &tree } else { &dir };
        verify_file(e, b).map_err(|e| Fail::io(format!("internal: {e}")))?;
    }

    // 7. Write: content files first, then signature and manifest (each atomically).
    for (name, b) in &names {
        write_atomic(a.out, name, b)?;
    }
    write_atomic(a.out, SIGNATURE_NAME, sig.as_bytes())?;
    write_atomic(a.out, MANIFEST_NAME, &manifest_bytes)?;

    // 8. Remove stale content-addressed files.
    let keep: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    if let Ok(rd) = std::fs::read_dir(a.out) {
        for entry in rd.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_content_addressed(&name) && !keep.contains(&name.as_str()) {
                let _ = std::fs::remove_file(entry.path());
                println!("removed stale {name}");
            }
        }
    }
    println!("signed version {version} (expires {}) with key {} into {}", manifest.expires, keys.key_ids()[0], a.out.display());
    for (name, b) in &names {
        println!("  {name} ({} bytes)", b.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_addressed_pattern() {
        assert!(super::is_content_addressed("tree.0123456789abcdef.json"));
        assert!(super::is_content_addressed("organisations.0123456789abcdef.json"));
        assert!(!super::is_content_addressed("tree.json"));
        assert!(!super::is_content_addressed("manifest.json"));
        assert!(!super::is_content_addressed("tree.0123456789abcdef.json.bak"));
    }
}
