//! A small untyped DOM builder on Leptos' reactive system (signals, effects, owners).
//!
//! Why not `view!`: tachys gives every distinct view its own type and generates build,
//! rebuild and mount code for each one. For this app that was about 66 kB brotli of the
//! 120 kB app-shell budget (issue 6). Here every element has the same type, and event
//! handlers and reactive parts are boxed once, so the code exists once.
//!
//! Semantics, kept deliberately simple:
//! - `rt`/`ra`/`checked` update one text node, attribute or property in place.
//! - `dynamic` is a region: when a signal it read changes, its nodes are replaced wholesale
//!   and everything created in the previous run (handlers, nested effects) is disposed.
//!   Keep regions small around what changes, and never put a control that keeps focus while
//!   its own region re-renders inside one (the page regions re-render on navigation, after
//!   which the app moves focus to the new h1 anyway).
//! - Everything is owned by the reactive owner current at build time, so handlers and
//!   effects are dropped with the region or page that created them.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wegwijzer_core::{markup, Lang, Text};

pub use web_sys::Node;

/// Nodes produced by a region.
pub type Nodes = Vec<Node>;

fn doc() -> web_sys::Document {
    thread_local! {
        static DOC: web_sys::Document = web_sys::window().and_then(|w| w.document()).expect("document");
    }
    DOC.with(Clone::clone)
}

/// An element under construction. Consumed by the builder methods and turned into a `Node`.
pub struct E(pub web_sys::Element);

pub fn el(tag: &str) -> E {
    E(doc().create_element(tag).expect("create_element"))
}

pub fn text(s: &str) -> Node {
    doc().create_text_node(s).into()
}

impl From<E> for Node {
    fn from(e: E) -> Node {
        e.0.into()
    }
}

/// One element as region output.
pub fn one(e: E) -> Nodes {
    vec![e.into()]
}

/// Keep a value (an effect, a JS closure) alive exactly as long as the current owner.
fn keep<T: 'static>(v: T) {
    let _ = StoredValue::new_local(v);
}

impl E {
    pub fn a(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }
    /// Attribute only when `on`.
    pub fn a_if(self, on: bool, name: &str, value: &str) -> Self {
        if on {
            self.a(name, value)
        } else {
            self
        }
    }
    pub fn cls(self, value: &str) -> Self {
        self.a("class", value)
    }
    pub fn id(self, value: &str) -> Self {
        self.a("id", value)
    }
    /// Append text.
    pub fn t(self, s: &str) -> Self {
        let _ = self.0.append_child(&text(s));
        self
    }
    /// Append a child element.
    pub fn c(self, child: E) -> Self {
        let _ = self.0.append_child(&child.0);
        self
    }
    /// Append any node.
    pub fn n(self, child: Node) -> Self {
        let _ = self.0.append_child(&child);
        self
    }
    pub fn opt(self, child: Option<E>) -> Self {
        match child {
            Some(c) => self.c(c),
            None => self,
        }
    }
    pub fn kids(self, children: impl IntoIterator<Item = E>) -> Self {
        children.into_iter().fold(self, E::c)
    }
    pub fn nodes(self, children: Nodes) -> Self {
        children.into_iter().fold(self, E::n)
    }
    pub fn on(self, event: &str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        listen(&self.0, event, Box::new(f));
        self
    }
    pub fn click(self, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        self.on("click", f)
    }
    /// Reactive text child.
    pub fn rt(self, f: impl Fn() -> String + 'static) -> Self {
        let _ = self.0.append_child(&reactive_text(Box::new(f)));
        self
    }
    /// Reactive attribute: removed while `f` gives `None`.
    pub fn ra(self, name: &'static str, f: impl Fn() -> Option<String> + 'static) -> Self {
        reactive_attr(self.0.clone(), name, Box::new(f));
        self
    }
    /// Reactive `checked` property (of a checkbox).
    pub fn checked(self, f: impl Fn() -> bool + 'static) -> Self {
        reactive_checked(self.0.clone(), Box::new(f));
        self
    }
    /// A reactive region as the next children.
    pub fn dynamic(self, f: impl Fn() -> Nodes + 'static) -> Self {
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
    let t = doc().create_text_node("");
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
    let anchor: Node = doc().create_comment("").into();
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
pub fn tx(text: &Text, lang: Lang) -> Node {
    let (s, used) = text.get(lang);
    let plain = markup::plain(s);
    if used != lang {
        el("span").a("lang", used.code()).t(&plain).into()
    } else {
        self::text(&plain)
    }
}
