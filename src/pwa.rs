//! The service worker from the app's side: register (top-level window only), show
//! "Nieuwe versie beschikbaar — vernieuwen" when a new version waits, and on click tell
//! it to take over and reload once. Never skips waiting on its own.

use crate::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REG: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    static RELOADING: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let w = web_sys::window()?;
    let nav = w.navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return None;
    }
    Some(nav.service_worker())
}

fn top_level() -> bool {
    web_sys::window().is_some_and(|w| w.top().ok().flatten().is_some_and(|t| js_sys::Object::is(&t, &w)))
}

/// Show the prompt once `sw` is installed and waiting while another worker controls the page
/// (on a first visit there is nothing to update: the new worker simply takes over).
fn track_installing(update_ready: RwSignal<bool>, sw: web_sys::ServiceWorker) {
    let sw2 = sw.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        let has_controller = container().and_then(|s| s.controller()).is_some();
        if sw2.state() == ServiceWorkerState::Installed && has_controller {
            update_ready.set(true);
        }
    });
    sw.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

fn watch(update_ready: RwSignal<bool>, reg: &ServiceWorkerRegistration, sw: &ServiceWorkerContainer) {
    if reg.waiting().is_some() && sw.controller().is_some() {
        update_ready.set(true);
    }
    // An update found before we got here (the browser checks on every navigation).
    if let Some(inst) = reg.installing() {
        track_installing(update_ready, inst);
    }
    let reg2 = reg.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(inst) = reg2.installing() {
            track_installing(update_ready, inst);
        }
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// Register the worker (top-level only); `update_ready` turns true when a new version waits.
pub fn init(update_ready: RwSignal<bool>) {
    if !top_level() {
        return;
    }
    let Some(sw) = container() else { return };
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if RELOADING.with(|r| r.replace(false)) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    sw.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    // Under Trusted Types `register` takes a TrustedScriptURL: the loader's policy made one for
    // exactly "sw.js" (tools/postbuild.mjs); without Trusted Types it is the plain string.
    let url = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"wegwijzerSwUrl".into()).ok())
        .filter(|u| !u.is_undefined())
        .unwrap_or_else(|| "sw.js".into());
    let register = js_sys::Reflect::get(&sw, &"register".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(p) = register.and_then(|f| f.call1(&sw, &url).ok()).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) else {
        web_sys::console::warn_1(&"Wegwijzer: service worker not registered".into());
        return;
    };
    crate::prelude::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(p).await {
            // Resolves to undefined when service workers are blocked (e.g. by policy).
            Ok(reg) if reg.is_undefined() || reg.is_null() => {}
            Ok(reg) => {
                let reg: ServiceWorkerRegistration = reg.unchecked_into();
                watch(update_ready, &reg, &sw);
                // Look for a new version every 30 minutes while the tab stays open.
                let reg2 = reg.clone();
                let tick = Closure::<dyn FnMut()>::new(move || {
                    let _ = reg2.update();
                });
                if let Some(w) = web_sys::window() {
                    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 30 * 60 * 1000);
                }
                tick.forget();
                REG.with(|r| *r.borrow_mut() = Some(reg));
            }
            Err(e) => web_sys::console::warn_2(&"Wegwijzer: service worker not registered".into(), &e),
        }
    });
}

/// The user clicked "vernieuwen": activate the waiting worker, then reload once.
pub fn apply_update() {
    let waiting = REG.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(w) => {
            RELOADING.with(|r| r.set(true));
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
            let _ = w.post_message(&msg);
        }
        None => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    }
}
