//! Wegwijzer browser app entry point (Leptos CSR). Native builds compile to a stub so
//! `cargo test --workspace` works without the wasm target.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| leptos::view! { <p>"Wegwijzer"</p> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Wegwijzer app runs in the browser: use `cargo xtask serve`.");
}
