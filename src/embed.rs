//! Embed mode: options from the query string (allow-listed), and height messages to the
//! host page. Messages go only to the exact origin named by `embed.js` and carry only a
//! height; a host at another origin never receives them (the browser drops them).

use crate::app::Ctx;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijzer_core::{Audience, Lang};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub embed: bool,
    pub compact: bool,
    pub lang: Option<Lang>,
    pub audience: Option<Audience>,
    /// The host page's origin, exactly `scheme://host[:port]`.
    pub origin: Option<String>,
    /// Where "Snel weg" goes, chosen by the school (`data-exit-url`); `https:` only.
    pub exit: Option<String>,
}

/// An `https:` URL without characters that could break out of it.
pub fn valid_exit(s: &str) -> bool {
    s.len() < 300
        && s.strip_prefix("https://").is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && s.chars().all(|c| c.is_ascii_graphic())
}

fn warn(msg: &str) {
    web_sys::console::warn_1(&format!("Wegwijzer: {msg}").into());
}

/// `scheme://host[:port]` with http(s) only, nothing else.
pub fn valid_origin(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)) && !r.starts_with(':'))
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

impl Config {
    pub fn parse(search: &str) -> Config {
        let mut c = Config::default();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "embed" if v == "1" => c.embed = true,
                "compact" if v == "1" => c.compact = true,
                "lang" if Lang::parse(&v).is_some() => c.lang = Lang::parse(&v),
                "audience" if Audience::parse(&v).is_some() => c.audience = Audience::parse(&v),
                "origin" if valid_origin(&v) => c.origin = Some(v),
                "exit" if valid_exit(&v) => c.exit = Some(v),
                "embed" | "compact" | "lang" | "audience" | "origin" | "exit" => warn(&format!("ignored invalid value for option `{k}`")),
                _ => warn(&format!("ignored unknown option `{k}`")),
            }
        }
        c
    }

    pub fn from_location() -> Config {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        Config::parse(&search)
    }
}

/// The height of the content, not of the frame: `<html>`'s own box (the root element is a
/// block formatting context, so it includes every margin). `scrollHeight` would never let
/// the frame shrink, as it is at least the frame's own height.
fn content_height() -> Option<i32> {
    let root = web_sys::window()?.document()?.document_element()?;
    let f = js_sys::Reflect::get(&root, &"getBoundingClientRect".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let rect = f.call0(&root).ok()?;
    let h = js_sys::Reflect::get(&rect, &"height".into()).ok()?.as_f64()?;
    Some(h.ceil() as i32)
}

fn post_height(origin: &str) {
    let Some(w) = web_sys::window() else { return };
    let Some(parent) = w.parent().ok().flatten() else { return };
    if js_sys::Object::is(&parent, &w) {
        return; // not framed
    }
    let Some(height) = content_height().filter(|h| *h > 0) else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"wegwijzer:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    // Exact target origin: a host at any other origin never receives it.
    let _ = parent.post_message(&msg, origin);
}

pub fn init(c: Ctx) {
    let cfg = c.embed.with_value(Clone::clone);
    if !cfg.embed {
        return;
    }
    if let Some(d) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = d.class_list().add_1("embedded");
    }
    let Some(origin) = cfg.origin else {
        warn("embed mode without a valid `origin`: the frame cannot report its height");
        return;
    };
    let o2 = origin.clone();
    let cb = Closure::<dyn FnMut()>::new(move || post_height(&o2));
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = d.document_element() {
                obs.observe(&root);
            }
            if let Some(body) = d.body() {
                obs.observe(&body);
            }
        }
        std::mem::forget(obs);
    }
    cb.forget();
    post_height(&origin);
}
