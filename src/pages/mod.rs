//! Pages. Each renders what the core and the shared state decide.

mod info_pages;
mod journey;

use crate::components::{link, org_card};
use crate::dom::{content_text, el, El, Nodes};
use crate::prelude::*;
use crate::route::Route;
use crate::state::Ctx;
use wegwijzer_core::{markup, present, Audience, Node, Stage};

/// The page for the current route: a region that re-renders on navigation, a language
/// change or new content.
pub fn routed(c: Ctx) -> Nodes {
    match c.effective_route() {
        Route::Step(n) => journey::journey(c, false, n),
        Route::Crisis(n) => journey::journey(c, true, n),
        Route::Summary => summary(c),
        Route::Organisations => organisations(c),
        Route::Overview => overview(c),
        Route::Safety => info_pages::page(c, "veiligheid"),
        Route::Accessibility => info_pages::page(c, "toegankelijkheid"),
        Route::About => info_pages::page(c, "over"),
        Route::Schools => info_pages::page(c, "scholen"),
    }
}

/// The page's h1: the app moves focus to it after each navigation.
pub fn h1(s: &str) -> El {
    el("h1").attr("tabindex", "-1").text(s)
}

/// No verified content at all: say so, keep the static help block (index.html) visible.
pub fn failure(c: Ctx) -> Nodes {
    let u = c.ui();
    vec![
        h1(u.failure_title).into(),
        el("p").text(u.failure_body).into(),
        el("p")
            .child(
                el("button")
                    .attr("type", "button")
                    .class("primary")
                    .on_click(|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    })
                    .text(u.retry),
            )
            .into(),
    ]
}

/// "Onthoud mijn antwoorden op dit apparaat", with the shared-device warning and "Wis mijn gegevens".
/// Only the hints are regions: the checkbox keeps focus when toggled. On a route that is
/// never stored the checkbox is disabled and unticked, with the reason. When storage turns
/// out to fail, the whole block becomes the notice that says so. The confirmation of
/// "Wis mijn gegevens" appears next to the button.
pub fn consent(c: Ctx) -> El {
    el("div").dyn_child(move || Nodes::from(consent_block(c)))
}

fn consent_block(c: Ctx) -> El {
    let u = c.ui();
    if !c.keep.storage_ok.get() {
        return el("p").class("consent notice").text(u.storage_unavailable);
    }
    let sensitive = move || c.main.with(|w| c.loaded.with(|l| l.as_ref().is_some_and(|l| w.is_sensitive(&l.content))));
    let wiped = RwSignal::new(false);
    el("div")
        .class("consent no-print")
        .child(
            el("p")
                .class("check")
                .child(
                    el("input")
                        .attr("type", "checkbox")
                        .id("remember")
                        .attr("aria-describedby", "remember-hint")
                        .dyn_checked(move || c.keep.consent.get() && !sensitive())
                        .dyn_attr("disabled", move || sensitive().then(String::new))
                        .on("change", move |ev| {
                            wiped.set(false);
                            c.keep.consent.set(event_target_checked(&ev))
                        }),
                )
                .child(el("label").attr("for", "remember").text(u.remember)),
        )
        .child(el("p").id("remember-hint").class("hint").dyn_text(move || {
            let u = c.ui();
            if sensitive() { u.remember_disabled } else { u.remember_hint }.into()
        }))
        .child(
            el("p")
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("link")
                        .on_click(move |_| {
                            c.wipe();
                            wiped.set(true);
                        })
                        .text(u.wipe),
                )
                .child(el("span").class("local-status").attr("role", "status").dyn_text(move || {
                    if wiped.get() {
                        c.ui().wiped.into()
                    } else {
                        String::new()
                    }
                })),
        )
}

/// The interface's "Weet ik niet" as a content text (both languages), for a question whose
/// "don't know" has no label of its own and for the summary.
pub fn dont_know_text(site: &wegwijzer_core::Site) -> wegwijzer_core::Text {
    site.ui.get("dont_know").cloned().unwrap_or_default()
}

