//! Start-up and failure: the static first screen in index.html before and after the app.

use crate::web::document;

/// Never a blank page: show the static failure screen from index.html, which carries the
/// helpdesk and crisis numbers. (Release builds abort on a panic, a wasm trap; the loader in
/// index.html catches that and shows the same screen, see tools/postbuild.mjs.)
pub fn show_fatal() {
    // Not `web::document()`: this runs in the panic hook, so it must not panic itself.
    let Some(d) = web_sys::window().and_then(|w| w.document()) else { return };
    for id in ["app", "static-shell"] {
        if let Some(e) = d.get_element_by_id(id) {
            e.remove();
        }
    }
    for id in ["fatal", "static-help"] {
        if let Some(e) = d.get_element_by_id(id) {
            let _ = e.remove_attribute("hidden");
        }
    }
}

/// A tap on the static first screen before wasm arrived (see index.html): `__wwEarly`
/// holds the choice, `__wwLang` the language.
pub fn take_early_click(name: &str) -> Option<String> {
    let w = web_sys::window()?;
    let v = js_sys::Reflect::get(&w, &name.into()).ok()?;
    let _ = js_sys::Reflect::delete_property(&w, &name.into());
    v.as_string()
}

/// Remove the static first screen once the app renders; on failure keep its help block.
pub fn retire_static_shell(failed: bool) {
    let d = document();
    if let Some(s) = d.get_element_by_id("static-shell") {
        s.remove();
    }
    // #app stays hidden while loading, so swapping static for live is no layout shift.
    if let Some(a) = d.get_element_by_id("app") {
        let _ = a.remove_attribute("hidden");
    }
    if let Some(h) = d.get_element_by_id("static-help") {
        if failed {
            let _ = h.remove_attribute("hidden");
        } else {
            let _ = h.set_attribute("hidden", "");
        }
    }
}
