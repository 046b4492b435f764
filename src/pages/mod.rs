//! Pages. Each renders what the core and the shared state decide.

mod info_pages;
mod journey;

use crate::app::Ctx;
use crate::components::{link, org_card};
use crate::dom::{el, one, tx, Nodes, E};
use crate::route::Route;
use leptos::prelude::*;
use wegwijzer_core::{markup, present, Audience, Node, Stage};

/// The page for the current route: a region that re-renders on navigation, a language
/// change or new content.
pub fn routed(c: Ctx) -> Nodes {
    match c.route.get() {
        Route::Step(n) => journey::journey(c, false, n),
        Route::Crisis(n) => journey::journey(c, true, n),
        Route::Summary => summary(c),
        Route::Organisations => organisations(c),
        Route::Overview => overview(c),
        Route::Safety => info_pages::safety(c),
        Route::Accessibility => info_pages::accessibility(c),
        Route::About => info_pages::about(c),
        Route::Schools => info_pages::schools(c),
    }
}

/// The page's h1: the app moves focus to it after each navigation.
pub fn h1(s: &str) -> E {
    el("h1").a("tabindex", "-1").t(s)
}

/// No verified content at all: say so, keep the static help block (index.html) visible.
pub fn failure(c: Ctx) -> Nodes {
    let u = c.ui();
    vec![
        h1(u.failure_title).into(),
        el("p").t(u.failure_body).into(),
        el("p")
            .c(el("button")
                .a("type", "button")
                .cls("primary")
                .click(|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                })
                .t(u.retry))
            .into(),
    ]
}

/// "Onthoud mijn antwoorden op dit apparaat", with the shared-device warning and "Wis mijn gegevens".
/// Only the hints are regions: the checkbox keeps focus when toggled. On a route that is
/// never stored the checkbox is disabled and unticked, with the reason. When storage turns
/// out to fail, the whole block becomes the notice that says so. The confirmation of
/// "Wis mijn gegevens" appears next to the button.
pub fn consent(c: Ctx) -> E {
    el("div").dynamic(move || one(consent_block(c)))
}

fn consent_block(c: Ctx) -> E {
    let u = c.ui();
    if !c.storage_ok.get() {
        return el("p").cls("consent notice").t(u.storage_unavailable);
    }
    let sensitive = move || c.main.with(|w| c.loaded.with(|l| l.as_ref().is_some_and(|l| w.is_sensitive(&l.content))));
    let wiped = RwSignal::new(false);
    el("div")
        .cls("consent no-print")
        .c(el("p")
            .cls("check")
            .c(el("input")
                .a("type", "checkbox")
                .id("remember")
                .a("aria-describedby", "remember-hint")
                .checked(move || c.consent.get() && !sensitive())
                .ra("disabled", move || sensitive().then(String::new))
                .on("change", move |ev| {
                    wiped.set(false);
                    c.consent.set(event_target_checked(&ev))
                }))
            .c(el("label").a("for", "remember").t(u.remember)))
        .c(el("p").id("remember-hint").cls("hint").rt(move || {
            let u = c.ui();
            if sensitive() { u.remember_disabled } else { u.remember_hint }.into()
        }))
        .c(el("p")
            .c(el("button")
                .a("type", "button")
                .cls("link")
                .click(move |_| {
                    c.wipe();
                    wiped.set(true);
                })
                .t(u.wipe))
            .c(el("span")
                .cls("local-status")
                .a("role", "status")
                .rt(move || if wiped.get() { c.ui().wiped.into() } else { String::new() })))
}

/// "Je antwoorden": every answer with a change link; changing prunes what no longer applies.
fn summary(c: Ctx) -> Nodes {
    let lang = c.lang.get();
    let u = c.ui();
    let Some(l) = c.loaded.get() else { return vec![] };
    let walk = c.main.get();
    let dont_know =
        wegwijzer_core::Text::new(crate::i18n::NL.dont_know.into()).with(wegwijzer_core::Lang::En, crate::i18n::EN.dont_know.into());
    let rows = walk.answers.iter().enumerate().filter_map(|(i, a)| match l.content.node(&a.node)? {
        Node::Question(q) => {
            let label = q.options.iter().find(|o| o.id == a.choice).map_or(&dont_know, |o| &o.label);
            let step = i + 1;
            Some(
                el("div").cls("summary-row").c(el("dt").n(tx(&q.text, lang))).c(el("dd").n(tx(label, lang))).c(el("dd")
                    .cls("change")
                    .c(link(c, Route::Step(step)).t(u.change).c(el("span").cls("visually-hidden").t(&format!(" ({} {step})", u.step))))),
            )
        }
        _ => None,
    });
    let dl = el("dl").cls("summary").kids(rows);
    let current = walk.step_number();
    let mut out: Nodes = vec![h1(u.answers_title).into()];
    if walk.answers.is_empty() {
        out.push(el("p").t(u.no_answers).into());
    }
    let (restart, confirm) = journey::restart_parts(c);
    out.extend([
        dl.into(),
        el("p")
            .cls("actions")
            .c(el("button").a("type", "button").cls("primary").click(move |_| c.go(Route::Step(current))).t(u.continue_))
            .c(restart)
            .into(),
        confirm.into(),
        consent(c).into(),
    ]);
    out
}

