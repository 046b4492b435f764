//! A small untyped DOM builder on Leptos' reactive system (signals, effects, owners).
//!
//! The names follow `leptos::html` (`child`, `attr`, `class`, `on`, …), so a call site reads
//! like Leptos' builder syntax and a return to `view!` would be mechanical. Why not `view!`
//! or `leptos::html`: tachys gives every distinct view its own type and generates build,
//! rebuild and mount code for each one, which the app-shell size budget cannot carry (the
//! measurement is in docs/benchmarks.md, "Views on a small DOM builder"; the decision in
//! ARCHITECTURE.md). Here every element has the same type, and event handlers and reactive
//! parts are boxed once, so the code exists once.
//!
//! Semantics, kept deliberately simple:
//! - `dyn_text`/`dyn_attr`/`dyn_checked` update one text node, attribute or property in place.
//! - `dyn_child` is a region: when a signal it read changes, its nodes are replaced wholesale
//!   and everything created in the previous run (handlers, nested effects) is disposed.
//!   Keep regions small around what changes, and never put a control that keeps focus while
//!   its own region re-renders inside one (the page regions re-render on navigation, after
//!   which the app moves focus to the new h1 anyway).
//! - Everything is owned by the reactive owner current at build time, so handlers and
//!   effects are dropped with the region or page that created them.
//!
//! The unit tests (`cargo xtask test`, step "dom.rs unit tests (headless Chromium)") run in a
//! real browser with `wasm-bindgen-test`.

use crate::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wegwijzer_core::{markup, Lang, Text};

pub use web_sys::Node;

/// Nodes produced by a region.
pub type Nodes = Vec<Node>;

pub use crate::web::document;

/// An element under construction. Consumed by the builder methods and turned into a `Node`.
///
/// ```ignore
/// let p: El = el("p").class("hint").text("Tip");
/// ```
pub struct El(pub web_sys::Element);

/// A new element, like `leptos::html::div()`.
///
/// ```ignore
/// el("button").attr("type", "button").on_click(|_| {}).text("OK")
/// ```
pub fn el(tag: &str) -> El {
    El(document().create_element(tag).expect("create_element"))
}

/// A text node.
///
/// ```ignore
/// el("p").child(text_node("plain"))
/// ```
pub fn text_node(s: &str) -> Node {
    document().create_text_node(s).into()
}

impl From<El> for Node {
    fn from(e: El) -> Node {
        e.0.into()
    }
}

/// One element as region output: `Nodes::from(el("p"))`.
impl From<El> for Nodes {
    fn from(e: El) -> Nodes {
        vec![e.into()]
    }
}

/// What `El::child` accepts: an element, a node, a region's nodes, or an optional one of these.
pub trait IntoChild {
    fn append_to(self, parent: &web_sys::Element);
}

impl IntoChild for El {
    fn append_to(self, parent: &web_sys::Element) {
        let _ = parent.append_child(&self.0);
    }
}

impl IntoChild for Node {
    fn append_to(self, parent: &web_sys::Element) {
        let _ = parent.append_child(&self);
    }
}

impl IntoChild for Nodes {
    fn append_to(self, parent: &web_sys::Element) {
        for n in self {
            n.append_to(parent);
        }
    }
}

impl<T: IntoChild> IntoChild for Option<T> {
    fn append_to(self, parent: &web_sys::Element) {
        if let Some(c) = self {
            c.append_to(parent);
        }
    }
}

/// A side effect (Leptos' `Effect`: runs after rendering, again when a signal it read
/// changes). Every effect of the app goes through this one boxed closure type: each closure
/// type given to `Effect::new` costs the wasm its own copy of the effect machinery (1.5 to
/// 3 kB of code). Lives as long as the current owner. State an effect keeps from one run to
/// the next is a variable captured by the `FnMut`.
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(move |_| f());
}

/// Keep a value (an effect, a JS closure) alive exactly as long as the current owner.
fn keep<T: 'static>(v: T) {
    let _ = StoredValue::new_local(v);
}

impl El {
    /// Set an attribute.
    ///
    /// ```ignore
    /// el("a").attr("href", "#/stap/1")
    /// ```
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Set an attribute only when `on`.
    ///
    /// ```ignore
    /// el("button").attr_if(chosen, "aria-pressed", "true")
    /// ```
    pub fn attr_if(self, on: bool, name: &str, value: &str) -> Self {
        if on {
            self.attr(name, value)
        } else {
            self
        }
    }

    /// Set the `class` attribute.
    ///
    /// ```ignore
    /// el("p").class("notice warn")
    /// ```
    pub fn class(self, value: &str) -> Self {
        self.attr("class", value)
    }

    /// Set the `id` attribute.
    ///
    /// ```ignore
    /// el("h2").id("help-title")
    /// ```
    pub fn id(self, value: &str) -> Self {
        self.attr("id", value)
    }

