//! The one place that touches browser storage. Every call catches exceptions: storage
//! may be missing, blocked in a cross-site frame, full, or throw on every call.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbFactory, Storage};

/// Keys we write. Quick exit and "Wis mijn gegevens" remove them all.
pub const PROGRESS: &str = "ww:progress";
pub const CONSENT: &str = "ww:consent";
pub const CONTENT: &str = "ww:content";
pub const SEEN: &str = "ww:seen";
/// In sessionStorage (this tab only): the walk (never a session-only one) and the language,
/// so a reload or a discarded tab comes back where it was. Erased by quick exit.
pub const TAB_WALK: &str = "ww:tab";
pub const TAB_LANG: &str = "ww:lang";

thread_local! {
    /// IndexedDB database names of this origin, listed at start-up, so a quick exit can
    /// start deleting them synchronously (the list itself is only available asynchronously).
    static IDB_NAMES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// True when localStorage can be written and read back.
pub fn available() -> bool {
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
    leptos::task::spawn_local(async {
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

/// The synchronous part of erasing: local and session storage cleared, deletion of every
/// known IndexedDB database started. Runs before a quick exit navigates away.
pub fn wipe_sync() {
    let Some(w) = web_sys::window() else { return };
    if let Some(s) = local() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = w.session_storage() {
        let _ = s.clear();
    }
    if let Some(idb) = idb() {
        IDB_NAMES.with(|n| {
            for name in n.borrow().iter() {
                let _ = delete_db(&idb, name);
            }
        });
    }
}

/// Erase IndexedDB completely: list the databases now and wait until each deletion settled.
pub async fn wipe_idb() {
    let Some(idb) = idb() else { return };
    let waits: Vec<js_sys::Promise> = idb_names().await.iter().filter_map(|n| delete_db(&idb, n)).collect();
    IDB_NAMES.with(|n| n.borrow_mut().clear());
    if !waits.is_empty() {
        let all = js_sys::Promise::all(&waits.into_iter().collect::<js_sys::Array>());
        let _ = JsFuture::from(all).await;
    }
}

/// Erase everything this origin stored: local and session storage, IndexedDB databases.
/// Synchronous parts first; the IndexedDB listing finishes in the background.
pub fn wipe_all() {
    wipe_sync();
    leptos::task::spawn_local(wipe_idb());
}
