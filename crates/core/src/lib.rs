//! Wegwijzer core: everything the app decides, as pure Rust with no web dependencies.
//!
//! - [`model`]: the content model (tree + directory), as in `content/schema/`.
//! - [`load`]: parse the JSON documents with precise errors (`parse_*`: serde, for the CLI,
//!   with the `serde` feature; `read_*`/`decode_*`: [`json`], the browser).
//! - [`json`]: the small strict JSON reader/writer the browser build uses instead of serde_json.
//! - [`lint`]: every content rule; the CLI refuses to sign content with errors.
//! - [`walker`]: answers → current node; deterministic back, change + prune.
//! - [`progress`]: save/restore progress against a content version.
//! - [`manifest`]: signed-manifest rules (minisign, rollback, freeze, hashes, caps, rotation).
//! - [`time`], [`hours`]: RFC 3339, Europe/Amsterdam, "nu open / nu gesloten".
//! - [`markup`]: the tiny safe text markup, parsed into nodes (never HTML).
//! - [`graph`]: Mermaid/DOT and stats of the tree.
//! - [`route`], [`embed`]: the app's hash routes and its query options (who may set which).

pub mod bundle;
pub mod embed;
pub mod graph;
pub mod hours;
pub mod i18n;
pub mod json;
pub mod lint;
pub mod load;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod present;
pub mod progress;
pub mod route;
#[cfg(feature = "full-lint")]
pub mod scenarios;
pub mod time;
pub mod ui;
pub mod walker;
pub mod words;

pub use model::*;

/// A string-keyed map of the model and the manifest (`ui`, `ui_lists`, a topic's `entry`,
/// the manifest's `files`): sorted by key like a `BTreeMap`, on a `Vec` (`litemap`), which
/// costs the wasm far less code per value type. The maps hold tens of keys.
pub type Map<V> = litemap::LiteMap<String, V>;

/// The text of an error for people: in full with `full-lint` (the CLI and its lint, for the
/// content team); empty in the browser build, which only needs to know THAT something was
/// refused (it logs the kind). Their strings, and other crates' error formatting they pull in,
/// cost the wasm bytes and are never shown there.
#[inline(always)]
pub(crate) fn why(text: impl FnOnce() -> String) -> String {
    if cfg!(feature = "full-lint") {
        text()
    } else {
        String::new()
    }
}
