//! What the app uses of Leptos, in one place: its reactive system (`reactive_graph`: signals,
//! effects, owners and their traits), its task executor (`any_spawner`) and its DOM helpers
//! (`leptos_dom`: window events, event values, animation frames). The views are `crate::dom`.
//!
//! These are the crates the `leptos` crate re-exports (`leptos::prelude`, `leptos::task`,
//! `leptos::ev`), depended on directly: `leptos` itself always links its server functions'
//! browser client, whose `wasm-streams` stream adapters are exported to JS and kept in every
//! build's function table (about 1 kB brotli of a CSR app that calls no server). Versions are
//! those of `leptos` 0.8 (Cargo.toml).

pub use leptos_dom::helpers::{
    event_target_checked, event_target_value, request_animation_frame, set_timeout_with_handle, window_event_listener, TimeoutHandle,
};
pub use reactive_graph::effect::{Effect, RenderEffect};
pub use reactive_graph::owner::{Owner, StoredValue};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::RwSignal;
/// The event types of [`window_event_listener`] (`leptos::ev`).
pub use tachys::html::event as ev;

/// Run a future on Leptos' executor (as `leptos::task::spawn_local`), started by `main`.
pub fn spawn_local(fut: impl std::future::Future<Output = ()> + 'static) {
    any_spawner::Executor::spawn_local(fut)
}
