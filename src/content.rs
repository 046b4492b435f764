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
use wegwijzer_core::manifest::{self, Manifest, Mode, PublicKeys, Seen, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES};
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

/// Fetch `url` with `cache: no-cache`, reading at most `limit` bytes (abort beyond).
async fn fetch_capped(url: &str, limit: u64) -> Result<Vec<u8>, FetchError> {
    let resp = fetch(url).await.map_err(|_| FetchError::Network(format!("{url}: the request failed")))?;
    read_capped(resp, url, limit).await
}

/// The body of `resp`, at most `limit` bytes (abort beyond).
async fn read_capped(resp: web_sys::Response, url: &str, limit: u64) -> Result<Vec<u8>, FetchError> {
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

/// The Dutch base bundle and, for another language the manifest names, its overlay.
async fn fetch_bundle(seen: Option<&Seen>, keys: &PublicKeys, lang: Lang) -> Result<RawBundle, FetchError> {
    let b = &base();
    let manifest = fetch_capped(&format!("{b}{}", manifest::MANIFEST_NAME), MAX_MANIFEST_BYTES as u64).await?;
    let signature = fetch_capped(&format!("{b}{}", manifest::SIGNATURE_NAME), MAX_SIGNATURE_BYTES as u64).await?;
    // Verify the manifest before following the file names in it.
    let v = manifest::verify_manifest(&manifest, &signature, keys, seen, now(), Mode::Fresh)
        .map_err(|e| FetchError::Rejected(BundleError::Manifest(e).to_string()))?;
    let get = |key: &str| v.manifest.files.get(key).cloned();
    let mut files: [Vec<u8>; 3] = Default::default();
    for (file, key) in files.iter_mut().zip(["tree", "directory", "site"]) {
        let e = get(key).ok_or_else(|| FetchError::Rejected(format!("manifest names no {key}")))?;
        // Read at most the declared length + 1, so a longer body is detected and refused.
        *file = fetch_capped(&format!("{b}{}", e.name), e.read_limit() + 1).await?;
    }
    let [tree, directory, site] = files;
    let texts = match get(&i18n::overlay_key(lang)) {
        Some(e) if lang != Lang::Nl => fetch_capped(&format!("{b}{}", e.name), e.read_limit() + 1).await.ok().map(|t| (lang, t)),
        _ => None,
    };
    Ok(RawBundle { manifest, signature, tree, directory, site, texts })
}

enum FetchError {
    Network(String),
    Rejected(String),
}

/// The keys of the bundle's four files in the page's own content cache (`storage::CONTENT_CACHE`,
/// private to the app: fixed keys, so the copy is read back without following the manifest;
/// `Opening` then checks it as it checks the network's).
const CACHE_KEYS: [&str; 5] = ["/ww/manifest", "/ww/signature", "/ww/tree", "/ww/directory", "/ww/site"];

/// Keep the accepted bundle as the offline fallback: its bytes as they are, in the page's own
/// cache (asynchronous; a synchronous `localStorage` write of the whole bundle was a long task
/// on a slow phone).
async fn cache_bundle(raw: &RawBundle, seen: &Seen) {
    storage::set(storage::SEEN, &seen.to_json());
    storage::cache_replace(&CACHE_KEYS, &[&raw.manifest, &raw.signature, &raw.tree, &raw.directory, &raw.site]).await;
}

/// The last accepted bundle from the page's cache (to be verified again), if it is there.
async fn cached_bundle() -> Option<RawBundle> {
    let mut files: [Vec<u8>; 5] = Default::default();
    for (file, key) in files.iter_mut().zip(CACHE_KEYS) {
        *file = read_capped(storage::cache_get(key).await?, key, MAX_CACHED_FILE).await.ok()?;
    }
    let [manifest, signature, tree, directory, site] = files;
    Some(RawBundle { manifest, signature, tree, directory, site, texts: None })
}

/// A cached file is one the app accepted; this only bounds what a tampered device can make it read.
const MAX_CACHED_FILE: u64 = 16 << 20;

/// Give the service worker the files just accepted, by file name, so it can answer these
/// requests offline (also when the content lives on another origin, and when this device's
/// storage is blocked). It keeps only what the app verified: it never stores content it
/// fetched by itself (tools/sw.template.js). A language overlay is offered when it is first
/// used, so switching to a language used before works offline.
fn offer_to_service_worker(m: &Manifest, raw: &RawBundle) {
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
    let name = |k: &str| m.files.get(k).map(|e| e.name.clone()).unwrap_or_default();
    let mut files: Vec<(String, &Vec<u8>)> = vec![
        (manifest::MANIFEST_NAME.into(), &raw.manifest),
        (manifest::SIGNATURE_NAME.into(), &raw.signature),
        (name("tree"), &raw.tree),
        (name("directory"), &raw.directory),
        (name("site"), &raw.site),
    ];
    if let Some((l, t)) = &raw.texts {
        files.push((name(&i18n::overlay_key(*l)), t));
    }
    let entries = js_sys::Array::new();
    for (name, bytes) in files {
        entries.push(&js_sys::Array::of2(&name.into(), &js_sys::Uint8Array::from(bytes.as_slice())));
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"CACHE_CONTENT".into());
    let _ = js_sys::Reflect::set(&msg, &"entries".into(), &entries);
    let _ = keep.call1(&wasm_bindgen::JsValue::NULL, &msg);
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

/// Load content in `lang`: newest verified bundle, else the last verified one (Dutch, and
/// the overlay of `lang` if the service worker has it), else an error text.
pub async fn load(lang: Lang) -> Result<Arc<Loaded>, String> {
    let keys = keys()?;
    let seen: Option<Seen> = storage::get(storage::SEEN).and_then(|s| json::from_slice(s.as_bytes()).ok());
    let fallback = match fetch_bundle(seen.as_ref(), &keys, lang).await {
        Ok(raw) => {
            let t0 = perf_now();
            let digests = digests(&raw).await;
            let hashing = perf_now() - t0;
            let opened = open_in_steps(Opening::new(&raw, &keys, seen.as_ref(), now(), Mode::Fresh, digests.as_ref())).await;
            // An overlay that does not fit is a content-team mistake: Dutch then, not nothing.
            let (opened, raw) = match opened {
                Err(e) if raw.texts.is_some() => {
                    log(&format!("Wegwijzer: language overlay refused: {e}"));
                    let raw = RawBundle { texts: None, ..raw };
                    let digests = digests_of(&raw).await;
                    (open_in_steps(Opening::new(&raw, &keys, seen.as_ref(), now(), Mode::Fresh, digests.as_ref())).await, raw)
                }
                o => (o, raw),
            };
            match opened {
                Ok((o, busy)) => {
                    record_timing(hashing + busy);
                    // Kept for offline use once the first screen is up.
                    let seen = o.verified.seen();
                    offer_later(&o, &raw, Some(seen));
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
    let raw = cached_bundle().await.ok_or("no verified content is available")?;
    // The cached copy is re-verified on every load; expired is allowed (offline) but flagged.
    let digests = digests(&raw).await;
    match open_in_steps(Opening::new(&raw, &keys, seen.as_ref(), now(), Mode::Cached, digests.as_ref())).await {
        Ok((o, _)) => {
            let l = Arc::new(loaded(o, raw, Some(fallback)));
            // The chosen language, if its overlay can still be had (the service worker keeps
            // the ones used before).
            if lang != Lang::Nl {
                if let Ok(x) = switch_language(&l, lang).await {
                    return Ok(x);
                }
            }
            Ok(l)
        }
        Err(e) => {
            log(&format!("Wegwijzer: cached content refused: {e}"));
            storage::cache_clear();
            Err(e.to_string())
        }
    }
}

/// Offer the accepted files to the service worker and keep the base bundle in the page's
/// cache, two tasks after the first screen.
fn offer_later(o: &Opened, raw: &RawBundle, seen: Option<Seen>) {
    let m = o.verified.manifest.clone();
    let raw = raw.clone();
    leptos::task::spawn_local(async move {
        next_task().await;
        next_task().await;
        offer_to_service_worker(&m, &raw);
        if let Some(seen) = seen {
            cache_bundle(&raw, &seen).await;
        }
    });
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
        let bytes = fetch_capped(&format!("{}{}", base(), e.name), e.read_limit() + 1).await.map_err(|e| match e {
            FetchError::Network(s) | FetchError::Rejected(s) => s,
        })?;
        Some((lang, bytes))
    };
    let raw = RawBundle { texts, ..l.raw.clone() };
    let digests = digests_of(&raw).await;
    let (o, _) = open_in_steps(Opening::new(&raw, &keys, None, now(), Mode::Cached, digests.as_ref())).await.map_err(|e| e.to_string())?;
    offer_later(&o, &raw, None);
    Ok(Arc::new(Loaded { fallback: l.fallback, ..loaded(o, raw, None) }))
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
    digests_of(raw).await
}

async fn digests_of(raw: &RawBundle) -> Option<FileDigests> {
    let tree = sha256_webcrypto(&raw.tree).await?;
    let directory = sha256_webcrypto(&raw.directory).await?;
    let site = sha256_webcrypto(&raw.site).await?;
    let texts = match &raw.texts {
        Some((_, t)) => Some(sha256_webcrypto(t).await?),
        None => None,
    };
    Some(FileDigests { tree, directory, site, texts })
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
