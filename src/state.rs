//! The app's state and its transitions, apart from any view: `Ctx` (signals), navigation
//! (`go`, `replace`, `back`, `history_index`, the effective route), answering, restart,
//! consent and persistence, loading the content. Pages and components import this module;
//! it imports no page, component or `app` (see the layering in ARCHITECTURE.md).

use crate::boot;
use crate::content::{self, Fallback, Loaded};
use crate::i18n::{ui, Ui};
use crate::prelude::*;
use crate::route::Route;
use crate::storage;
use crate::web::{next_task, now};
use std::sync::Arc;
use wegwijzer_core::embed::Options;
use wegwijzer_core::progress::{self, Restored};
use wegwijzer_core::walker::{route_to, Walk};
use wegwijzer_core::Lang;

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

/// Persistence policy: what may be stored on this device.
#[derive(Clone, Copy)]
pub struct Keep {
    /// The user opted in to remembering answers on this device.
    pub consent: RwSignal<bool>,
    /// Device storage works (false when blocked, partitioned away or full).
    pub storage_ok: RwSignal<bool>,
}

/// Transient state of the shell around the pages.
#[derive(Clone, Copy)]
pub struct Shell {
    /// A polite status message (aria-live).
    pub notice: RwSignal<Option<String>>,
    pub offline: RwSignal<bool>,
    /// A new service worker waits (`pwa::init` sets it).
    pub update_ready: RwSignal<bool>,
    /// Shift presses counted towards quick exit (0–2).
    pub shift_count: RwSignal<u32>,
    /// "Lees voor" is speaking.
    pub reading: RwSignal<bool>,
    /// The browser's preferred language, offered once (never applied without a tap).
    pub lang_offer: RwSignal<Option<Lang>>,
}

/// Navigation bookkeeping (private: only the transitions below change it).
#[derive(Clone, Copy)]
struct Nav {
    /// Increments on every navigation, so focus moves only after one (not on first load).
    navs: RwSignal<u32>,
    /// The route of each history entry the app knows, by `history_index` (for a back link
    /// that behaves like the browser's Back).
    trail: StoredValue<Vec<Option<Route>>>,
    /// Where the user was when they opened "Ben je nu in gevaar?" (the way back).
    crisis_from: StoredValue<Option<Route>>,
}

/// Shared state. Signals are `Copy`, so the context is too. Domain state (language, route,
/// content, the two walks, a resume offer, a chosen topic) is at the top; persistence policy
/// in `keep`, the shell's transients in `shell`.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    /// The route as the URL says; pages render `effective_route`.
    pub route: RwSignal<Route>,
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub load: RwSignal<LoadState>,
    pub main: RwSignal<Walk>,
    pub crisis: RwSignal<Walk>,
    pub resume: RwSignal<Option<Resume>>,
    /// A topic chosen in the search before the audience is known: the start question's
    /// audience buttons then lead straight to it.
    pub topic: RwSignal<Option<String>>,
    /// The query options (the embedding page's choices).
    pub embed: StoredValue<Options>,
    pub keep: Keep,
    pub shell: Shell,
    nav: Nav,
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

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

impl Ctx {
    /// The state at start-up: the route from the URL, the language of this tab (or the
    /// embedding page's), consent given on an earlier visit that has not expired.
    pub fn new(cfg: Options) -> Ctx {
        let route0 = Route::parse(&location_hash());
        let storage_ok = storage::available();
        let lang0 = storage::tab_get(storage::TAB_LANG).and_then(|l| Lang::parse(&l)).or(cfg.lang).unwrap_or(Lang::Nl);
        let consent0 = storage_ok && storage::get(storage::CONSENT).and_then(|v| v.parse::<i64>().ok()).is_some_and(|exp| exp > now());
        let c = Ctx {
            lang: RwSignal::new(lang0),
            route: RwSignal::new(route0),
            loaded: RwSignal::new(None),
            load: RwSignal::new(LoadState::Loading),
            main: RwSignal::new(Walk::new("")),
            crisis: RwSignal::new(Walk::new("")),
            resume: RwSignal::new(None),
            topic: RwSignal::new(None),
            embed: StoredValue::new(cfg),
            keep: Keep { consent: RwSignal::new(consent0), storage_ok: RwSignal::new(storage_ok) },
            shell: Shell {
                notice: RwSignal::new(None),
                offline: RwSignal::new(false),
                update_ready: RwSignal::new(false),
                shift_count: RwSignal::new(0),
                reading: RwSignal::new(false),
                lang_offer: RwSignal::new(None),
            },
            nav: Nav { navs: RwSignal::new(0), trail: StoredValue::new(Vec::new()), crisis_from: StoredValue::new(None) },
        };
        c.note_trail(route0);
        if !storage_ok {
            // Blocked or partitioned storage (a cross-site frame, strict privacy settings): say so.
            c.say(ui(lang0).storage_unavailable);
        }
        c
    }

