//! The one place that touches browser storage. Every call catches exceptions: storage
//! may be missing, blocked in a cross-site frame, full, or throw on every call.

use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbFactory, Storage};

/// Keys we write. Quick exit and "Wis mijn gegevens" remove them all.
pub const PROGRESS: &str = "ww:progress";
pub const CONSENT: &str = "ww:consent";
pub const SEEN: &str = "ww:seen";
/// The Cache API cache with the last verified content bundle (its four files under their
/// content URLs), the offline fallback of `content.rs`. Not under the service worker's
/// `wegwijzer-` prefix: its activation deletes every other cache with that prefix.
pub const CONTENT_CACHE: &str = "ww-content";
/// In sessionStorage (this tab only): the walk (never a session-only one) and the language,
/// so a reload or a discarded tab comes back where it was. Erased by quick exit.
pub const TAB_WALK: &str = "ww:tab";
pub const TAB_LANG: &str = "ww:lang";
/// In sessionStorage: the browser's language was offered in this tab (offered once).
pub const TAB_OFFERED: &str = "ww:offered";

thread_local! {
    /// IndexedDB database names of this origin, listed at start-up, so a quick exit can
    /// start deleting them synchronously (the list itself is only available asynchronously).
    static IDB_NAMES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// Set by [`turn_off`].
    static OFF: Cell<bool> = const { Cell::new(false) };
}

/// The live preview on the app's own "Voor scholen" page (`preview=1`, which only a frame can
/// set): that frame has the app's own origin, so local and session storage are the ones of
/// the page around it (a walk in progress, the tab's language, consent). From here on reads
/// find nothing and writes are dropped: the preview starts as a first visit and changes
/// nothing. Quick exit still erases everything (`wipe_sync`).
pub fn turn_off() {
    OFF.set(true);
}

