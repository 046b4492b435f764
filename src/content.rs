//! The one place that fetches content. It fetches the signed manifest and the files it
//! names, hands the bytes to the core for verification, and only then returns content.
//! The last verified bundle is kept on the device (it holds no personal data) so the app
//! works offline and falls back to it when a newer bundle fails verification.

use crate::storage;
use crate::web::{document, next_task, now};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wegwijzer_core::bundle::{BundleError, Opened, Opening, RawBundle};
use wegwijzer_core::json::{self, ToJson};
use wegwijzer_core::manifest::{
    self, Manifest, Mode, Precomputed, PublicKeys, Seen, SignatureChecks, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES,
};
use wegwijzer_core::{i18n, Content, Lang};

/// Pinned at build time: `WEGWIJZER_PUBKEYS` = current[,next] minisign public keys.
const PUBKEYS: Option<&str> = option_env!("WEGWIJZER_PUBKEYS");
/// Where the signed bundle lives: `<meta name="wegwijzer-content-base">` in index.html, which
/// tools/postbuild.mjs writes from `--content-base` / `WEGWIJZER_CONTENT_BASE` (default
/// `content/`, next to the app; or a CDN origin of its own, docs/deploy.md). The service worker
/// gets the same value. Whatever it names, the pinned keys decide what is accepted.
pub fn base() -> String {
    document()
        .query_selector("meta[name=wegwijzer-content-base]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| "content/".into())
}

/// Verified content ready for the app.
pub struct Loaded {
    pub content: Content,
    /// The bytes it was opened from (the Dutch base files and the overlay of `lang`), so a
    /// language switch fetches only that language's overlay and opens the bundle again.
    pub raw: RawBundle,
    /// The language whose overlay is merged (`nl`: none).
    pub lang: Lang,
    pub version: u64,
    /// The manifest's `issued` (RFC 3339): the content's date for "Over de Wegwijzer".
    pub issued: String,
    /// Past `expires` (offline only): show "may be out of date".
    pub stale: bool,
    /// Why the newest bundle was not used, if it was not.
    pub fallback: Option<Fallback>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// The network failed: showing the cached copy.
    Offline,
    /// A bundle arrived but failed verification: showing the last good copy.
    Rejected,
}

fn keys() -> Result<PublicKeys, String> {
    let raw = PUBKEYS.ok_or("this build has no pinned content key (WEGWIJZER_PUBKEYS)")?;
    let list: Vec<&str> = raw.split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
    PublicKeys::parse(&list).map_err(|e| e.to_string())
}

fn log(msg: &str) {
    web_sys::console::warn_1(&msg.into());
}

/// `fetch` with `cache: no-cache` and no credentials. Straight on web-sys: gloo-net's
/// request brought wasm-streams' exported classes and serde_json's error texts along.
async fn fetch(url: &str) -> Result<web_sys::Response, wasm_bindgen::JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let window = web_sys::window().ok_or(wasm_bindgen::JsValue::NULL)?;
    let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
    Ok(resp.unchecked_into())
}

/// Where a bundle is read from: the content base over the network, or the page's own copy of
/// the last verified bundle (`storage::CONTENT_CACHE`, the same URLs).
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Network,
    Cache,
}

/// Read `url` from `src`, at most `limit` bytes (abort beyond). The network with
/// `cache: no-cache`.
async fn fetch_capped(src: Source, url: &str, limit: u64) -> Result<Vec<u8>, FetchError> {
    let resp = match src {
        Source::Network => fetch(url).await.map_err(|_| FetchError::Network(format!("{url}: the request failed")))?,
        Source::Cache => storage::cache_get(url).await.ok_or_else(|| FetchError::Network(format!("{url}: not cached")))?,
    };
    if !resp.ok() {
        return Err(FetchError::Network(format!("{url}: HTTP {}", resp.status())));
    }
    if let Some(len) = resp.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<u64>().ok()) {
        if len > limit {
            return Err(FetchError::Rejected(format!("{url}: {len} bytes declared, more than the {limit} allowed")));
        }
    }
    let body = resp.body().ok_or_else(|| FetchError::Network(format!("{url}: empty body")))?;
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk: web_sys::ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.map_err(|_| FetchError::Network(format!("{url}: read failed")))?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let bytes = js_sys::Uint8Array::new(&chunk.get_value());
        if out.len() as u64 + bytes.length() as u64 > limit {
            let _ = reader.cancel();
            return Err(FetchError::Rejected(format!("{url}: longer than the {limit} bytes allowed")));
        }
        let start = out.len();
        out.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[start..]);
    }
    Ok(out)
}

