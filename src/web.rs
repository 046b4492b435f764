//! Small browser helpers without app state: the document, the clock, a new task, focus.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The page's document, looked up once (every module gets it from here).
pub fn document() -> web_sys::Document {
    thread_local! {
        static DOC: web_sys::Document = web_sys::window().and_then(|w| w.document()).expect("document");
    }
    DOC.with(Clone::clone)
}

/// Seconds since the Unix epoch (the core takes "now" as an argument).
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Let the browser paint and handle input before the next chunk of work (a new task), so
/// verifying the content and rendering the first screen are two shorter tasks, not one long one.
pub async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(p).await;
}

/// Move focus to the first element matching `selector` (a confirmation the user must not miss).
pub fn focus(selector: &str) {
    if let Some(h) = document().query_selector(selector).ok().flatten() {
        if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}
