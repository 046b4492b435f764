//! Pages. Each renders what the core and the shared state decide.

mod info_pages;
mod journey;

use crate::app::ctx;
use crate::components::{OrgCard, T};
use crate::route::Route;
use leptos::prelude::*;
use wegwijzer_core::{markup, Audience, Node};

pub use info_pages::{About, Accessibility, Safety, Schools};
pub use journey::Journey;

/// The page for the current route.
pub fn routed() -> impl IntoView {
    let c = ctx();
    move || match c.route.get() {
        Route::Step(n) => view! { <Journey crisis=false n=n/> }.into_any(),
        Route::Crisis(n) => view! { <Journey crisis=true n=n/> }.into_any(),
        Route::Summary => view! { <Summary/> }.into_any(),
        Route::Organisations => view! { <Organisations/> }.into_any(),
        Route::Overview => view! { <Overview/> }.into_any(),
        Route::Safety => view! { <Safety/> }.into_any(),
        Route::Accessibility => view! { <Accessibility/> }.into_any(),
        Route::About => view! { <About/> }.into_any(),
        Route::Schools => view! { <Schools/> }.into_any(),
    }
}

/// No verified content at all: say so, keep the static help block (index.html) visible.
#[component]
pub fn Failure() -> impl IntoView {
    let c = ctx();
    view! {
        <h1 tabindex="-1">{move || c.ui().failure_title}</h1>
        <p>{move || c.ui().failure_body}</p>
        <p><button type="button" class="primary" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.location().reload(); } }>{move || c.ui().retry}</button></p>
    }
}

/// "Onthoud mijn antwoorden op dit apparaat", with the shared-device warning and "Wis mijn gegevens".
#[component]
pub fn Consent() -> impl IntoView {
    let c = ctx();
    move || {
        let u = c.ui();
        if !c.storage_ok.get() {
            return view! { <p class="consent notice">{u.storage_unavailable}</p> }.into_any();
        }
        let sensitive = c.main.with(|w| c.loaded.with(|l| l.as_ref().is_some_and(|l| w.is_sensitive(&l.content))));
        view! {
            <div class="consent no-print">
                <p class="check">
                    <input type="checkbox" id="remember" prop:checked=move || c.consent.get()
                        aria-describedby="remember-hint"
                        on:change=move |ev| c.consent.set(event_target_checked(&ev))/>
                    <label for="remember">{u.remember}</label>
                </p>
                <p id="remember-hint" class="hint">{u.remember_hint}</p>
                {(!c.consent.get() || sensitive).then(|| view! { <p class="hint">{u.remember_off}</p> })}
                <p><button type="button" on:click=move |_| c.wipe()>{u.wipe}</button></p>
            </div>
        }
        .into_any()
    }
}

