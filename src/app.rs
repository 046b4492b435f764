//! The composition root: builds the state, starts loading, wires the browser's events, and
//! lays out the shell (quick exit, language, banners, the routed page, help block, footer).
//! Decisions live in the core and state transitions in `state`; this module only composes.

use crate::components;
use crate::dom::{effect, el, El, Nodes};
use crate::prelude::*;
use crate::route::Route;
use crate::state::{Ctx, LoadState};
use crate::{embed, pages, pwa, quick_exit, storage, web};
use wegwijzer_core::Dir;

/// Build the app (inside the root reactive owner, see `main`).
pub fn app() -> El {
    let cfg = embed::from_location();
    embed::init(&cfg);
    let class = match (cfg.embed, cfg.compact) {
        (true, true) => "ww embed compact",
        (true, false) => "ww embed",
        (false, true) => "ww compact",
        (false, false) => "ww",
    };
    if cfg.preview {
        storage::turn_off();
    }
    let c = Ctx::new(cfg);
    storage::init();
    c.load_content();
    c.persist();
    install_listeners(c);
    pwa::init(c.shell.update_ready);
    document_title(c);
    el("div")
        .class(class)
        .child(components::exit_bar(c))
        .child(components::header(c))
        .child(components::banners(c))
        .child(el("main").id("main").attr("tabindex", "-1").dyn_child(move || match c.load.get() {
            LoadState::Loading => Nodes::from(el("p").class("loading").text(c.ui().loading)),
            LoadState::Failed(_) => pages::failure(c),
            LoadState::Ready => pages::routed(c),
        }))
        .child(components::help_block(c))
        .child(components::footer(c))
}

/// `<html lang>`, and the document title: neutral, never a topic or an answer. Also keeps
/// the URL on the effective route (`Ctx::sync_route`), and after each navigation moves focus
/// to the new h1 (not on first load: quick exit stays the first Tab stop). One effect: each
/// effect costs the wasm a closure of its own (`dom::effect`).
fn document_title(c: Ctx) {
    // The navigation count of the previous run (None before the first).
    let mut prev: Option<u32> = None;
    effect(move || {
        let navs = c.navs();
        if prev.is_some_and(|p| p != navs) {
            request_animation_frame(|| web::focus("#main h1"));
        }
        let lang = c.lang.get();
        // The content follows the language (fetching that language's overlay), and reading
        // aloud stops on navigation and on a language switch.
        c.sync_language();
        if prev.is_some() {
            crate::read_aloud::stop(c);
        }
        let u = c.ui();
        let title = match c.sync_route() {
            r @ (Route::Step(n) | Route::Crisis(n)) => {
                let walk = c.walk_of(matches!(r, Route::Crisis(_)));
                let outcome = c.loaded.with(|l| l.as_ref().is_some_and(|l| walk.with(|w| w.is_outcome_at(&l.content, n))));
                if outcome {
                    u.outcome_title.to_string()
                } else {
                    format!("{} {n}", u.step)
                }
            }
            Route::Summary => u.answers_title.into(),
            Route::Organisations => u.nav_orgs.into(),
            Route::Overview => u.nav_overview.into(),
            Route::Safety => u.nav_safety.into(),
            Route::Accessibility => u.nav_a11y.into(),
            Route::About => u.nav_about.into(),
            Route::Schools => u.nav_schools.into(),
        };
        let d = web::document();
        d.set_title(&format!("{title} — Wegwijzer"));
        // Only on a change: setting `lang` on <html>, even to the same value, makes the
        // browser recompute the style of the whole document on every step.
        if let Some(h) = d.document_element() {
            if h.get_attribute("lang").as_deref() != Some(lang.code()) {
                let _ = h.set_attribute("lang", lang.code());
            }
            // `dir` from the content's language list (Arabic is right to left), and which
            // language's texts the shown content carries (tests wait for it after a switch).
            let (rtl, content_lang) = c.loaded.with(|l| match l {
                Some(l) => (l.content.site.language(lang).is_some_and(|x| x.dir == Dir::Rtl), l.lang.code().to_string()),
                None => (false, String::new()),
            });
            let dir = if rtl { "rtl" } else { "ltr" };
            for (k, v) in [("dir", dir), ("data-content-lang", content_lang.as_str())] {
                if h.get_attribute(k).as_deref() != Some(v) {
                    let _ = h.set_attribute(k, v);
                }
            }
        }
        prev = Some(navs);
    });
}

/// Browser Back/Forward, Shift ×3, online/offline.
fn install_listeners(c: Ctx) {
    let _ = window_event_listener(crate::prelude::ev::popstate, move |_| c.follow_location());
    quick_exit::listen_for_shift(c);
    let offline = c.shell.offline;
    offline.set(!web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true));
    let _ = window_event_listener(crate::prelude::ev::online, move |_| offline.set(false));
    let _ = window_event_listener(crate::prelude::ev::offline, move |_| offline.set(true));
}
