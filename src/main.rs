//! Wegwijzer browser app entry point (Leptos CSR). Native builds compile to a stub so
//! `cargo test --workspace` works without the wasm target.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod content;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod i18n;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod pwa;
mod route;
#[cfg(target_arch = "wasm32")]
mod storage;

/// Never a blank page: show the static failure screen from index.html, which carries the
/// helpdesk and crisis numbers. (Release builds abort on a panic, a wasm trap; the loader in
/// index.html catches that and shows the same screen, see tools/postbuild.mjs.)
#[cfg(target_arch = "wasm32")]
fn show_fatal() {
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

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds only: the panic message, for developers (release builds have none).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Wegwijzer: {info}").into());
        show_fatal();
    }));
    // Mount in a task of its own: instantiating the wasm and building the app are then two
    // shorter tasks on a slow phone instead of one long one (Total Blocking Time).
    // (wasm_bindgen_futures: Leptos' executor is set up by the mount itself.)
    wasm_bindgen_futures::spawn_local(async {
        content::next_task().await;
        let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) else {
            show_fatal();
            return;
        };
        // Leptos' executor drives effects and tasks; the root owner lives as long as the page.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = leptos::prelude::Owner::new();
        let view = owner.with(app::app);
        let _ = root.append_child(&view.0);
        std::mem::forget(owner);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _ = route::Route::parse("#/");
    eprintln!("The Wegwijzer app runs in the browser: use `cargo xtask serve`.");
}
