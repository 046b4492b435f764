//! "Lees voor": the screen read aloud by the browser's own speech synthesis (no library, no
//! network; offline where the device has a voice), in the screen's language. The reading
//! itself is `src/lazy/read-aloud.js`: the heading, the texts and the options of `#main` in
//! order, one utterance per element, marking the element being read (`.reading`). This
//! module decides when: the button (shown only when the device has a voice for the
//! language), and stopping, by navigation, a language switch and, before anything else, by
//! quick exit (synchronous, here).

use crate::dom::el;
use crate::dom::El;
use crate::prelude::*;
use crate::state::Ctx;
use crate::web::document;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wegwijzer_core::Lang;

fn synth() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

/// A voice for `lang` on this device (`ar`, `ar-SA`, …).
pub fn has_voice(lang: Lang) -> bool {
    let Some(s) = synth() else { return false };
    let code = lang.code();
    s.get_voices().iter().any(|v| {
        let v: web_sys::SpeechSynthesisVoice = v.unchecked_into();
        let l = v.lang().to_ascii_lowercase();
        l == code || l.starts_with(&format!("{code}-")) || l.starts_with(&format!("{code}_"))
    })
}

fn unmark() {
    if let Ok(list) = document().query_selector_all(".reading") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = e.class_list().remove_1("reading");
            }
        }
    }
}

/// Stop reading (quick exit, navigation, a language switch).
pub fn stop(c: Ctx) {
    if !c.shell.reading.get_untracked() {
        return;
    }
    if let Some(s) = synth() {
        s.cancel();
    }
    unmark();
    c.shell.reading.set(false);
}

/// Read the screen from the top: `src/lazy/read-aloud.js` (through the loader, imported on
/// the first use: the reading is browser calls only, so it costs the first visit nothing).
/// The button says "Stop met voorlezen" until the last text has been read or [`stop`].
fn start(c: Ctx) {
    let Ok(done) = crate::web::loader::read_aloud(c.lang.get_untracked().code()) else { return };
    c.shell.reading.set(true);
    crate::prelude::spawn_local(async move {
        // Settles after the last text, or fails (the module could not be loaded); a
        // cancelled reading never settles, and `stop` has already reset the button.
        let _ = wasm_bindgen_futures::JsFuture::from(done).await;
        c.shell.reading.set(false);
    });
}

/// The "Lees voor" / "Stop met voorlezen" button, when the device has a voice for the language.
pub fn button(c: Ctx) -> El {
    // Voices load asynchronously in some browsers: re-check when they change.
    let voices = RwSignal::new(0u32);
    if let Some(s) = synth() {
        let f = Closure::<dyn FnMut()>::new(move || voices.update(|v| *v += 1));
        s.set_onvoiceschanged(Some(f.as_ref().unchecked_ref()));
        f.forget();
    }
    // Navigation and a language switch stop reading (`app::document_title` calls `stop`).
    el("button")
        .attr("type", "button")
        .class("read-aloud link")
        .dyn_attr("hidden", move || {
            voices.track();
            (!has_voice(c.lang.get())).then(String::new)
        })
        .dyn_attr("aria-pressed", move || Some(c.shell.reading.get().to_string()))
        .on_click(move |_| if c.shell.reading.get_untracked() { stop(c) } else { start(c) })
        .dyn_text(move || if c.shell.reading.get() { c.ui().stop_reading } else { c.ui().read_aloud }.into())
}