/// "Je antwoorden": every answer with a change link; changing prunes what no longer applies.
fn summary(c: Ctx) -> Nodes {
    let lang = c.lang.get();
    let u = c.ui();
    let Some(l) = c.loaded.get() else { return vec![] };
    let walk = c.main.get();
    let dont_know = dont_know_text(&l.content.site);
    let rows = walk.answers.iter().enumerate().filter_map(|(i, a)| match l.content.node(&a.node)? {
        Node::Question(q) => {
            let label = q.options.iter().find(|o| o.id == a.choice).map_or(&dont_know, |o| &o.label);
            let step = i + 1;
            Some(
                el("div")
                    .class("summary-row")
                    .child(el("dt").child(content_text(&q.text, lang)))
                    .child(el("dd").child(content_text(label, lang)))
                    .child(
                        el("dd").class("change").child(
                            link(c, Route::Step(step))
                                .text(u.change)
                                .child(el("span").class("visually-hidden").text(&format!(" ({} {step})", u.step))),
                        ),
                    ),
            )
        }
        _ => None,
    });
    let dl = el("dl").class("summary").children(rows);
    let current = walk.step_number();
    let mut out: Nodes = vec![h1(u.answers_title).into()];
    if walk.answers.is_empty() {
        out.push(el("p").text(u.no_answers).into());
    }
    let (restart, confirm) = journey::restart_parts(c);
    out.extend([
        dl.into(),
        el("p")
            .class("actions")
            .child(el("button").attr("type", "button").class("primary").on_click(move |_| c.go(Route::Step(current))).text(u.continue_))
            .child(restart)
            .into(),
        confirm.into(),
        consent(c).into(),
    ]);
    out
}

/// A `<select>` with "all" first.
fn filter(id: &str, label: &str, options: impl IntoIterator<Item = El>, on_change: impl FnMut(web_sys::Event) + 'static) -> El {
    el("p").child(el("label").attr("for", id).text(label)).child(el("select").id(id).on("change", on_change).children(options))
}

