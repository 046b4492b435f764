//! Unit tests of the DOM builder, in headless Chromium (`wasm-bindgen-test`; run by
//! `cargo xtask test`, or by hand as in ARCHITECTURE.md, "Tests").

use super::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The reactive runtime as `main` sets it up: Leptos' executor and an owner for the test.
fn owner() -> Owner {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    Owner::new()
}

/// Let scheduled effects run (they run in tasks of the executor, not synchronously).
async fn settle() {
    crate::web::next_task().await;
}

fn html(e: &El) -> String {
    e.0.inner_html()
}

/// A region's output: `n` items, each an `<i>` with its index.
fn items(n: usize) -> Nodes {
    (0..n).map(|i| el("i").text(&i.to_string()).into()).collect()
}

#[wasm_bindgen_test]
async fn a_region_replaces_its_nodes_in_order() {
    let o = owner();
    let n = RwSignal::new(2);
    let div = o.with(|| el("div").text("a").dyn_child(move || items(n.get())).text("z"));
    assert_eq!(html(&div), "a<i>0</i><i>1</i><!---->z");
    n.set(3);
    settle().await;
    assert_eq!(html(&div), "a<i>0</i><i>1</i><i>2</i><!---->z", "new nodes in order, before the anchor");
    n.set(0);
    settle().await;
    assert_eq!(html(&div), "a<!---->z", "all of the previous run's nodes removed");
    n.set(1);
    settle().await;
    assert_eq!(html(&div), "a<i>0</i><!---->z");
}

#[wasm_bindgen_test]
async fn handlers_and_effects_of_the_previous_run_are_dropped() {
    let o = owner();
    let page = RwSignal::new(0);
    let inner = RwSignal::new(0);
    // Every handler holds a clone of `token`: the strong count says how many are alive.
    let token = Rc::new(());
    let effect_runs = Rc::new(Cell::new(0));
    let (t, runs) = (token.clone(), effect_runs.clone());
    let div = o.with(|| {
        el("div").dyn_child(move || {
            let _ = page.get();
            let t = t.clone();
            let runs = runs.clone();
            Nodes::from(
                el("button")
                    .on_click(move |_| {
                        let _ = &t;
                    })
                    .dyn_text(move || {
                        runs.set(runs.get() + 1);
                        inner.get().to_string()
                    }),
            )
        })
    });
    assert_eq!(Rc::strong_count(&token), 3, "the test's, the region's and one handler's");
    assert_eq!(effect_runs.get(), 1);
    for k in 1..=3 {
        page.set(k);
        settle().await;
        assert_eq!(Rc::strong_count(&token), 3, "run {k}: the previous run's handler was dropped");
    }
    let before = effect_runs.get();
    inner.set(1);
    settle().await;
    assert_eq!(effect_runs.get(), before + 1, "only the current run's effect runs, not those of earlier runs");
    assert_eq!(html(&div), "<button>1</button><!---->");
    o.cleanup();
    settle().await;
    assert_eq!(Rc::strong_count(&token), 1, "disposing the owner drops the rest");
}

#[wasm_bindgen_test]
async fn nested_regions_update_independently() {
    let o = owner();
    let outer = RwSignal::new("A");
    let inner = RwSignal::new(1);
    let outer_runs = Rc::new(Cell::new(0));
    let inner_runs = Rc::new(Cell::new(0));
    let (or, ir) = (outer_runs.clone(), inner_runs.clone());
    let div = o.with(|| {
        el("div").dyn_child(move || {
            or.set(or.get() + 1);
            let ir = ir.clone();
            Nodes::from(el("p").text(outer.get()).dyn_child(move || {
                ir.set(ir.get() + 1);
                items(inner.get())
            }))
        })
    });
    assert_eq!(html(&div), "<p>A<i>0</i><!----></p><!---->");
    inner.set(2);
    settle().await;
    assert_eq!(html(&div), "<p>A<i>0</i><i>1</i><!----></p><!---->");
    assert_eq!((outer_runs.get(), inner_runs.get()), (1, 2), "the inner region re-ran alone");
    outer.set("B");
    settle().await;
    assert_eq!(html(&div), "<p>B<i>0</i><i>1</i><!----></p><!---->");
    assert_eq!((outer_runs.get(), inner_runs.get()), (2, 3), "the outer run built a new inner region");
    inner.set(1);
    settle().await;
    assert_eq!(html(&div), "<p>B<i>0</i><!----></p><!---->");
    assert_eq!(inner_runs.get(), 4, "the inner region of the first outer run was disposed");
}

#[wasm_bindgen_test]
async fn a_focused_control_outside_a_region_keeps_focus() {
    let o = owner();
    let query = RwSignal::new(String::new());
    // As the topic search: the input sets a signal, a region beside it shows the results.
    let section = o.with(|| {
        el("section")
            .child(el("input").id("dom-test-input").on("input", move |ev| query.set(event_target_value(&ev))))
            .child(el("div").dyn_child(move || items(query.get().len())))
    });
    let body = document().body().expect("body");
    let _ = body.append_child(&section.0);
    let input: web_sys::HtmlInputElement = document().get_element_by_id("dom-test-input").expect("input").unchecked_into();
    input.focus().expect("focus");
    for s in ["a", "ab", "abc", ""] {
        input.set_value(s);
        let _ = input.dispatch_event(&web_sys::Event::new("input").expect("event"));
        settle().await;
        assert_eq!(section.0.last_element_child().expect("results").child_element_count() as usize, s.len());
        let active = document().active_element().expect("an active element");
        assert_eq!(active.id(), "dom-test-input", "focus stays on the input after the region re-rendered");
    }
    section.0.remove();
}

#[wasm_bindgen_test]
async fn reactive_text_attribute_and_checked_update_in_place() {
    let o = owner();
    let on = RwSignal::new(false);
    let input = o.with(|| {
        el("input")
            .attr("type", "checkbox")
            .dyn_attr("aria-label", move || on.get().then(|| "on".to_string()))
            .dyn_checked(move || on.get())
    });
    let label = o.with(|| el("span").dyn_text(move || if on.get() { "yes".into() } else { "no".into() }));
    let text_node = label.0.first_child().expect("text node");
    let checkbox: web_sys::HtmlInputElement = input.0.clone().unchecked_into();
    assert_eq!((checkbox.checked(), input.0.get_attribute("aria-label")), (false, None));
    assert_eq!(label.0.text_content().as_deref(), Some("no"));
    on.set(true);
    settle().await;
    assert_eq!((checkbox.checked(), input.0.get_attribute("aria-label").as_deref()), (true, Some("on")));
    assert_eq!(label.0.text_content().as_deref(), Some("yes"));
    assert!(label.0.first_child().expect("text node").is_same_node(Some(&text_node)), "the same text node, updated");
}

#[wasm_bindgen_test]
fn children_and_optional_children_in_order() {
    let o = owner();
    let none: Option<El> = None;
    let div = o.with(|| {
        el("div")
            .class("c")
            .attr_if(false, "hidden", "")
            .attr_if(true, "data-x", "1")
            .child(el("b"))
            .child(none)
            .child(Some(el("i")))
            .child(text_node("t"))
            .children(["p", "q"].into_iter().map(el))
    });
    assert_eq!(div.0.outer_html(), r#"<div class="c" data-x="1"><b></b><i></i>t<p></p><q></q></div>"#);
}
