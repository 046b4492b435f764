//! Embed mode: options from the query string (allow-listed), and height messages to the
//! host page. Messages go only to the exact origin named by `embed.js` and carry only a
//! height; a host at another origin never receives them (the browser drops them).

use crate::web::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The query options (parsed by the core: `wegwijzer_core::embed`, which also says which
/// options only an embedding page may set and why).
pub type Config = wegwijzer_core::embed::Options;

fn warn(msg: &str) {
    web_sys::console::warn_1(&format!("Wegwijzer: {msg}").into());
}

/// The app runs inside a frame: `window.top !== window`.
pub fn framed() -> bool {
    let Some(w) = web_sys::window() else { return false };
    w.top().ok().flatten().is_some_and(|t| !js_sys::Object::is(&t, &w))
}

/// The options of this page's URL. Top-level, `exit`, `embed`, `compact` and `origin` are
/// ignored with a warning: a link can never choose where quick exit goes.
pub fn from_location() -> Config {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (cfg, warnings) = Config::parse(&search, framed());
    for (before, key, after) in warnings {
        // "Wegwijzer: ignored option `exit`: only an embedding page can set it (…)"
        let parts = js_sys::Array::of4(&"Wegwijzer: ".into(), &before.into(), &key.into(), &after.into());
        web_sys::console::warn_1(&parts.join("").into());
    }
    cfg
}

/// The height of the content, not of the frame: `<html>`'s own box (the root element is a
/// block formatting context, so it includes every margin). `scrollHeight` would never let
/// the frame shrink, as it is at least the frame's own height.
fn content_height() -> Option<i32> {
    let root = document().document_element()?;
    Some(root.get_bounding_client_rect().height().ceil() as i32)
}

fn post_height(origin: &str) {
    let Some(w) = web_sys::window() else { return };
    let Some(parent) = w.parent().ok().flatten() else { return };
    if js_sys::Object::is(&parent, &w) {
        return; // not framed
    }
    let Some(height) = content_height().filter(|h| *h > 0) else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"wegwijzer:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    // Exact target origin: a host at any other origin never receives it.
    let _ = parent.post_message(&msg, origin);
}

/// Embedded layout and height messages, when the embedding page asked for them.
pub fn init(cfg: &Config) {
    if !cfg.embed {
        return;
    }
    let d = document();
    if let Some(root) = d.document_element() {
        let _ = root.class_list().add_1("embedded");
    }
    let Some(origin) = cfg.origin.clone() else {
        warn("embed mode without a valid `origin`: the frame cannot report its height");
        return;
    };
    let o2 = origin.clone();
    let cb = Closure::<dyn FnMut()>::new(move || post_height(&o2));
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        if let Some(root) = d.document_element() {
            obs.observe(&root);
        }
        if let Some(body) = d.body() {
            obs.observe(&body);
        }
        std::mem::forget(obs);
    }
    cb.forget();
    post_height(&origin);
}
