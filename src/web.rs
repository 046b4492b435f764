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

/// The functions the loader in `index.html` defines for the app (tools/postbuild.mjs), as typed
/// imports: a call is `Err` when the loader is not there (a page without it), never a crash.
pub mod loader {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `wegwijzerEd25519(key, message, signature)`: a promise of whether the Ed25519
        /// signature holds (WebCrypto, or the `@noble/ed25519` fallback where WebCrypto has no
        /// Ed25519). Pass copies (`Uint8Array::from`): the check is asynchronous.
        #[wasm_bindgen(catch, js_name = wegwijzerEd25519)]
        pub fn ed25519(
            key: &js_sys::Uint8Array,
            message: &js_sys::Uint8Array,
            signature: &js_sys::Uint8Array,
        ) -> Result<js_sys::Promise, JsValue>;
        /// `wegwijzerKeep(message)`: post a message to the active service worker, if any.
        #[wasm_bindgen(catch, js_name = wegwijzerKeep)]
        pub fn keep(message: &js_sys::Object) -> Result<(), JsValue>;
        /// `wegwijzerRead(lang)`: read the screen aloud (`src/lazy/read-aloud.js`, imported on
        /// the first use); the promise settles when the last text has been read, and never
        /// when reading was cancelled.
        #[wasm_bindgen(catch, js_name = wegwijzerRead)]
        pub fn read_aloud(lang: &str) -> Result<js_sys::Promise, JsValue>;
        /// `wegwijzerSchools(root)`: make the embed-code form of "Voor scholen" work
        /// (`src/lazy/schools.js`, imported when that page opens).
        #[wasm_bindgen(catch, js_name = wegwijzerSchools)]
        pub fn schools(root: &web_sys::Element) -> Result<js_sys::Promise, JsValue>;
        /// `wegwijzerEmbedFrame(origin)`: in a school's frame, report the content's height to
        /// the host page at `origin` from now on (`src/lazy/embed-frame.js`).
        #[wasm_bindgen(catch, js_name = wegwijzerEmbedFrame)]
        pub fn embed_frame(origin: &str) -> Result<js_sys::Promise, JsValue>;
    }
}
