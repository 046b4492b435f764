//! Minisign key files: generate, load (unencrypted or password-protected), derive the public key.

use crate::{read, Fail, Res};
use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Environment variable holding the password of an encrypted secret key (e.g. one made
/// with `minisign -G`). Without it, an encrypted key prompts on the terminal.
pub const PASSWORD_ENV: &str = "WEGWIJZER_KEY_PASSWORD";

fn with_ext(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}

fn write_new(path: &Path, bytes: &[u8], private: bool) -> Res<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = o.open(path).map_err(|e| Fail::io(format!("cannot create {}: {e}", path.display())))?;
    f.write_all(bytes).map_err(|e| Fail::io(format!("cannot write {}: {e}", path.display())))
}

pub fn keygen(prefix: &Path) -> Res<()> {
    let sk_path = with_ext(prefix, ".key");
    let pk_path = with_ext(prefix, ".pub");
    for p in [&sk_path, &pk_path] {
        if p.exists() {
            return Err(Fail::refused(format!("{} exists; refusing to overwrite a key", p.display())));
        }
    }
    if let Some(parent) = prefix.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Fail::io(format!("cannot create {}: {e}", parent.display())))?;
    }
    let KeyPair { pk, sk } = KeyPair::generate_unencrypted_keypair().map_err(|e| Fail::io(format!("key generation failed: {e}")))?;
    let sk_box =
        sk.to_box(Some("wegwijzer secret key (unencrypted): keep it offline, never commit it")).map_err(|e| Fail::io(e.to_string()))?;
    let pk_box = pk.to_box().map_err(|e| Fail::io(e.to_string()))?;
    write_new(&sk_path, sk_box.into_string().as_bytes(), true)?;
    write_new(&pk_path, pk_box.into_string().as_bytes(), false)?;
    println!("wrote {} (secret, mode 600) and {}", sk_path.display(), pk_path.display());
    println!("public key: {}", pk.to_base64());
    Ok(())
}

/// Load a secret key file written by `wegwijzer keygen`, `minisign -G -W` (unencrypted) or
/// `minisign -G` (password from [`PASSWORD_ENV`] or the terminal).
pub fn load_secret_key(path: &Path) -> Res<SecretKey> {
    let text = String::from_utf8(read(path, "secret key")?)
        .map_err(|_| Fail::refused(format!("{} is not a minisign secret key (not text)", path.display())))?;
    let bad = |e: minisign::PError| Fail::refused(format!("{} is not a usable minisign secret key: {e}", path.display()));
    let sk_box = SecretKeyBox::from_string(&text).map_err(bad)?;
    match SecretKey::from_unencrypted_box(sk_box.clone()) {
        Ok(sk) => Ok(sk),
        Err(e) => {
            if let Some(sk) = unencrypted_without_checksum(&text) {
                return Ok(sk);
            }
            if matches!(e.kind(), minisign::ErrorKind::Verify) {
                return Err(bad(e));
            }
            let password = std::env::var(PASSWORD_ENV).ok();
            SecretKey::from_box(sk_box, password).map_err(bad)
        }
    }
}

/// `minisign -G -W` (minisign 0.11) writes unencrypted keys with an all-zero checksum,
/// which the `minisign` crate calls corrupted while the `minisign` tool signs with them.
/// Accept exactly that case; the signature is verified against the derived public key
/// before anything is published, so a damaged key still cannot publish.
fn unencrypted_without_checksum(text: &str) -> Option<SecretKey> {
    let line = text.lines().nth(1)?.trim();
    let raw = wegwijzer_core::manifest::base64_decode(line)?;
    if raw.len() != 158 || &raw[0..2] != b"Ed" || raw[2..4] != [0, 0] || raw[126..].iter().any(|&b| b != 0) {
        return None;
    }
    SecretKey::from_bytes(&raw).ok()
}

pub fn public_of(sk: &SecretKey) -> Res<PublicKey> {
    PublicKey::from_secret_key(sk).map_err(|e| Fail::io(format!("cannot derive the public key: {e}")))
}

/// `--pubkey` is a file path when such a file exists, otherwise the key text itself.
pub fn read_pubkey_arg(arg: &str) -> Res<String> {
    let p = Path::new(arg);
    if p.is_file() {
        String::from_utf8(read(p, "public key")?).map_err(|_| Fail::io(format!("{arg} is not a minisign public key file")))
    } else {
        Ok(arg.to_string())
    }
}
