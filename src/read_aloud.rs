//! "Lees voor": the screen read aloud by the browser's own speech synthesis (no library, no
//! network; offline where the device has a voice), in the screen's language. It reads the
//! heading, the texts and the options of `#main` in order, one utterance per element, and
//! marks the element being read (`.reading`). Stopped by navigation, a language switch and,
//! before anything else, by quick exit. The button is shown only when the device has a voice
//! for the language.

use crate::dom::el;
use crate::dom::El;
use crate::state::Ctx;
use crate::web::document;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wegwijzer_core::Lang;

/// What is read, in document order.
const READ: &str = "#main h1, #main h2, #main h3, #main p, #main li, #main legend, #main button.option, #main a.option";

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

/// Read the screen from the top.
fn start(c: Ctx) {
    let Some(s) = synth() else { return };
    s.cancel();
    unmark();
    let lang = c.lang.get_untracked();
    let Ok(list) = document().query_selector_all(READ) else { return };
    let mut items: Vec<(web_sys::Element, String)> = Vec::new();
    for i in 0..list.length() {
        let Some(e) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        // Not inside something read already (a <p> in an <li>), not hidden.
        if items.iter().any(|(p, _)| p.contains(Some(&e))) || e.closest("[hidden], .visually-hidden").ok().flatten().is_some() {
            continue;
        }
        let t = e.text_content().unwrap_or_default();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            items.push((e, t));
        }
    }
    // The heading first, then the rest in reading order.
    if let Some(i) = items.iter().position(|(e, _)| e.tag_name() == "H1") {
        let h = items.remove(i);
        items.insert(0, h);
    }
    let n = items.len();
    if n == 0 {
        return;
    }
    c.shell.reading.set(true);
    for (i, (e, t)) in items.into_iter().enumerate() {
        let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&t) else { continue };
        u.set_lang(lang.code());
        let on = e.clone();
        let start = Closure::<dyn FnMut()>::new(move || {
            unmark();
            let _ = on.class_list().add_1("reading");
        });
        u.set_onstart(Some(start.as_ref().unchecked_ref()));
        start.forget();
        if i + 1 == n {
            let end = Closure::<dyn FnMut()>::new(move || {
                unmark();
                c.shell.reading.set(false);
            });
            u.set_onend(Some(end.as_ref().unchecked_ref()));
            end.forget();
        }
        s.speak(&u);
    }
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