/// The Dutch base bundle and, for another language the manifest names, its overlay (an
/// overlay that cannot be had leaves Dutch: the caller opens what it gets).
async fn fetch_bundle(src: Source, seen: Option<&Seen>, keys: &PublicKeys, lang: Lang) -> Result<RawBundle, FetchError> {
    let b = &base();
    let manifest = fetch_capped(src, &format!("{b}{}", manifest::MANIFEST_NAME), MAX_MANIFEST_BYTES as u64).await?;
    let signature = fetch_capped(src, &format!("{b}{}", manifest::SIGNATURE_NAME), MAX_SIGNATURE_BYTES as u64).await?;
    // Verify the manifest before following the file names in it (the cached copy may be expired).
    let mode = if src == Source::Cache { Mode::Cached } else { Mode::Fresh };
    let crypto = precompute(&manifest, &signature, keys, &[]).await;
    let v = manifest::verify_manifest(&manifest, &signature, keys, seen, now(), mode, &crypto)
        .map_err(|e| FetchError::Rejected(BundleError::Manifest(e).to_string()))?;
    let mut files: [Vec<u8>; 3] = Default::default();
    for (file, key) in files.iter_mut().zip(["tree", "directory", "site"]) {
        let e = v.manifest.file(key).ok_or_else(|| FetchError::Rejected(format!("manifest names no {key}")))?;
        // Read at most the declared length + 1, so a longer body is detected and refused.
        *file = fetch_capped(src, &format!("{b}{}", e.name), e.read_limit() + 1).await?;
    }
    let [tree, directory, site] = files;
    let texts = match v.manifest.files.get(&i18n::overlay_key(lang)) {
        // The page's own cache keeps the base files; an overlay comes from the network or
        // the service worker.
        Some(e) if lang != Lang::Nl => {
            fetch_capped(Source::Network, &format!("{b}{}", e.name), e.read_limit() + 1).await.ok().map(|t| (lang, t))
        }
        _ => None,
    };
    Ok(RawBundle { manifest, signature, tree, directory, site, texts })
}

/// The accepted files by file name, as the manifest names them.
fn named<'r>(m: &Manifest, raw: &'r RawBundle) -> Vec<(String, &'r [u8])> {
    let name = |k: &str| m.files.get(k).map(|e| e.name.clone()).unwrap_or_default();
    let mut files = vec![
        (manifest::MANIFEST_NAME.to_string(), raw.manifest.as_slice()),
        (manifest::SIGNATURE_NAME.to_string(), raw.signature.as_slice()),
        (name("tree"), raw.tree.as_slice()),
        (name("directory"), raw.directory.as_slice()),
        (name("site"), raw.site.as_slice()),
    ];
    if let Some((l, t)) = &raw.texts {
        files.push((name(&i18n::overlay_key(*l)), t.as_slice()));
    }
    files
}

enum FetchError {
    Network(String),
    Rejected(String),
}

/// Keep the accepted base bundle as the offline fallback: its bytes as they are, under
/// their content URLs, in the page's own cache (asynchronous; a synchronous `localStorage`
/// write of the whole bundle was a long task on a slow phone).
async fn cache_bundle(m: &Manifest, raw: &RawBundle, seen: &Seen) {
    storage::set(storage::SEEN, &seen.to_json());
    let b = base();
    let base_only = RawBundle { texts: None, ..raw.clone() };
    let files: Vec<(String, &[u8])> = named(m, &base_only).into_iter().map(|(n, f)| (format!("{b}{n}"), f)).collect();
    storage::cache_replace(&files).await;
}

/// Give the service worker the files just accepted, by file name, so it can answer these
/// requests offline (also when the content lives on another origin, and when this device's
/// storage is blocked). It keeps only what the app verified: it never stores content it
/// fetched by itself (tools/sw.template.js). A language overlay goes along when it is used,
/// so switching to a language used before works offline.
fn offer_to_service_worker(m: &Manifest, raw: &RawBundle) {
    if storage::leaving() {
        return;
    }
    let entries = js_sys::Array::new();
    for (name, bytes) in named(m, raw) {
        entries.push(&js_sys::Array::of2(&name.into(), &js_sys::Uint8Array::from(bytes)));
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"CACHE_CONTENT".into());
    let _ = js_sys::Reflect::set(&msg, &"entries".into(), &entries);
    // The loader posts it once a worker is active.
    let _ = crate::web::loader::keep(&msg);
}