fn local() -> Option<Storage> {
    if OFF.get() {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// True when localStorage can be written and read back (in the preview: true, as a first
/// visit shows the consent checkbox; nothing is kept).
pub fn available() -> bool {
    if OFF.get() {
        return true;
    }
    let Some(s) = local() else { return false };
    let probe = "ww:probe";
    let ok = s.set_item(probe, "1").is_ok() && s.get_item(probe).ok().flatten().as_deref() == Some("1");
    let _ = s.remove_item(probe);
    ok
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

fn session() -> Option<Storage> {
    if OFF.get() {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

/// This tab's storage (sessionStorage): gone when the tab closes.
pub fn tab_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Write (`Some`) or remove (`None`) a key of this tab's storage; nothing once quick exit started.
pub fn tab_set(key: &str, value: Option<&str>) {
    let Some(s) = session() else { return };
    let _ = match value {
        Some(v) if !leaving() => s.set_item(key, v),
        _ => s.remove_item(key),
    };
}

/// True once quick exit has started (both the static first screen and the app put the
/// `cloak` class on `<html>`): from then on nothing may be written, or a content load that
/// finishes in the moments before the page is replaced would store data after the wipe.
pub fn leaving() -> bool {
    crate::web::document().document_element().is_some_and(|h| h.class_list().contains("cloak"))
}

/// Returns false when the write failed (quota, blocked) or quick exit is under way.
pub fn set(key: &str, value: &str) -> bool {
    !leaving() && local().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// The Cache API, where this context has one (secure contexts only; `undefined` elsewhere).
fn caches() -> Option<web_sys::CacheStorage> {
    let c = web_sys::window()?.caches().ok()?;
    (!c.is_undefined() && !c.is_null()).then_some(c)
}

/// A cached copy of the content file `url`, if any: from the content cache, or from the
/// service worker's content cache (the same verified files under the same URLs; `caches.match`
/// looks in every cache of the origin). Either way it is verified again before use.
pub async fn cache_get(url: &str) -> Option<web_sys::Response> {
    let hit = JsFuture::from(caches()?.match_with_str(url)).await.ok()?;
    (!hit.is_undefined() && !hit.is_null()).then(|| hit.unchecked_into())
}

/// Replace the content cache by `files` (URL, bytes). Nothing once quick exit started, and
/// the cache is dropped again when quick exit started while it was written (asynchronously).
pub async fn cache_replace(files: &[(String, &[u8])]) {
    let Some(s) = caches().filter(|_| !leaving()) else { return };
    let _ = JsFuture::from(s.delete(CONTENT_CACHE)).await;
    let Ok(cache) = JsFuture::from(s.open(CONTENT_CACHE)).await else { return };
    let cache: web_sys::Cache = cache.unchecked_into();
    let puts: js_sys::Array = files
        .iter()
        .filter_map(|(url, bytes)| {
            let resp = web_sys::Response::new_with_opt_buffer_source(Some(&js_sys::Uint8Array::from(*bytes))).ok()?;
            Some(cache.put_with_str(url, &resp))
        })
        .collect();
    let _ = JsFuture::from(js_sys::Promise::all(&puts)).await;
    if leaving() {
        cache_clear();
    }
}

/// Drop the content cache (its copy was refused).
pub fn cache_clear() {
    let _ = delete_content_cache();
}

/// Start deleting the content cache; the promise settles when it is gone.
fn delete_content_cache() -> Option<js_sys::Promise> {
    Some(caches()?.delete(CONTENT_CACHE))
}

fn idb() -> Option<IdbFactory> {
    web_sys::window()?.indexed_db().ok().flatten()
}

/// `indexedDB.databases()` names, or nothing when the browser lacks it or storage throws.
async fn idb_names() -> Vec<String> {
    let Some(idb) = idb() else { return Vec::new() };
    let Ok(f) = js_sys::Reflect::get(&idb, &"databases".into()) else { return Vec::new() };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else { return Vec::new() };
    let Ok(p) = f.call0(&idb).and_then(|p| p.dyn_into::<js_sys::Promise>()) else { return Vec::new() };
    let Ok(list) = JsFuture::from(p).await else { return Vec::new() };
    js_sys::Array::from(&list).iter().filter_map(|db| js_sys::Reflect::get(&db, &"name".into()).ok().and_then(|n| n.as_string())).collect()
}

/// Start-up: remember which IndexedDB databases exist (see `IDB_NAMES`).
pub fn init() {
    crate::prelude::spawn_local(async {
        let names = idb_names().await;
        IDB_NAMES.with(|n| *n.borrow_mut() = names);
    });
}

/// Start deleting one database; the promise settles on success, error or "blocked".
fn delete_db(idb: &IdbFactory, name: &str) -> Option<js_sys::Promise> {
    let req = idb.delete_database(name).ok()?;
    Some(js_sys::Promise::new(&mut |resolve, _| {
        for ev in ["onsuccess", "onerror", "onblocked"] {
            let _ = js_sys::Reflect::set(&req, &ev.into(), &resolve);
        }
    }))
}

/// The synchronous part of erasing: local and session storage cleared, deletion of the
/// content cache and of every known IndexedDB database started. Runs before a quick exit
/// navigates away.
pub fn wipe_sync() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(Some(s)) = w.local_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = w.session_storage() {
        let _ = s.clear();
    }
    let _ = delete_content_cache();
    if let Some(idb) = idb() {
        IDB_NAMES.with(|n| {
            for name in n.borrow().iter() {
                let _ = delete_db(&idb, name);
            }
        });
    }
}

/// Erase IndexedDB completely (list the databases now) and the content cache, and wait until
/// each deletion settled.
pub async fn wipe_async() {
    let mut waits: Vec<js_sys::Promise> = delete_content_cache().into_iter().collect();
    if let Some(idb) = idb() {
        waits.extend(idb_names().await.iter().filter_map(|n| delete_db(&idb, n)));
    }
    IDB_NAMES.with(|n| n.borrow_mut().clear());
    if !waits.is_empty() {
        let all = js_sys::Promise::all(&waits.into_iter().collect::<js_sys::Array>());
        let _ = JsFuture::from(all).await;
    }
}

/// Erase everything this origin stored: local and session storage, the content cache,
/// IndexedDB databases. Synchronous parts first; the rest finishes in the background.
pub fn wipe_all() {
    wipe_sync();
    crate::prelude::spawn_local(wipe_async());
}