/// All organisations: crisis lines pinned first, then A–Z; filtered by audience, topic and
/// a typed name or number (the order and the filter are the core's `present::org_list`).
fn organisations(c: Ctx) -> Nodes {
    let lang = c.lang.get();
    let u = c.ui();
    let Some(l) = c.loaded.get() else { return vec![] };
    let audience = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let opt = |value: &str, label: &str| el("option").attr("value", value).text(label);
    let audiences = std::iter::once(opt("", u.all)).chain(Audience::ALL.iter().enumerate().map(|(i, a)| opt(a.id(), u.audience_names[i])));
    let topics =
        std::iter::once(opt("", u.all)).chain(l.content.tree.topics.iter().map(|t| opt(&t.id, &markup::plain(t.label.in_lang(lang)))));
    let list = move || {
        c.loaded.with_untracked(|l| {
            l.as_ref()
                .map(|l| {
                    present::org_list(&l.content, lang, &audience.get(), &topic.get(), &name.get())
                        .iter()
                        .map(|o| o.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    vec![
        h1(u.orgs_title).into(),
        el("div")
            .class("filters")
            .child(
                el("p").child(el("label").attr("for", "f-name").text(u.filter_name)).child(
                    el("input")
                        .id("f-name")
                        .attr("type", "search")
                        .attr("autocomplete", "off")
                        .on("input", move |ev| name.set(event_target_value(&ev))),
                ),
            )
            .child(filter("f-aud", u.filter_audience, audiences, move |ev| audience.set(event_target_value(&ev))))
            .child(filter("f-topic", u.filter_topic, topics, move |ev| topic.set(event_target_value(&ev))))
            .into(),
        // The live status stays the same element, so its new text is announced.
        el("p").attr("role", "status").class("count").dyn_text(move || format!("{} {}", list().len(), u.orgs_count)).into(),
        el("ul")
            .class("org-list")
            .dyn_child(move || {
                list()
                    .iter()
                    .filter_map(|id| l.content.org(id))
                    .map(|o| {
                        el("li")
                            .attr("data-org", &o.id)
                            .child(el("h2").class("org-name").child(content_text(&o.name, lang)))
                            .child(org_card(o, lang, true, false))
                            .into()
                    })
                    .collect()
            })
            .into(),
    ]
}

/// "In één oogopslag": the complaint system as a ladder, built from the content: for the
/// chosen audience, the longest non-urgent outcome (the full escalation route).
/// "In één oogopslag": the complaint system for one audience, as a picture built from the
/// content's curated `overview` (stages from inside the school to the national bodies, with
/// the advice lines beside them). The picture is HTML lists, so it is its own text alternative
/// (read in order by a screen reader, printed as it is).
fn overview(c: Ctx) -> Nodes {
    let lang = c.lang.get();
    let u = c.ui();
    let Some(l) = c.loaded.get() else { return vec![] };
    let first = c.main.with_untracked(|w| w.audience(&l.content)).unwrap_or(Audience::Parent);
    let audience = RwSignal::new(first);
    let l2 = l.clone();
    let picture = move || {
        let a = audience.get();
        let content = &l2.content;
        let Some(ov) = content.tree.overview.iter().find(|o| o.audience == a) else { return vec![] };
        let stage = |st: Stage, name: &str| {
            let rungs: Vec<_> = ov.rungs.iter().filter(|r| r.stage == st).collect();
            (!rungs.is_empty()).then(|| {
                el("li")
                    .class(match st {
                        Stage::School => "ov-stage ov-school",
                        Stage::Board => "ov-stage ov-board",
                        Stage::National => "ov-stage ov-national",
                        Stage::Support => "ov-stage ov-support",
                    })
                    .child(el("h2").class("ov-stage-name").text(name))
                    .child(el("ul").class("ov-rungs").children(rungs.into_iter().map(|r| {
                        let org = content.org(&r.org);
                        el("li")
                            .class("ov-rung")
                            .child(match org {
                                Some(o) => el("strong").class("ov-org").child(content_text(&o.name, lang)),
                                None => el("strong").class("ov-org").text(&r.org),
                            })
                            .child(crate::components::txl(el("span").class("ov-does"), &r.does, lang))
                            .child(
                                r.does_not
                                    .as_ref()
                                    .map(|d| crate::components::txl(el("span").class("ov-not").text(u.does_not).text(": "), d, lang)),
                            )
                    })))
            })
        };
        let ladder: Vec<El> = [(Stage::School, u.stage_names[0]), (Stage::Board, u.stage_names[1]), (Stage::National, u.stage_names[2])]
            .into_iter()
            .filter_map(|(st, n)| stage(st, n))
            .collect();
        vec![
            el("h2").class("ov-title").child(content_text(&ov.title, lang)).into(),
            el("p").child(content_text(&ov.intro, lang)).into(),
            el("figure")
                .class("ov-picture")
                .child(el("figcaption").class("visually-hidden").text(u.overview_caption))
                .child(el("ol").class("ov-ladder").children(ladder))
                .child(stage(Stage::Support, u.stage_names[3]).map(|s| el("ul").class("ov-side").child(s)))
                .into(),
        ]
    };
    let options = Audience::ALL
        .iter()
        .enumerate()
        .map(|(i, a)| el("option").attr("value", a.id()).attr_if(*a == first, "selected", "").text(u.audience_names[i]));
    vec![
        h1(u.overview_title).into(),
        el("p").text(u.overview_intro).into(),
        el("p")
            .child(el("label").attr("for", "ov-aud").text(u.filter_audience))
            .child(
                el("select")
                    .id("ov-aud")
                    .on("change", move |ev| {
                        if let Some(a) = Audience::parse(&event_target_value(&ev)) {
                            audience.set(a);
                        }
                    })
                    .children(options),
            )
            .into(),
        el("div").class("overview").dyn_child(picture).into(),
    ]
}