/// "Je antwoorden": every answer with a change link; changing prunes what no longer applies.
#[component]
pub fn Summary() -> impl IntoView {
    let c = ctx();
    move || {
        let lang = c.lang.get();
        let u = c.ui();
        let Some(l) = c.loaded.get() else { return ().into_any() };
        let walk = c.main.get();
        let rows: Vec<_> = walk
            .answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let node = l.content.node(&a.node)?;
                match node {
                    Node::Question(q) => {
                        let label = q.options.iter().find(|o| o.id == a.choice).map(|o| o.label.clone()).unwrap_or(wegwijzer_core::Text {
                            nl: crate::i18n::NL.dont_know.into(),
                            en: Some(crate::i18n::EN.dont_know.into()),
                        });
                        Some((i + 1, q.text.clone(), label))
                    }
                    _ => None,
                }
            })
            .collect();
        let current = walk.step_number();
        view! {
            <h1 tabindex="-1">{u.answers_title}</h1>
            {rows.is_empty().then(|| view! { <p>{u.no_answers}</p> })}
            <dl class="summary">
                {rows.into_iter().map(|(step, q, a)| {
                    let r = Route::Step(step);
                    view! {
                        <div class="summary-row">
                            <dt><T text=q lang=lang/></dt>
                            <dd><T text=a lang=lang/></dd>
                            <dd class="change"><a href=r.hash() on:click=move |ev| { ev.prevent_default(); c.go(r); }>
                                {u.change}<span class="visually-hidden">{format!(" ({} {step})", u.step)}</span></a></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <p class="actions">
                <button type="button" class="primary" on:click=move |_| c.go(Route::Step(current))>{u.continue_}</button> " "
                <button type="button" on:click=move |_| c.restart()>{u.start_again}</button>
            </p>
            <Consent/>
        }
        .into_any()
    }
}

/// All organisations, filtered by audience and topic.
#[component]
pub fn Organisations() -> impl IntoView {
    let c = ctx();
    let audience = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    move || {
        let lang = c.lang.get();
        let u = c.ui();
        let Some(l) = c.loaded.get() else { return ().into_any() };
        let topics: Vec<_> = l.content.tree.topics.iter().map(|t| (t.id.clone(), markup::plain(t.label.in_lang(lang)))).collect();
        let list = std::sync::Arc::new(move || {
            let a = audience.get();
            let t = topic.get();
            l.content
                .directory
                .organisations
                .iter()
                .filter(|o| a.is_empty() || o.audiences.iter().any(|x| x.id() == a))
                .filter(|o| t.is_empty() || o.topics.iter().any(|x| *x == t))
                .cloned()
                .collect::<Vec<_>>()
        });
        let list2 = list.clone();
        view! {
            <h1 tabindex="-1">{u.orgs_title}</h1>
            <div class="filters">
                <p>
                    <label for="f-aud">{u.filter_audience}</label>
                    <select id="f-aud" on:change=move |ev| audience.set(event_target_value(&ev))>
                        <option value="">{u.all}</option>
                        {Audience::ALL.iter().enumerate().map(|(i, a)| view! { <option value=a.id()>{u.audience_names[i]}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <label for="f-topic">{u.filter_topic}</label>
                    <select id="f-topic" on:change=move |ev| topic.set(event_target_value(&ev))>
                        <option value="">{u.all}</option>
                        {topics.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </p>
            </div>
            <p role="status" class="count">{move || format!("{} {}", list().len(), u.orgs_count)}</p>
            <ul class="org-list">
                {move || list2().into_iter().map(|o| view! { <li><OrgCard org=o lang=lang heading=true/></li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// "In één oogopslag": the complaint system as a ladder, built from the content: for the
/// chosen audience, the longest non-urgent outcome (the full escalation route).
#[component]
pub fn Overview() -> impl IntoView {
    let c = ctx();
    let audience = RwSignal::new(Audience::Parent);
    move || {
        let lang = c.lang.get();
        let u = c.ui();
        let Some(l) = c.loaded.get() else { return ().into_any() };
        let start = l.content.tree.start.clone();
        let ladder = move || {
            let a = audience.get();
            let reach = l.content.node(&start).and_then(|s| wegwijzer_core::walker::next_of(s, a.id()).ok().map(|n| wegwijzer_core::walker::reachable(&l.content, n)));
            let best = l
                .content
                .tree
                .nodes
                .iter()
                .filter_map(|n| match n {
                    Node::Outcome(o) if !o.urgent && reach.as_ref().is_some_and(|r| r.contains(o.id.as_str())) => Some(o),
                    _ => None,
                })
                .max_by_key(|o| o.steps.len())
                .cloned();
            best.map(|o| {
                o.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let org = l.content.org(&s.org).cloned();
                        view! {
                            <li class="rung">
                                <span class="rung-no">{i + 1}</span>
                                <span class="rung-body">
                                    <strong><T text=s.action.clone() lang=lang/></strong>
                                    {org.map(|o| view! { <span class="rung-org"><T text=o.name.clone() lang=lang/> " — " <T text=o.purpose.clone() lang=lang/></span> })}
                                    {s.does_not.clone().map(|d| view! { <span class="rung-not">{u.does_not} ": " <T text=d lang=lang/></span> })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        };
        view! {
            <h1 tabindex="-1">{u.overview_title}</h1>
            <p>{u.overview_intro}</p>
            <p>
                <label for="ov-aud">{u.filter_audience}</label>
                <select id="ov-aud" on:change=move |ev| { if let Some(a) = Audience::parse(&event_target_value(&ev)) { audience.set(a); } }>
                    {Audience::ALL.iter().enumerate().map(|(i, a)| view! { <option value=a.id() selected=*a == Audience::Parent>{u.audience_names[i]}</option> }).collect_view()}
                </select>
            </p>
            <ol class="overview-ladder">{ladder}</ol>
        }
        .into_any()
    }
}
