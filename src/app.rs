//! The root component: shared state, layout (quick exit, language, help block on every
//! screen), routing, titles and focus, persistence with consent. Pages only render.

use crate::content::{self, Fallback, Loaded};
use crate::i18n::{ui, Ui};
use crate::route::Route;
use crate::{components, embed, pages, pwa, storage};
use leptos::prelude::*;
use std::sync::Arc;
use wegwijzer_core::progress::{self, Restored};
use wegwijzer_core::walker::Walk;
use wegwijzer_core::{Lang, Node};

/// What the app is showing while content loads.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(String),
}

/// A resume offer found at start-up (only with consent given on an earlier visit).
#[derive(Clone, Debug, PartialEq)]
pub struct Resume {
    pub walk: Walk,
    pub lang: Lang,
    pub dropped: usize,
}

/// Shared state. Signals are `Copy`, so the context is too.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub state: RwSignal<LoadState>,
    pub main: RwSignal<Walk>,
    pub crisis: RwSignal<Walk>,
    pub route: RwSignal<Route>,
    /// The user opted in to remembering answers on this device.
    pub consent: RwSignal<bool>,
    pub storage_ok: RwSignal<bool>,
    /// A polite status message (aria-live).
    pub notice: RwSignal<Option<String>>,
    pub resume: RwSignal<Option<Resume>>,
    pub embed: StoredValue<embed::Config>,
    pub offline: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    /// Shift presses counted towards quick exit (0–2).
    pub shift_count: RwSignal<u8>,
    /// Increments on every navigation, so focus moves only after one (not on first load).
    pub navs: RwSignal<u32>,
    /// The route of each history entry the app knows, by `history_index` (for a back link
    /// that behaves like the browser's Back).
    pub trail: StoredValue<Vec<Option<Route>>>,
    /// Where the user was when they opened "Ben je nu in gevaar?" (the way back).
    pub crisis_from: StoredValue<Option<Route>>,
    /// A topic chosen in the search before the audience is known: the start question's
    /// audience buttons then lead straight to it.
    pub topic: RwSignal<Option<String>>,
}

impl Ctx {
    pub fn ui(&self) -> &'static Ui {
        ui(self.lang.get())
    }

    /// Go to a route, adding a history entry so the browser Back button works. The entry's
    /// state is its index among the app's own entries (see `history_index`).
    pub fn go(&self, r: Route) {
        if let Some(w) = web_sys::window() {
            if let Ok(h) = w.history() {
                let next = history_index() + 1;
                let _ = h.push_state_with_url(&wasm_bindgen::JsValue::from(next), "", Some(&r.hash()));
            }
        }
        self.note_trail(r);
        self.navs.update(|n| *n += 1);
        self.route.set(r);
    }

    fn note_trail(&self, r: Route) {
        let i = history_index() as usize;
        self.trail.update_value(|t| {
            t.resize(i, None);
            t.push(Some(r));
        });
    }

    /// The in-app back link: when the previous history entry is `target`, go back in
    /// history (as the browser's Back would), else go to `target` as a new entry.
    pub fn back(&self, target: Route) {
        let i = history_index() as usize;
        let prev = self.trail.with_value(|t| i.checked_sub(1).and_then(|j| t.get(j).copied().flatten()));
        if prev == Some(target) {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                if h.back().is_ok() {
                    return;
                }
            }
        }
        self.go(target);
    }

    /// "Ben je nu in gevaar?", remembering where the user was.
    pub fn open_crisis(&self) {
        let here = self.route.get_untracked();
        if !matches!(here, Route::Crisis(_)) {
            self.crisis_from.set_value(Some(here));
        }
        self.go(Route::Crisis(1));
    }

    /// Replace the current history entry (used to correct an out-of-range step).
    pub fn replace(&self, r: Route) {
        if let Some(w) = web_sys::window() {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::from(history_index()), "", Some(&r.hash()));
            }
        }
        self.route.set(r);
    }

    pub fn say(&self, msg: impl Into<String>) {
        self.notice.set(Some(msg.into()));
    }

    pub fn exit_url(&self) -> String {
        if let Some(u) = self.embed.with_value(|e| e.exit.clone()) {
            return u;
        }
        self.loaded
            .with_untracked(|l| l.as_ref().map(|l| l.content.tree.always.exit_url.clone()))
            .unwrap_or_else(|| components::DEFAULT_EXIT_URL.to_string())
    }

    /// Start again as a new person: clear both walks, end saving (consent belongs to the
    /// person who gave it), and with `wipe` erase everything stored.
    pub fn restart(&self, wipe: bool) {
        if let Some(l) = self.loaded.get_untracked() {
            self.main.set(Walk::new(&l.content.tree.start));
            self.crisis.set(Walk::new(&l.content.tree.crisis));
        }
        if wipe {
            storage::wipe_all();
        }
        storage::remove(storage::PROGRESS);
        self.consent.set(false);
        self.resume.set(None);
        self.topic.set(None);
        self.go(Route::Step(1));
        let u = ui(self.lang.get_untracked());
        self.say(if wipe { u.wiped } else { u.restarted });
    }

    /// "Wis mijn gegevens": erase everything stored and forget consent.
    pub fn wipe(&self) {
        storage::wipe_all();
        self.consent.set(false);
        self.resume.set(None);
    }
}

