//! Embed mode: options from the query string (allow-listed), and height messages to the
//! host page (`src/lazy/embed-frame.js`). Messages go only to the exact origin named by
//! `embed.js` and carry only a height; a host at another origin never receives them (the
//! browser drops them).

use crate::web::document;

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

/// Embedded layout and height messages, when the embedding page asked for them. The height
/// messages are `src/lazy/embed-frame.js` (through the loader, imported only in such a
/// frame): browser calls only, which a top-level visit need not carry.
pub fn init(cfg: &Config) {
    if !cfg.embed {
        return;
    }
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("embedded");
    }
    match &cfg.origin {
        Some(origin) => {
            let _ = crate::web::loader::embed_frame(origin);
        }
        None => warn("embed mode without a valid `origin`: the frame cannot report its height"),
    }
}
