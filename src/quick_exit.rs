//! Quick exit ("Snel weg", Shift ×3): the app's most safety-critical behaviour. Cloak, neutral
//! title, erase what the app stored and what the user entered, leave for a neutral site
//! (of the top window when framed), and step back over the app's own history entries.

use crate::prelude::*;
use crate::state::{history_index, Ctx};
use crate::storage;
use crate::web::document;
use wasm_bindgen::JsCast;

/// Where quick exit goes before content (with its configured site) has loaded.
/// Keep equal to `public/embed.js`.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.nl/";

/// Where quick exit goes: the embedding page's choice (only a frame may set it,
/// `wegwijzer_core::embed`), else the content's `always.exit_url`, else `DEFAULT_EXIT_URL`.
pub fn exit_url(c: Ctx) -> String {
    if let Some(u) = c.embed.with_value(|e| e.exit.clone()) {
        return u;
    }
    c.loaded.with_untracked(|l| l.as_ref().map(|l| l.content.tree.always.exit_url.clone())).unwrap_or_else(|| DEFAULT_EXIT_URL.to_string())
}

/// Leave at once: cloak, neutral title, erase our storage and state, replace the location
/// (of the top window when framed, allowed because this runs in a user gesture).
/// Top level: first wait (at most 400 ms, behind the cloak) until IndexedDB and the content cache are erased, and
/// step back over the history entries the app pushed itself, so that Back after the replace
/// lands on the page before the app instead of an earlier screen of it.
pub fn quick_exit(c: Ctx) {
    use wasm_bindgen::closure::Closure;
    // Silence first: a voice reading the screen aloud must stop before anything else.
    if let Some(s) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        s.cancel();
    }
    let url = exit_url(c);
    let d = document();
    if let Some(h) = d.document_element() {
        let _ = h.class_list().add_1("cloak");
    }
    d.set_title("Nieuw tabblad");
    storage::wipe_sync();
    c.forget_all();
    let Some(w) = web_sys::window() else { return };
    let top = w.top().ok().flatten();
    let framed = top.as_ref().is_some_and(|t| !js_sys::Object::is(t, &w));
    if framed {
        // Synchronously, while the gesture counts (sandbox: allow-top-navigation-by-user-activation).
        if let Some(t) = &top {
            if t.location().replace(&url).is_ok() {
                crate::prelude::spawn_local(storage::wipe_async());
                return;
            }
        }
        // Top navigation refused (sandbox without it): ask embed.js on the host page, then leave the frame.
        if let Ok(Some(parent)) = w.parent() {
            if let Some(origin) = c.embed.with_value(|e| e.origin.clone()) {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"type".into(), &"wegwijzer:exit".into());
                let _ = parent.post_message(&msg, &origin);
            }
        }
        let _ = w.location().replace(&url);
        return;
    }
    let depth = history_index();
    crate::prelude::spawn_local(async move {
        let timeout = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 400);
            }
        });
        let wipe = wasm_bindgen_futures::future_to_promise(async {
            storage::wipe_async().await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&wipe, &timeout))).await;
        let Some(w) = web_sys::window() else { return };
        let leave = {
            let url = url.clone();
            move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().replace(&url);
                }
            }
        };
        let history = w.history().ok();
        match history {
            Some(h) if depth > 0 => {
                // Back over our own (same-document) entries; replace once there.
                let once = Closure::once_into_js(leave.clone());
                let _ = w.add_event_listener_with_callback("popstate", once.unchecked_ref());
                let fallback = Closure::once_into_js(leave);
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 300);
                if h.go_with_delta(-(depth as i32)).is_err() {
                    let _ = w.location().replace(&url);
                }
            }
            _ => leave(),
        }
    });
}

/// Quick exit by Shift pressed three times; each press restarts a 5 s window.
pub fn listen_for_shift(c: Ctx) {
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let count = c.shell.shift_count;
    let _ = window_event_listener(crate::prelude::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Shift" || ev.repeat() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let n = count.get_untracked() + 1;
        if n >= 3 {
            count.set(0);
            quick_exit(c);
            return;
        }
        count.set(n);
        let h = set_timeout_with_handle(move || count.set(0), std::time::Duration::from_secs(5)).ok();
        timer.set_value(h);
    });
}