/// How many history entries the app itself pushed before the current one (0 = the entry the
/// app was loaded in). Quick exit steps back over them so Back does not return to the app.
pub fn history_index() -> u32 {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_f64())
        .filter(|n| n.is_finite() && *n >= 0.0 && *n < 10_000.0)
        .map(|n| n as u32)
        .unwrap_or(0)
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Build the app (inside the root reactive owner, see `main`).
pub fn app() -> crate::dom::El {
    use crate::dom::el;
    let cfg = embed::from_location();
    let route0 = Route::parse(&web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default());
    let storage_ok = storage::available();
    // The language of this tab survives a reload; then the embedding page's choice.
    let lang0 = storage::tab_get(storage::TAB_LANG).and_then(|l| Lang::parse(&l)).or(cfg.lang).unwrap_or(Lang::Nl);
    let consent0 = storage_ok && storage::get(storage::CONSENT).and_then(|v| v.parse::<i64>().ok()).is_some_and(|exp| exp > now());
    let c = Ctx {
        lang: RwSignal::new(lang0),
        loaded: RwSignal::new(None),
        state: RwSignal::new(LoadState::Loading),
        main: RwSignal::new(Walk::new("")),
        crisis: RwSignal::new(Walk::new("")),
        route: RwSignal::new(route0),
        consent: RwSignal::new(consent0),
        storage_ok: RwSignal::new(storage_ok),
        notice: RwSignal::new(None),
        resume: RwSignal::new(None),
        embed: StoredValue::new(cfg),
        offline: RwSignal::new(false),
        update_ready: RwSignal::new(false),
        shift_count: RwSignal::new(0),
        navs: RwSignal::new(0),
        trail: StoredValue::new(Vec::new()),
        crisis_from: StoredValue::new(None),
        topic: RwSignal::new(None),
    };
    c.note_trail(route0);

    storage::init();
    if !storage_ok {
        // Blocked or partitioned storage (a cross-site frame, strict privacy settings): say so.
        c.say(ui(c.lang.get_untracked()).storage_unavailable);
    }
    start_loading(c);
    install_listeners(c);
    pwa::init(c);
    embed::init(c);

    // <html lang>, and the document title: neutral, never a topic or an answer.
    Effect::new(move |_| {
        let lang = c.lang.get();
        let u = ui(lang);
        let title = match c.route.get() {
            Route::Step(n) | Route::Crisis(n) => {
                let is_outcome = c.loaded.with(|l| {
                    l.as_ref().is_some_and(|l| {
                        let w = if matches!(c.route.get_untracked(), Route::Crisis(_)) { c.crisis.get() } else { c.main.get() };
                        w.path(&l.content)
                            .ok()
                            .and_then(|p| {
                                p.get(n.saturating_sub(1)).and_then(|id| l.content.node(id)).map(|n| matches!(n, Node::Outcome(_)))
                            })
                            .unwrap_or(false)
                    })
                });
                if is_outcome {
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
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&format!("{title} — Wegwijzer"));
            // Only on a change: setting `lang` on <html>, even to the same value, makes the
            // browser recompute the style of the whole document on every step.
            if let Some(h) = d.document_element() {
                if h.get_attribute("lang").as_deref() != Some(lang.code()) {
                    let _ = h.set_attribute("lang", lang.code());
                }
            }
        }
    });

    // Focus the new h1 after each navigation (not on first load: quick exit stays the first Tab stop).
    Effect::new(move |prev: Option<u32>| {
        let n = c.navs.get();
        let _ = c.route.get();
        if prev.is_some_and(|p| p != n) {
            request_animation_frame(components::focus_h1);
        }
        n
    });

    // This tab: the walk and the language survive a reload or a discarded tab (sessionStorage,
    // gone with the tab, erased by quick exit). A session-only walk is never written, not
    // even here: browsers restore sessionStorage when a closed tab is reopened.
    Effect::new(move |_| {
        let walk = c.main.get();
        let lang = c.lang.get();
        let Some(l) = c.loaded.get() else { return };
        storage::tab_set(storage::TAB_LANG, Some(lang.code()));
        let saved = progress::save(&l.content, &walk, lang, l.version, now(), progress::MAX_AGE_SECS).filter(|_| !walk.answers.is_empty());
        storage::tab_set(storage::TAB_WALK, saved.as_deref());
    });

    // Persistence: only with consent, never for session-only paths.
    Effect::new(move |_| {
        let consent = c.consent.get();
        let walk = c.main.get();
        let lang = c.lang.get();
        let Some(l) = c.loaded.get() else { return };
        if !consent || !c.storage_ok.get_untracked() {
            storage::remove(storage::PROGRESS);
            storage::remove(storage::CONSENT);
            return;
        }
        let exp = now() + progress::MAX_AGE_SECS;
        let ok = storage::set(storage::CONSENT, &exp.to_string());
        match progress::save(&l.content, &walk, lang, l.version, now(), progress::MAX_AGE_SECS) {
            Some(s) if !walk.answers.is_empty() => {
                if !(ok && storage::set(storage::PROGRESS, &s)) {
                    c.storage_ok.set(false);
                }
            }
            _ => storage::remove(storage::PROGRESS),
        }
    });

    let (embed, compact) = c.embed.with_value(|e| (e.embed, e.compact));
    let class = match (embed, compact) {
        (true, true) => "ww embed compact",
        (true, false) => "ww embed",
        (false, true) => "ww compact",
        (false, false) => "ww",
    };
    el("div")
        .class(class)
        .child(components::exit_bar(c))
        .child(components::header(c))
        .child(components::banners(c))
        .child(el("main").id("main").attr("tabindex", "-1").dyn_child(move || match c.state.get() {
            LoadState::Loading => vec![el("p").class("loading").text(c.ui().loading).into()],
            LoadState::Failed(_) => pages::failure(c),
            LoadState::Ready => pages::routed(c),
        }))
        .child(components::help_block(c))
        .child(components::footer(c))
}

fn start_loading(c: Ctx) {
    leptos::task::spawn_local(async move {
        match content::load().await {
            Ok(l) => {
                content::next_task().await;
                let tree = &l.content.tree;
                let mut main = Walk::new(&tree.start);
                let restore = |saved: &str| match progress::restore(saved, &l.content, l.version, now()) {
                    Restored::Same { walk, lang } => Some((walk, lang, 0)),
                    Restored::Updated { walk, lang, dropped } => Some((walk, lang, dropped)),
                    Restored::Expired | Restored::Invalid => None,
                };
                // This tab's walk (a reload, a discarded tab): back where it was.
                let mut restored = false;
                if let Some(w) = storage::tab_get(storage::TAB_WALK).and_then(|s| restore(&s)) {
                    main = w.0;
                    restored = true;
                }
                // "English" tapped on the static first screen before the app took over.
                if components::take_early("__wwLang").as_deref() == Some("en") {
                    c.lang.set(Lang::En);
                }
                // A click on the static first screen before the app took over.
                if let Some(choice) = components::take_early("__wwEarly") {
                    main = Walk::new(&tree.start);
                    if choice == "crisis" {
                        c.go(Route::Crisis(1));
                    } else if main.answer(&l.content, &choice).is_ok() {
                        c.go(Route::Step(2));
                    }
                } else if let Some(a) = c.embed.with_value(|e| e.audience).filter(|_| !restored) {
                    let _ = main.answer(&l.content, a.id());
                }
                if c.consent.get_untracked() {
                    match storage::get(storage::PROGRESS).map(|s| restore(&s)) {
                        // Opened at a step (#/stap/4): that person's saved walk, at once.
                        Some(Some((walk, lang, _))) if !restored && matches!(c.route.get_untracked(), Route::Step(n) if n > 1) => {
                            main = walk;
                            c.lang.set(lang);
                        }
                        Some(Some((walk, lang, dropped))) if !restored => c.resume.set(Some(Resume { walk, lang, dropped })),
                        Some(None) => storage::remove(storage::PROGRESS),
                        _ => {}
                    }
                }
                match l.fallback {
                    Some(Fallback::Offline) => c.say(ui(c.lang.get_untracked()).notice_offline_cached),
                    Some(Fallback::Rejected) => c.say(ui(c.lang.get_untracked()).notice_unverified),
                    None => {}
                }
                c.crisis.set(Walk::new(&tree.crisis));
                c.main.set(main);
                c.loaded.set(Some(l));
                c.state.set(LoadState::Ready);
                components::retire_static_shell(false);
            }
            Err(e) => {
                web_sys::console::error_1(&format!("Wegwijzer: {e}").into());
                c.state.set(LoadState::Failed(e));
                components::retire_static_shell(true);
            }
        }
    });
}

/// Browser Back/Forward, Shift ×3, online/offline.
fn install_listeners(c: Ctx) {
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let r = Route::parse(&hash);
        c.note_trail(r);
        c.navs.update(|n| *n += 1);
        c.route.set(r);
    });

    // Quick exit by Shift pressed three times; each press restarts a 5 s window.
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Shift" || ev.repeat() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let n = c.shift_count.get_untracked() + 1;
        if n >= 3 {
            c.shift_count.set(0);
            components::quick_exit(c);
            return;
        }
        c.shift_count.set(n);
        let h = set_timeout_with_handle(move || c.shift_count.set(0), std::time::Duration::from_secs(5)).ok();
        timer.set_value(h);
    });

    let nav_online = || web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    c.offline.set(!nav_online());
    let _ = window_event_listener(leptos::ev::online, move |_| c.offline.set(false));
    let _ = window_event_listener(leptos::ev::offline, move |_| c.offline.set(true));
}