/// Offer the accepted files to the service worker and (with `seen`: a fresh download) keep
/// the base bundle in the page's cache, two tasks after the first screen.
fn keep_later(o: &Opened, raw: &RawBundle, seen: Option<Seen>) {
    let m = o.verified.manifest.clone();
    let raw = raw.clone();
    crate::prelude::spawn_local(async move {
        next_task().await;
        next_task().await;
        offer_to_service_worker(&m, &raw);
        if let Some(seen) = seen {
            cache_bundle(&m, &raw, &seen).await;
        }
    });
}

fn loaded(o: Opened, raw: RawBundle, fallback: Option<Fallback>) -> Loaded {
    let lang = raw.texts.as_ref().map_or(Lang::Nl, |(l, _)| *l);
    crate::i18n::install(&o.content.site, o.verified.manifest.version, lang);
    Loaded {
        raw,
        lang,
        version: o.verified.manifest.version,
        issued: o.verified.manifest.issued.clone(),
        stale: o.verified.stale,
        content: o.content,
        fallback,
    }
}

/// Load content in `lang`: the newest verified bundle, else the last verified one (its
/// overlay of `lang` if the service worker has it), else an error text. An overlay that
/// does not open leaves the content in Dutch, never without content.
pub async fn load(lang: Lang) -> Result<Arc<Loaded>, String> {
    let keys = keys()?;
    let seen: Option<Seen> = storage::get(storage::SEEN).and_then(|s| json::from_slice(s.as_bytes()).ok());
    let fallback = match fetch_bundle(Source::Network, seen.as_ref(), &keys, lang).await {
        Ok(raw) => {
            let t0 = perf_now();
            let crypto = precompute_bundle(&raw, &keys).await;
            let hashing = perf_now() - t0;
            match open_or_dutch(raw, &keys, seen.as_ref(), Mode::Fresh, &crypto).await {
                Ok((o, raw, busy)) => {
                    record_timing(hashing + busy);
                    // Kept for offline use once the first screen is up.
                    keep_later(&o, &raw, Some(o.verified.seen()));
                    return Ok(Arc::new(loaded(o, raw, None)));
                }
                Err(e) => {
                    log(&format!("Wegwijzer: content refused: {e}"));
                    Fallback::Rejected
                }
            }
        }
        Err(FetchError::Rejected(e)) => {
            log(&format!("Wegwijzer: content refused: {e}"));
            Fallback::Rejected
        }
        Err(FetchError::Network(e)) => {
            log(&format!("Wegwijzer: content not fetched: {e}"));
            Fallback::Offline
        }
    };
    let raw = match fetch_bundle(Source::Cache, seen.as_ref(), &keys, lang).await {
        Ok(raw) => raw,
        Err(FetchError::Network(_)) => return Err("no verified content is available".into()),
        Err(FetchError::Rejected(e)) => {
            log(&format!("Wegwijzer: cached content refused: {e}"));
            storage::cache_clear();
            return Err(e);
        }
    };
    // The cached copy is re-verified on every load; expired is allowed (offline) but flagged.
    let crypto = precompute_bundle(&raw, &keys).await;
    match open_or_dutch(raw, &keys, seen.as_ref(), Mode::Cached, &crypto).await {
        Ok((o, raw, _)) => Ok(Arc::new(loaded(o, raw, Some(fallback)))),
        Err(e) => {
            log(&format!("Wegwijzer: cached content refused: {e}"));
            storage::cache_clear();
            Err(e.to_string())
        }
    }
}

/// Open `raw`; when only its language overlay is wrong (a content-team mistake that slipped
/// through), open the Dutch base instead.
async fn open_or_dutch(
    raw: RawBundle,
    keys: &PublicKeys,
    seen: Option<&Seen>,
    mode: Mode,
    crypto: &Precomputed,
) -> Result<(Opened, RawBundle, f64), BundleError> {
    match open_in_steps(Opening::new(&raw, keys, seen, now(), mode, crypto)).await {
        Ok((o, busy)) => Ok((o, raw, busy)),
        Err(e) if raw.texts.is_some() => {
            log(&format!("Wegwijzer: language overlay refused: {e}"));
            let raw = RawBundle { texts: None, ..raw };
            let (o, busy) = open_in_steps(Opening::new(&raw, keys, seen, now(), mode, crypto)).await?;
            Ok((o, raw, busy))
        }
        Err(e) => Err(e),
    }
}