/// A `<select>` with "all" first.
fn filter(id: &str, label: &str, options: impl IntoIterator<Item = E>, on_change: impl FnMut(web_sys::Event) + 'static) -> E {
    el("p").c(el("label").a("for", id).t(label)).c(el("select").id(id).on("change", on_change).kids(options))
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
    let opt = |value: &str, label: &str| el("option").a("value", value).t(label);
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
            .cls("filters")
            .c(el("p").c(el("label").a("for", "f-name").t(u.filter_name)).c(el("input")
                .id("f-name")
                .a("type", "search")
                .a("autocomplete", "off")
                .on("input", move |ev| name.set(event_target_value(&ev)))))
            .c(filter("f-aud", u.filter_audience, audiences, move |ev| audience.set(event_target_value(&ev))))
            .c(filter("f-topic", u.filter_topic, topics, move |ev| topic.set(event_target_value(&ev))))
            .into(),
        // The live status stays the same element, so its new text is announced.
        el("p").a("role", "status").cls("count").rt(move || format!("{} {}", list().len(), u.orgs_count)).into(),
        el("ul")
            .cls("org-list")
            .dynamic(move || {
                list()
                    .iter()
                    .filter_map(|id| l.content.org(id))
                    .map(|o| {
                        el("li")
                            .a("data-org", &o.id)
                            .c(el("h2").cls("org-name").n(tx(&o.name, lang)))
                            .c(org_card(o, lang, true, false))
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
                    .cls(match st {
                        Stage::School => "ov-stage ov-school",
                        Stage::Board => "ov-stage ov-board",
                        Stage::National => "ov-stage ov-national",
                        Stage::Support => "ov-stage ov-support",
                    })
                    .c(el("h2").cls("ov-stage-name").t(name))
                    .c(el("ul").cls("ov-rungs").kids(rungs.into_iter().map(|r| {
                        let org = content.org(&r.org);
                        el("li")
                            .cls("ov-rung")
                            .c(match org {
                                Some(o) => el("strong").cls("ov-org").n(tx(&o.name, lang)),
                                None => el("strong").cls("ov-org").t(&r.org),
                            })
                            .c(crate::components::txl(el("span").cls("ov-does"), &r.does, lang))
                            .opt(
                                r.does_not
                                    .as_ref()
                                    .map(|d| crate::components::txl(el("span").cls("ov-not").t(u.does_not).t(": "), d, lang)),
                            )
                    })))
            })
        };
        let ladder: Vec<E> = [(Stage::School, u.stage_names[0]), (Stage::Board, u.stage_names[1]), (Stage::National, u.stage_names[2])]
            .into_iter()
            .filter_map(|(st, n)| stage(st, n))
            .collect();
        vec![
            el("h2").cls("ov-title").n(tx(&ov.title, lang)).into(),
            el("p").n(tx(&ov.intro, lang)).into(),
            el("figure")
                .cls("ov-picture")
                .c(el("figcaption").cls("visually-hidden").t(u.overview_caption))
                .c(el("ol").cls("ov-ladder").kids(ladder))
                .opt(stage(Stage::Support, u.stage_names[3]).map(|s| el("ul").cls("ov-side").c(s)))
                .into(),
        ]
    };
    let options = Audience::ALL
        .iter()
        .enumerate()
        .map(|(i, a)| el("option").a("value", a.id()).a_if(*a == first, "selected", "").t(u.audience_names[i]));
    vec![
        h1(u.overview_title).into(),
        el("p").t(u.overview_intro).into(),
        el("p")
            .c(el("label").a("for", "ov-aud").t(u.filter_audience))
            .c(el("select")
                .id("ov-aud")
                .on("change", move |ev| {
                    if let Some(a) = Audience::parse(&event_target_value(&ev)) {
                        audience.set(a);
                    }
                })
                .kids(options))
            .into(),
        el("div").cls("overview").dynamic(picture).into(),
    ]
}
