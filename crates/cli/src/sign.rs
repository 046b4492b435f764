//! `wegwijzer sign`: check, minify, content-address, write the manifest and its minisign
//! signature, verify the result with the core, and remove stale content files.

use crate::keys::{load_secret_key, public_of};
use crate::{load_content, parse_now, parse_today, read, report, Fail, Res};
use std::path::Path;
use wegwijzer_core::i18n::{apply, split};
use wegwijzer_core::json::ToJson;
use wegwijzer_core::lint::lint;
use wegwijzer_core::load::{parse_directory, parse_site, parse_tree, read_directory, read_site, read_tree};
use wegwijzer_core::manifest::{
    content_addressed_name, sha256_hex, verify_file, verify_manifest, FileEntry, Manifest, Mode, NativeCrypto, PublicKeys, MANIFEST_NAME,
    MAX_FILE_BYTES, MAX_MANIFEST_BYTES, SIGNATURE_NAME,
};
use wegwijzer_core::time::format_rfc3339;
use wegwijzer_core::SCHEMA_VERSION;
use wegwijzer_core::{Content, Lang};

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
const STEMS: [(&str, &str); 3] = [("tree", "tree"), ("directory", "organisations"), ("site", "site")];

fn is_content_addressed(name: &str) -> bool {
    let overlay = name.strip_prefix("text-").and_then(|r| r.get(..2)).filter(|c| Lang::parse(c).is_some()).map(|c| format!("text-{c}"));
    STEMS.iter().map(|(_, s)| s.to_string()).chain(overlay).any(|stem| {
        name.strip_prefix(stem.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .and_then(|r| r.strip_suffix(".json"))
            .is_some_and(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit()))
    })
}

/// The source content with Dutch plus `lang` only (every other translation removed), read
/// by serde: what the app must see after merging that overlay.
fn only(l: &crate::Loaded, lang: Option<Lang>) -> Res<Content> {
    fn strip(v: &mut serde_json::Value, lang: Option<Lang>) {
        match v {
            serde_json::Value::Object(o) => {
                let is_text = o.contains_key("nl") && o.keys().all(|k| Lang::parse(k).is_some());
                if is_text {
                    o.retain(|k, _| k == "nl" || lang.is_some_and(|l| l.code() == k));
                } else {
                    o.values_mut().for_each(|x| strip(x, lang));
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip(x, lang)),
            _ => {}
        }
    }
    let read = |b: &[u8]| -> Res<serde_json::Value> {
        let mut v: serde_json::Value = serde_json::from_slice(b).map_err(|e| Fail::io(e.to_string()))?;
        strip(&mut v, lang);
        Ok(v)
    };
    let err = |e: serde_json::Error| Fail::io(e.to_string());
    let tree = serde_json::from_value(read(&l.tree_bytes)?).map_err(err)?;
    let dir = serde_json::from_value(read(&l.dir_bytes)?).map_err(err)?;
    let site = serde_json::from_value(read(&l.site_bytes)?).map_err(err)?;
    Ok(Content::new(tree, dir).with_site(site))
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

    // 2. Dutch base files and one overlay per other language (core `i18n`), written by the
    //    core's JSON writer; proven to read back, merged with each overlay, as exactly the
    //    source content, to serde (the CLI's reader) and to the browser's small reader alike.
    let parse =
        |b: &[u8], what: &str| wegwijzer_core::json::parse(b).map_err(|e| Fail::refused(format!("{what}: {e} (run `wegwijzer check`)")));
    let mut docs =
        [parse(&loaded.tree_bytes, "tree.json")?, parse(&loaded.dir_bytes, "organisations.json")?, parse(&loaded.site_bytes, "site.json")?];
    let langs: Vec<Lang> = loaded.content.site.languages.iter().map(|l| l.code).collect();
    let overlays = split(&mut docs, &langs);
    let [tree, dir, site] = docs.map(|d| d.to_json().into_bytes());
    for lang in std::iter::once(None).chain(overlays.iter().map(|(l, _)| Some(*l))) {
        let mut d = [parse(&tree, "tree")?, parse(&dir, "directory")?, parse(&site, "site")?];
        if let Some(l) = lang {
            let o = &overlays.iter().find(|(x, _)| *x == l).expect("overlay").1;
            apply(&mut d, l, o.as_bytes()).map_err(|e| Fail::io(format!("internal: overlay {}: {e}", l.code())))?;
        }
        let [t, di, si] = d.map(|v| v.to_json().into_bytes());
        let want = only(&loaded, lang)?;
        let same = parse_tree(&t).ok().as_ref() == Some(&want.tree)
            && read_tree(&t).ok().as_ref() == Some(&want.tree)
            && parse_directory(&di).ok().as_ref() == Some(&want.directory)
            && read_directory(&di).ok().as_ref() == Some(&want.directory)
            && parse_site(&si).ok().as_ref() == Some(&want.site)
            && read_site(&si).ok().as_ref() == Some(&want.site);
        if !same {
            return Err(Fail::io("internal: the split files do not read as the same content in the CLI and the browser; please report"));
        }
    }
    let overlay_files: Vec<(String, String, Vec<u8>)> =
        overlays.into_iter().map(|(l, o)| (wegwijzer_core::i18n::overlay_key(l), format!("text-{}", l.code()), o.into_bytes())).collect();
    for (name, b) in [("tree", &tree), ("directory", &dir), ("site", &site)] {
        if b.len() as u64 > MAX_FILE_BYTES {
            return Err(Fail::refused(format!("{name} is {} bytes, above the client cap of {MAX_FILE_BYTES}", b.len())));
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
    let mut files = wegwijzer_core::Map::new();
    let mut all: Vec<(String, String, &Vec<u8>)> =
        STEMS.iter().zip([&tree, &dir, &site]).map(|((k, stem), b)| (k.to_string(), stem.to_string(), b)).collect();
    all.extend(overlay_files.iter().map(|(k, stem, b)| (k.clone(), stem.clone(), b)));
    let names: Vec<(String, &Vec<u8>)> = all
        .into_iter()
        .map(|(key, stem, b)| {
            let name = content_addressed_name(&stem, b);
            files.insert(key, FileEntry { name: name.clone(), sha256: sha256_hex(b), length: b.len() as u64 });
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
    let v = verify_manifest(&manifest_bytes, sig.as_bytes(), &keys, None, now, Mode::Fresh, &NativeCrypto)
        .map_err(|e| Fail::io(format!("internal: own signature does not verify: {e}")))?;
    for e in v.manifest.files.values() {
        let b = names.iter().find(|(n, _)| *n == e.name).map(|(_, b)| *b).expect("named file");
        verify_file(e, b, &NativeCrypto).map_err(|e| Fail::io(format!("internal: {e}")))?;
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
