//! The one place that fetches content. It fetches the signed manifest and the files it
//! names, hands the bytes to the core for verification, and only then returns content.
//! The last verified bundle is kept on the device (it holds no personal data) so the app
//! works offline and falls back to it when a newer bundle fails verification.

use crate::storage;
use crate::web::{document, next_task, now};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wegwijzer_core::bundle::{BundleError, FileDigests, Opened, Opening, RawBundle};
use wegwijzer_core::json::{self, ToJson};
use wegwijzer_core::manifest::{self, Mode, PublicKeys, Seen, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES};
use wegwijzer_core::Content;

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

async fn fetch_bundle(src: Source, seen: Option<&Seen>, keys: &PublicKeys) -> Result<(RawBundle, [String; 2]), FetchError> {
    let b = &base();
    let manifest = fetch_capped(src, &format!("{b}{}", manifest::MANIFEST_NAME), MAX_MANIFEST_BYTES as u64).await?;
    let signature = fetch_capped(src, &format!("{b}{}", manifest::SIGNATURE_NAME), MAX_SIGNATURE_BYTES as u64).await?;
    // Verify the manifest before following the file names in it (the cached copy may be expired).
    let mode = if src == Source::Cache { Mode::Cached } else { Mode::Fresh };
    let v = manifest::verify_manifest(&manifest, &signature, keys, seen, now(), mode)
        .map_err(|e| FetchError::Rejected(BundleError::Manifest(e).to_string()))?;
    let t = v.manifest.file("tree").ok_or_else(|| FetchError::Rejected("manifest names no tree".into()))?;
    let d = v.manifest.file("directory").ok_or_else(|| FetchError::Rejected("manifest names no directory".into()))?;
    // Read at most the declared length + 1, so a longer body is detected and refused.
    let tree = fetch_capped(src, &format!("{b}{}", t.name), t.read_limit() + 1).await?;
    let directory = fetch_capped(src, &format!("{b}{}", d.name), d.read_limit() + 1).await?;
    Ok((RawBundle { manifest, signature, tree, directory }, [t.name.clone(), d.name.clone()]))
}

enum FetchError {
    Network(String),
    Rejected(String),
}

/// Keep the accepted bundle as the offline fallback: its bytes as they are, under their
/// content URLs, in the page's own cache (asynchronous; a synchronous `localStorage` write of
/// the whole bundle was a long task on a slow phone).
async fn cache_bundle(raw: &RawBundle, seen: &Seen, [tree, directory]: &[String; 2]) {
    storage::set(storage::SEEN, &seen.to_json());
    let b = base();
    let files = [
        (format!("{b}{}", manifest::MANIFEST_NAME), raw.manifest.as_slice()),
        (format!("{b}{}", manifest::SIGNATURE_NAME), raw.signature.as_slice()),
        (format!("{b}{tree}"), raw.tree.as_slice()),
        (format!("{b}{directory}"), raw.directory.as_slice()),
    ];
    storage::cache_replace(&files).await;
}

/// Give the service worker the bundle just accepted, by file name, so it can answer these
/// requests offline (also when the content lives on another origin, and when this device's
/// storage is blocked). It keeps only what the app verified: it never stores content it
/// fetched by itself (tools/sw.template.js).
fn offer_to_service_worker(raw: &RawBundle, [tree, directory]: &[String; 2]) {
    if storage::leaving() {
        return;
    }
    // The loader's `wegwijzerKeep` (tools/postbuild.mjs) posts it once a worker is active.
    let Some(keep) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"wegwijzerKeep".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let entries = js_sys::Array::new();
    for (name, bytes) in [
        (manifest::MANIFEST_NAME, &raw.manifest),
        (manifest::SIGNATURE_NAME, &raw.signature),
        (tree.as_str(), &raw.tree),
        (directory.as_str(), &raw.directory),
    ] {
        entries.push(&js_sys::Array::of2(&name.into(), &js_sys::Uint8Array::from(bytes.as_slice())));
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"CACHE_CONTENT".into());
    let _ = js_sys::Reflect::set(&msg, &"entries".into(), &entries);
    let _ = keep.call1(&wasm_bindgen::JsValue::NULL, &msg);
}

fn loaded(o: Opened, fallback: Option<Fallback>) -> Loaded {
    Loaded {
        version: o.verified.manifest.version,
        issued: o.verified.manifest.issued.clone(),
        stale: o.verified.stale,
        content: o.content,
        fallback,
    }
}

/// Load content: newest verified bundle, else the last verified one, else an error text.
pub async fn load() -> Result<Arc<Loaded>, String> {
    let keys = keys()?;
    let seen: Option<Seen> = storage::get(storage::SEEN).and_then(|s| json::from_slice(s.as_bytes()).ok());
    let fallback = match fetch_bundle(Source::Network, seen.as_ref(), &keys).await {
        Ok((raw, names)) => {
            let t0 = perf_now();
            let digests = digests(&raw).await;
            let hashing = perf_now() - t0;
            match open_in_steps(Opening::new(&raw, &keys, seen.as_ref(), now(), Mode::Fresh, digests.as_ref())).await {
                Ok((o, busy)) => {
                    record_timing(hashing + busy);
                    // Kept for offline use once the first screen is up.
                    let seen = o.verified.seen();
                    leptos::task::spawn_local(async move {
                        next_task().await;
                        next_task().await;
                        offer_to_service_worker(&raw, &names);
                        cache_bundle(&raw, &seen, &names).await;
                    });
                    return Ok(Arc::new(loaded(o, None)));
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
    let raw = match fetch_bundle(Source::Cache, seen.as_ref(), &keys).await {
        Ok((raw, _)) => raw,
        Err(FetchError::Network(_)) => return Err("no verified content is available".into()),
        Err(FetchError::Rejected(e)) => {
            log(&format!("Wegwijzer: cached content refused: {e}"));
            storage::cache_clear();
            return Err(e);
        }
    };
    // The cached copy is re-verified on every load; expired is allowed (offline) but flagged.
    let digests = digests(&raw).await;
    match open_in_steps(Opening::new(&raw, &keys, seen.as_ref(), now(), Mode::Cached, digests.as_ref())).await {
        Ok((o, _)) => Ok(Arc::new(loaded(o, Some(fallback)))),
        Err(e) => {
            log(&format!("Wegwijzer: cached content refused: {e}"));
            storage::cache_clear();
            Err(e.to_string())
        }
    }
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

/// SHA-256 of the content files by WebCrypto: native code, off the main thread, where hashing
/// in wasm took tens of milliseconds on a first run. `crypto.subtle` exists only in secure
/// contexts (https, localhost); elsewhere `None`, and the core hashes in wasm.
async fn digests(raw: &RawBundle) -> Option<FileDigests> {
    let tree = sha256_webcrypto(&raw.tree).await?;
    let directory = sha256_webcrypto(&raw.directory).await?;
    Some(FileDigests { tree, directory })
}

async fn sha256_webcrypto(bytes: &[u8]) -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    if subtle.is_undefined() || subtle.is_null() {
        return None;
    }
    let subtle: web_sys::SubtleCrypto = subtle.unchecked_into();
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
