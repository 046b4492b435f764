//! Wegwijzer browser app entry point (Leptos CSR). Native builds compile to a stub so
//! `cargo test --workspace` works without the wasm target.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod boot;
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
mod prelude;
#[cfg(target_arch = "wasm32")]
mod pwa;
#[cfg(target_arch = "wasm32")]
mod quick_exit;
#[cfg(target_arch = "wasm32")]
mod read_aloud;
mod route;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds only: the panic message, for developers (release builds have none).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Wegwijzer: {info}").into());
        boot::show_fatal();
    }));
    // Mount in a task of its own: instantiating the wasm and building the app are then two
    // shorter tasks on a slow phone instead of one long one (Total Blocking Time).
    // (wasm_bindgen_futures: Leptos' executor is set up by the mount itself.)
    wasm_bindgen_futures::spawn_local(async {
        web::next_task().await;
        let Some(root) = web::document().get_element_by_id("app") else {
            boot::show_fatal();
            return;
        };
        // Leptos' executor drives effects and tasks; the root owner lives as long as the page.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = crate::prelude::Owner::new();
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

/// The built-in interface strings equal the content's (native only: it reads the files).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod boot_strings;

/// Every class the stylesheet styles is used (native only: it reads the files).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod css_classes;

/// The module layering of `src/` (native only: it reads the source files).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod layering;
