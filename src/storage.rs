//! The one place that touches browser storage. Every call catches exceptions: storage
//! may be missing, blocked in a cross-site frame, full, or throw on every call.

use wasm_bindgen::JsCast;
use web_sys::Storage;

/// Keys we write. Quick exit and "Wis mijn gegevens" remove them all.
pub const PROGRESS: &str = "ww:progress";
pub const CONSENT: &str = "ww:consent";
pub const CONTENT: &str = "ww:content";
pub const SEEN: &str = "ww:seen";

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

/// Returns false when the write failed (quota, blocked).
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// Erase everything this origin stored: local and session storage, IndexedDB databases,
/// Cache Storage. Synchronous parts first, so a quick exit that navigates away at once
/// still erases the answers; the asynchronous parts are started and left to finish.
pub fn wipe_all() {
    let Some(w) = web_sys::window() else { return };
    if let Some(s) = local() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = w.session_storage() {
        let _ = s.clear();
    }
    // IndexedDB: we do not use it, but erase any database of this origin anyway.
    if let Ok(Some(idb)) = w.indexed_db() {
        let idb2 = idb.clone();
        if let Ok(list) = js_sys::Reflect::get(&idb, &"databases".into()) {
            if let Some(f) = list.dyn_ref::<js_sys::Function>() {
                if let Ok(p) = f.call0(&idb) {
                    if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                        let cb = wasm_bindgen::closure::Closure::once(move |dbs: wasm_bindgen::JsValue| {
                            let arr = js_sys::Array::from(&dbs);
                            for db in arr.iter() {
                                if let Some(name) = js_sys::Reflect::get(&db, &"name".into()).ok().and_then(|n| n.as_string()) {
                                    let _ = idb2.delete_database(&name);
                                }
                            }
                        });
                        let _ = p.then(&cb);
                        cb.forget();
                    }
                }
            }
        }
    }
}