    /// The interface strings in the current language (tracked: views that use them follow a
    /// language switch and the content that brings that language's strings).
    pub fn ui(&self) -> &'static Ui {
        self.loaded.track();
        ui(self.lang.get())
    }

    /// The number of navigations so far (tracked): focus moves to the new h1 after one.
    pub fn navs(&self) -> u32 {
        self.nav.navs.get()
    }

    /// The walk a route shows: the crisis walk on `#/nood/n`, else the main one.
    pub fn walk_of(&self, crisis: bool) -> RwSignal<Walk> {
        if crisis {
            self.crisis
        } else {
            self.main
        }
    }

    /// The route to render (tracked): a step that does not exist (yet) becomes the furthest
    /// step of its walk (`Walk::clamp_step`). Before content has loaded, the route as it is.
    /// A method, not a `Memo`: the routed region is its only reader (docs/benchmarks.md on
    /// `Memo`'s code size).
    pub fn effective_route(&self) -> Route {
        let r = self.route.get();
        let (crisis, n) = match r {
            Route::Step(n) => (false, n),
            Route::Crisis(n) => (true, n),
            _ => return r,
        };
        let walk = self.walk_of(crisis);
        self.loaded.with(|l| match l {
            Some(l) => {
                let m = walk.with(|w| w.clamp_step(&l.content, n));
                if crisis {
                    Route::Crisis(m)
                } else {
                    Route::Step(m)
                }
            }
            None => r,
        })
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
        self.nav.navs.update(|n| *n += 1);
        self.route.set(r);
    }

    fn note_trail(&self, r: Route) {
        let i = history_index() as usize;
        self.nav.trail.update_value(|t| {
            t.resize(i, None);
            t.push(Some(r));
        });
    }

    /// The browser moved in history (Back/Forward): follow its URL.
    pub fn follow_location(&self) {
        let r = Route::parse(&location_hash());
        self.note_trail(r);
        self.nav.navs.update(|n| *n += 1);
        self.route.set(r);
    }

    /// The in-app back link: when the previous history entry is `target`, go back in
    /// history (as the browser's Back would), else go to `target` as a new entry.
    pub fn back(&self, target: Route) {
        let i = history_index() as usize;
        let prev = self.nav.trail.with_value(|t| i.checked_sub(1).and_then(|j| t.get(j).copied().flatten()));
        if prev == Some(target) {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                if h.back().is_ok() {
                    return;
                }
            }
        }
        self.go(target);
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

    /// The effective route, with the URL kept equal to it: `#/stap/9` on a walk of four steps
    /// becomes `#/stap/4` (replaced, no new history entry). Tracked: the app calls it from its
    /// title effect (one effect less than an effect of its own: each costs the wasm code).
    pub fn sync_route(&self) -> Route {
        let shown = self.effective_route();
        if shown != self.route.get_untracked() {
            self.replace(shown);
        }
        shown
    }

    /// "Ben je nu in gevaar?", remembering where the user was.
    pub fn open_crisis(&self) {
        let here = self.route.get_untracked();
        if !matches!(here, Route::Crisis(_)) {
            self.nav.crisis_from.set_value(Some(here));
        }
        self.go(Route::Crisis(1));
    }

    /// The way back from the crisis walk: where the user was, else the main walk's step.
    pub fn crisis_way_back(&self) -> Route {
        self.nav.crisis_from.get_value().unwrap_or_else(|| Route::Step(self.main.get_untracked().step_number()))
    }

    pub fn say(&self, msg: impl Into<String>) {
        self.shell.notice.set(Some(msg.into()));
    }

    /// Answer the node shown at step `n` of a walk (the core decides: extend or change and
    /// prune), say when something was pruned, and go to step n+1.
    pub fn choose(&self, crisis: bool, n: usize, node_id: &str, choice: &str) {
        let Some(l) = self.loaded.get_untracked() else { return };
        let sig = self.walk_of(crisis);
        let mut w = sig.get_untracked();
        match w.choose(&l.content, n, node_id, choice) {
            Ok(pruned) => {
                if !pruned.is_empty() {
                    self.say(self.ui().pruned);
                }
                sig.set(w);
                self.go(if crisis { Route::Crisis(n + 1) } else { Route::Step(n + 1) });
            }
            Err(e) => web_sys::console::warn_1(&format!("Wegwijzer: {e}").into()),
        }
    }

    /// Go to a topic's entry for an audience, as if clicked there. False when the topic has
    /// no entry for that audience.
    pub fn jump(&self, topic: &str, aud: &str) -> bool {
        let Some(l) = self.loaded.get_untracked() else { return false };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == topic) else { return false };
        let Some(target) = t.entry.get(aud) else { return false };
        let Some(answers) = route_to(&l.content, &l.content.tree.start, aud, target) else { return false };
        let w = Walk { entry: l.content.tree.start.clone(), answers };
        let n = w.step_number();
        self.topic.set(None);
        self.main.set(w);
        self.go(Route::Step(n));
        true
    }

    /// "Ja, ga verder" on a resume offer: that walk and language, at its step.
    pub fn resume_walk(&self, r: Resume) {
        let n = r.walk.step_number();
        self.main.set(r.walk);
        self.lang.set(r.lang);
        self.resume.set(None);
        if r.dropped > 0 {
            self.say(self.ui().resume_updated);
        }
        self.go(Route::Step(n));
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
        self.keep.consent.set(false);
        self.resume.set(None);
        self.topic.set(None);
        self.go(Route::Step(1));
        let u = ui(self.lang.get_untracked());
        self.say(if wipe { u.wiped } else { u.restarted });
    }

    /// "Wis mijn gegevens": erase everything stored and forget consent.
    pub fn wipe(&self) {
        storage::wipe_all();
        self.keep.consent.set(false);
        self.resume.set(None);
    }

    /// Quick exit's part of the state: everything the user entered is forgotten (the
    /// storage is erased by `quick_exit` itself, synchronously, before it navigates).
    pub fn forget_all(&self) {
        self.keep.consent.set(false);
        self.resume.set(None);
        self.main.update(|w| w.answers.clear());
        self.crisis.update(|w| w.answers.clear());
        self.shell.notice.set(None);
    }

    /// "Zet uit" on the saving line: stop remembering on this device.
    pub fn stop_saving(&self) {
        self.keep.consent.set(false);
        self.say(self.ui().saving_off);
    }

    /// The walk is (or may be) session-only: never stored, and consent cannot be given on it.
    pub fn is_sensitive(&self) -> bool {
        self.main.with(|w| self.loaded.with(|l| l.as_ref().is_none_or(|l| w.is_sensitive(&l.content))))
    }

    /// Persistence, as one effect (`dom::effect`): this tab's walk and language (sessionStorage, gone with the tab,
    /// erased by quick exit; a reload or a discarded tab comes back where it was), and, only
    /// with consent, the walk on the device. A session-only walk is written nowhere, not even
    /// to the tab: browsers restore sessionStorage when a closed tab is reopened.
    pub fn persist(&self) {
        let c = *self;
        crate::dom::effect(move || {
            let walk = c.main.get();
            let lang = c.lang.get();
            let consent = c.keep.consent.get();
            let Some(l) = c.loaded.get() else { return };
            let saved =
                progress::save(&l.content, &walk, lang, l.version, now(), progress::MAX_AGE_SECS).filter(|_| !walk.answers.is_empty());
            storage::tab_set(storage::TAB_LANG, Some(lang.code()));
            storage::tab_set(storage::TAB_WALK, saved.as_deref());
            if !consent || !c.keep.storage_ok.get_untracked() {
                storage::remove(storage::PROGRESS);
                storage::remove(storage::CONSENT);
                return;
            }
            let exp = now() + progress::MAX_AGE_SECS;
            let ok = storage::set(storage::CONSENT, &exp.to_string());
            match saved {
                Some(s) => {
                    if !(ok && storage::set(storage::PROGRESS, &s)) {
                        c.keep.storage_ok.set(false);
                    }
                }
                None => storage::remove(storage::PROGRESS),
            }
        });
    }

    /// The content follows the language: a switch fetches that language's overlay and opens
    /// the bundle again (texts and interface strings come with it). A language the content
    /// does not offer (a stale embed option, an old tab) falls back to Dutch. Called from the
    /// shell's effect (`app::document_title`), which tracks the language and the content.
    pub fn sync_language(&self) {
        let c = *self;
        let lang = c.lang.get();
        let Some(l) = c.loaded.get() else { return };
        if l.lang == lang {
            return;
        }
        if l.content.site.language(lang).is_none() {
            c.lang.set(Lang::Nl);
            return;
        }
        crate::prelude::spawn_local(async move {
            match content::switch_language(&l, lang).await {
                Ok(x) if c.lang.get_untracked() == lang => c.loaded.set(Some(x)),
                Ok(_) => {}
                Err(e) => {
                    // Stay in the language on screen, and say so in it.
                    web_sys::console::warn_1(&format!("Wegwijzer: language {}: {e}", lang.code()).into());
                    if c.lang.get_untracked() == lang {
                        c.lang.set(l.lang);
                    }
                    c.say(ui(l.lang).lang_unavailable);
                }
            }
        });
    }

    /// Load the content and set up the walks: this tab's walk after a reload, a click made
    /// on the static first screen, the embedding page's audience, saved progress (with consent).
    pub fn load_content(&self) {
        let c = *self;
        crate::prelude::spawn_local(async move {
            match content::load(c.lang.get_untracked()).await {
                Ok(l) => {
                    next_task().await;
                    c.loaded_content(l);
                    boot::retire_static_shell(false);
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("Wegwijzer: {e}").into());
                    c.load.set(LoadState::Failed(e));
                    boot::retire_static_shell(true);
                }
            }
        });
    }

    fn loaded_content(&self, l: Arc<Loaded>) {
        let c = *self;
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
        if boot::take_early_click("__wwLang").as_deref() == Some("en") {
            c.lang.set(Lang::En);
        }
        // A click on the static first screen before the app took over.
        if let Some(choice) = boot::take_early_click("__wwEarly") {
            main = Walk::new(&tree.start);
            if choice == "crisis" {
                c.go(Route::Crisis(1));
            } else if main.answer(&l.content, &choice).is_ok() {
                c.go(Route::Step(2));
            }
        } else if let Some(a) = c.embed.with_value(|e| e.audience).filter(|_| !restored) {
            let _ = main.answer(&l.content, a.id());
        }
        if c.keep.consent.get_untracked() {
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
        // The browser's language, if the content has it and this tab has not chosen or been
        // offered one: offered once, never applied silently.
        if storage::tab_get(storage::TAB_LANG).is_none()
            && storage::tab_get(storage::TAB_OFFERED).is_none()
            && c.embed.with_value(|e| e.lang.is_none())
        {
            let pref = web_sys::window().and_then(|w| w.navigator().language()).and_then(|l| Lang::parse(l.get(..2).unwrap_or("")));
            if let Some(p) = pref.filter(|p| *p != c.lang.get_untracked() && l.content.site.language(*p).is_some()) {
                storage::tab_set(storage::TAB_OFFERED, Some("1"));
                c.shell.lang_offer.set(Some(p));
            }
        }
        c.crisis.set(Walk::new(&tree.crisis));
        c.main.set(main);
        c.loaded.set(Some(l));
        c.load.set(LoadState::Ready);
    }
}