/// The same content in `lang`: fetch that language's overlay (the service worker answers
/// offline for one used before), check it against the accepted manifest and open the bundle
/// again with it. Dutch needs no overlay.
pub async fn switch_language(l: &Loaded, lang: Lang) -> Result<Arc<Loaded>, String> {
    let keys = keys()?;
    let texts = if lang == Lang::Nl {
        None
    } else {
        let m: Manifest = json::from_slice(&l.raw.manifest).map_err(|e| e.to_string())?;
        let e = m.files.get(&i18n::overlay_key(lang)).ok_or("this content has no such language")?;
        let bytes = fetch_capped(Source::Network, &format!("{}{}", base(), e.name), e.read_limit() + 1).await.map_err(|e| match e {
            FetchError::Network(s) | FetchError::Rejected(s) => s,
        })?;
        Some((lang, bytes))
    };
    let raw = RawBundle { texts, ..l.raw.clone() };
    let crypto = precompute_bundle(&raw, &keys).await;
    let (o, _) = open_in_steps(Opening::new(&raw, &keys, None, now(), Mode::Cached, &crypto)).await.map_err(|e| e.to_string())?;
    keep_later(&o, &raw, None);
    Ok(Arc::new(loaded(o, raw, l.fallback)))
}

/// The core's acceptance, one step per task: on a slow phone each step is a short task
/// instead of one long one that blocks input (Total Blocking Time).
/// Also returns the milliseconds the steps kept the main thread busy (the waits between
/// them not counted).
async fn open_in_steps(mut o: Opening<'_>) -> Result<(Opened, f64), BundleError> {
    let mut busy = 0.0;
    loop {
        let t = perf_now();
        let r = o.step()?;
        busy += perf_now() - t;
        if let Some(opened) = r {
            return Ok((opened, busy));
        }
        next_task().await;
    }
}

fn perf_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The Ed25519 checks and SHA-256 digests the core's rules ask for, computed by the browser:
/// native code, off the main thread, and no signature code in the wasm. The core decides what
/// must hold ([`SignatureChecks`]) and then applies every rule to these results
/// ([`Precomputed`]: only what was computed and found valid counts). Without WebCrypto
/// (a page that is not https or localhost) nothing verifies and the content is refused.
async fn precompute(manifest: &[u8], signature: &[u8], keys: &PublicKeys, files: &[&[u8]]) -> Precomputed {
    let mut p = Precomputed::default();
    if let Ok(checks) = SignatureChecks::read(manifest, signature, keys) {
        for (message, sig) in checks.pairs(manifest) {
            if ed25519_verify(&checks.public_key, &message, &sig).await {
                p.valid_signature(checks.public_key, message, sig);
            }
        }
    }
    for bytes in std::iter::once(manifest).chain(files.iter().copied()) {
        if let Some(d) = sha256_webcrypto(bytes).await {
            p.digest(bytes, d);
        }
    }
    p
}

async fn precompute_bundle(raw: &RawBundle, keys: &PublicKeys) -> Precomputed {
    let mut files = vec![raw.tree.as_slice(), &raw.directory, &raw.site];
    files.extend(raw.texts.as_ref().map(|(_, t)| t.as_slice()));
    precompute(&raw.manifest, &raw.signature, keys, &files).await
}

/// `window.wegwijzerEd25519` (the loader, tools/postbuild.mjs): WebCrypto's Ed25519, or the
/// fallback for browsers that do not have it yet. False on anything else.
async fn ed25519_verify(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let copy = |b: &[u8]| js_sys::Uint8Array::from(b);
    let Ok(p) = crate::web::loader::ed25519(&copy(key), &copy(message), &copy(signature)) else {
        return false;
    };
    JsFuture::from(p).await.map(|v| v.as_bool() == Some(true)).unwrap_or(false)
}

async fn sha256_webcrypto(bytes: &[u8]) -> Option<String> {
    // `crypto.subtle` is undefined outside secure contexts.
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    if subtle.is_undefined() {
        return None;
    }
    let buf = JsFuture::from(subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?).await.ok()?;
    Some(manifest::hex_lower(&js_sys::Uint8Array::new(&buf).to_vec()))
}

/// Exposed for the benchmark: verify + parse + validate time of the accepted bundle: the
/// WebCrypto hashing (wall time) plus the main-thread time of the acceptance steps.
fn record_timing(ms: f64) {
    let Some(w) = web_sys::window() else { return };
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"verifyParseValidateMs".into(), &ms.into());
    let _ = js_sys::Reflect::set(&w, &"__wegwijzerTiming".into(), &o);
}