    /// Append text.
    ///
    /// ```ignore
    /// el("strong").text("Let op").text(": ")
    /// ```
    pub fn text(self, s: &str) -> Self {
        let _ = self.0.append_child(&text_node(s));
        self
    }

    /// Append a child: an element, a node, nodes, or an `Option` of one of these.
    ///
    /// ```ignore
    /// el("li").child(el("span").text("a")).child(maybe_badge)
    /// ```
    pub fn child(self, child: impl IntoChild) -> Self {
        child.append_to(&self.0);
        self
    }

    /// Append every element of an iterator.
    ///
    /// ```ignore
    /// el("ul").children(items.iter().map(|s| el("li").text(s)))
    /// ```
    pub fn children(self, children: impl IntoIterator<Item = El>) -> Self {
        children.into_iter().fold(self, El::child)
    }

    /// Listen to an event for as long as the current owner lives.
    ///
    /// ```ignore
    /// el("input").on("input", move |ev| query.set(event_target_value(&ev)))
    /// ```
    pub fn on(self, event: &str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        listen(&self.0, event, Box::new(f));
        self
    }

    /// `on("click", f)`.
    ///
    /// ```ignore
    /// el("button").on_click(move |_| open.set(true))
    /// ```
    pub fn on_click(self, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        self.on("click", f)
    }

    /// A reactive text child: one text node, updated in place when a signal `f` read changes.
    ///
    /// ```ignore
    /// el("p").dyn_text(move || c.notice.get().unwrap_or_default())
    /// ```
    pub fn dyn_text(self, f: impl Fn() -> String + 'static) -> Self {
        let _ = self.0.append_child(&reactive_text(Box::new(f)));
        self
    }

    /// A reactive attribute, removed while `f` gives `None`.
    ///
    /// ```ignore
    /// el("details").dyn_attr("open", move || all_open.get().then(String::new))
    /// ```
    pub fn dyn_attr(self, name: &'static str, f: impl Fn() -> Option<String> + 'static) -> Self {
        reactive_attr(self.0.clone(), name, Box::new(f));
        self
    }

    /// The reactive `checked` property of a checkbox.
    ///
    /// ```ignore
    /// el("input").attr("type", "checkbox").dyn_checked(move || consent.get())
    /// ```
    pub fn dyn_checked(self, f: impl Fn() -> bool + 'static) -> Self {
        reactive_checked(self.0.clone(), Box::new(f));
        self
    }

    /// A region as the next children: when a signal `f` read changes, its nodes are replaced
    /// in order and the handlers and effects of the previous run are dropped.
    ///
    /// ```ignore
    /// el("div").dyn_child(move || if c.offline.get() { Nodes::from(el("p").text("offline")) } else { vec![] })
    /// ```
    pub fn dyn_child(self, f: impl Fn() -> Nodes + 'static) -> Self {
        region(&self.0, Box::new(f));
        self
    }
}

fn listen(el: &web_sys::Element, event: &str, f: Box<dyn FnMut(web_sys::Event)>) {
    let c = Closure::wrap(f);
    let _ = el.add_event_listener_with_callback(event, c.as_ref().unchecked_ref());
    keep(c);
}

fn reactive_text(f: Box<dyn Fn() -> String>) -> Node {
    let t = document().create_text_node("");
    let t2 = t.clone();
    keep(RenderEffect::new(move |_| t2.set_data(&f())));
    t.into()
}

fn reactive_attr(el: web_sys::Element, name: &'static str, f: Box<dyn Fn() -> Option<String>>) {
    keep(RenderEffect::new(move |_| {
        let _ = match f() {
            Some(v) => el.set_attribute(name, &v),
            None => el.remove_attribute(name),
        };
    }));
}

fn reactive_checked(el: web_sys::Element, f: Box<dyn Fn() -> bool>) {
    let input: web_sys::HtmlInputElement = el.unchecked_into();
    keep(RenderEffect::new(move |_| input.set_checked(f())));
}

/// A comment marks where the region's nodes go; each run replaces the previous run's nodes.
fn region(parent: &web_sys::Element, f: Box<dyn Fn() -> Nodes>) {
    let anchor: Node = document().create_comment("").into();
    let _ = parent.append_child(&anchor);
    keep(RenderEffect::new(move |prev: Option<Nodes>| {
        let new = f();
        for n in prev.iter().flatten() {
            if let Some(p) = n.parent_node() {
                let _ = p.remove_child(n);
            }
        }
        if let Some(p) = anchor.parent_node() {
            for n in &new {
                let _ = p.insert_before(n, Some(&anchor));
            }
        }
        new
    }));
}

/// A content text as plain inline text, with `lang` when it fell back to another language.
///
/// ```ignore
/// el("h1").child(content_text(&q.text, lang))
/// ```
pub fn content_text(text: &Text, lang: Lang) -> Node {
    let (s, used) = text.get(lang);
    let plain = markup::plain(s);
    if used != lang {
        el("span").attr("lang", used.code()).text(&plain).into()
    } else {
        text_node(&plain)
    }
}

#[cfg(test)]
mod tests;
