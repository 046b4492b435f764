//! The journey: the node at step `n` of a walk, rendered as a question, an info screen
//! or an outcome. All routing decisions come from the core walker.

use crate::components::{link, org_card, rich, txl};
use crate::dom::{content_text, el, El, Nodes};
use crate::prelude::*;
use crate::route::Route;
use crate::state::Ctx;
use crate::web::now;
use wegwijzer_core::markup;
use wegwijzer_core::present;
use wegwijzer_core::{Content, Info, Lang, Node, Outcome, Question, Step, Text, DONT_KNOW};

fn route_for(crisis: bool, n: usize) -> Route {
    if crisis {
        Route::Crisis(n)
    } else {
        Route::Step(n)
    }
}

/// The page at step `n` of a walk (part of the routed region: it re-renders when the walk,
/// the language or the content changes). The route was clamped to the path by the state.
pub fn journey(c: Ctx, crisis: bool, n: usize) -> Nodes {
    let lang = c.lang.get();
    let Some(l) = c.loaded.get() else { return vec![] };
    let walk = c.walk_of(crisis).get();
    // `n` is the effective route's step (`Ctx::effective_route`): always on the path.
    let Some(node) = walk.node_at(&l.content, n) else { return vec![] };
    let node_id = node.id();
    let previous = walk.answers.get(n - 1).map(|a| a.choice.as_str());
    crate::components::reset_terms(0);
    let div = el("div").class("journey").attr("data-node", node_id).child(back_link(c, crisis, n, lang));
    let div = match node {
        Node::Question(q) => question(div, c, crisis, n, q, previous, lang, &l.content),
        Node::Info(i) => info(div, c, crisis, n, i, lang),
        Node::Outcome(o) => outcome(div, c, crisis, o, lang, &l.content),
    };
    Nodes::from(div.child((n > 1).then(|| el("p").class("journey-links").child(link(c, Route::Summary).text(c.ui().your_answers)))))
}

fn back_link(c: Ctx, crisis: bool, n: usize, lang: Lang) -> Option<El> {
    let u = crate::i18n::ui(lang);
    let target = if n > 1 {
        Some(route_for(crisis, n - 1))
    } else if crisis {
        Some(Route::Step(c.main.get_untracked().step_number()))
    } else {
        None
    };
    target.map(|r| {
        el("a").attr("href", &r.hash()).class("back").text(u.back).on_click(move |ev| {
            ev.prevent_default();
            c.back(r);
        })
    })
}

/// On the crisis walk: the way back to where the user was before "Ben je nu in gevaar?".
fn crisis_way_back(c: Ctx, lang: Lang) -> El {
    let target = c.crisis_way_back();
    el("p").class("way-back").child(link(c, target).text(crate::i18n::ui(lang).back_to_where))
}

#[allow(clippy::too_many_arguments)]
fn question(div: El, c: Ctx, crisis: bool, n: usize, q: &Question, previous: Option<&str>, lang: Lang, content: &Content) -> El {
    let u = crate::i18n::ui(lang);
    let is_start = !crisis && n == 1 && q.id == content.tree.start;
    let dont_know = q.dont_know.as_ref().map(|d| {
        let label = d.label.clone().unwrap_or_else(|| super::dont_know_text(&content.site));
        (DONT_KNOW, label, None)
    });
    // Escape options ("Ik ben nu in gevaar", "Weet ik niet") last, after an "of" divider.
    let (plain, escapes): (Vec<_>, Vec<_>) = q
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.label.clone(), o.hint.as_ref(), present::is_escape(content, &o.next)))
        .chain(dont_know.map(|(id, l, h)| (id, l, h, true)))
        .partition(|o| !o.3);
    let divider = (!plain.is_empty() && !escapes.is_empty()).then(|| el("li").class("or").text(u.or));
    let legend_id = format!("q-{}", q.id);
    let button = |(id, label, hint, _): (&str, Text, Option<&Text>, bool)| {
        let was = previous == Some(id);
        let (qid, choice) = (q.id.clone(), id.to_string());
        el("li").child(
            el("button")
                .attr("type", "button")
                .class(if was { "option chosen" } else { "option" })
                .attr_if(was, "aria-pressed", "true")
                .attr("data-choice", id)
                .on_click(move |_| {
                    // A topic chosen in the search: the audience answer leads straight to it.
                    if is_start {
                        if let Some(t) = c.topic.get_untracked() {
                            if c.jump(&t, &choice) {
                                return;
                            }
                        }
                    }
                    c.choose(crisis, n, &qid, &choice)
                })
                .child(el("span").class("label").child(content_text(&label, lang)))
                .child(hint.map(|h| el("span").class("hint").child(content_text(h, lang))))
                .child(was.then(|| el("span").class("was").text(" (").text(u.previous_answer).text(")"))),
        )
    };
    let items: Vec<El> = plain.into_iter().map(button).chain(divider).chain(escapes.into_iter().map(button)).collect();
    let div = if is_start {
        div.child(resume_prompt(c)).child(el("p").class("intro-line").text(u.intro_line)).child(
            el("p")
                .class("crisis-top")
                .child(el("button").attr("type", "button").class("crisis-button").on_click(move |_| c.open_crisis()).text(u.crisis_button)),
        )
    } else {
        div
    };
    div.child(el("p").class("step-no").text(&format!("{} {n}", u.step)))
        .child(
            el("div")
                .attr("role", "group")
                .attr("aria-labelledby", &legend_id)
                .class("question")
                .child(el("h1").id(&legend_id).attr("tabindex", "-1").child(content_text(&q.text, lang)))
                .child(q.help.as_ref().map(|h| rich(h, lang, "help-text")))
                .child(is_start.then(|| topic_note(c)))
                .child(el("ul").class("options").children(items)),
        )
        .child(is_start.then(|| topic_search(c)))
        .child(crisis.then(|| crisis_way_back(c, lang)))
}

fn info(div: El, c: Ctx, crisis: bool, n: usize, i: &Info, lang: Lang) -> El {
    let u = crate::i18n::ui(lang);
    let id = i.id.clone();
    let button = el("button")
        .attr("type", "button")
        .class("primary")
        .attr("data-choice", "continue")
        .on_click(move |_| c.choose(crisis, n, &id, wegwijzer_core::CONTINUE));
    let button = match &i.button {
        Some(l) => button.child(content_text(l, lang)),
        None => button.text(u.continue_),
    };
    div.child(el("h1").attr("tabindex", "-1").child(content_text(&i.title, lang)))
        .child(rich(&i.body, lang, ""))
        .child(el("p").child(button))
        .child(crisis.then(|| crisis_way_back(c, lang)))
}

/// The route as plain text, for "copy as text": deadlines, then the steps in the order shown.
fn outcome_text(o: &Outcome, plan: &present::Plan, lang: Lang, content: &Content) -> String {
    let u = crate::i18n::ui(lang);
    let mut s = format!("{}\n\n", markup::plain(o.title.in_lang(lang)));
    for (_, d) in present::deadlines(o, lang) {
        s.push_str(&format!("{}: {d}\n", u.deadline));
    }
    s.push_str(&format!("{}\n\n", markup::plain(o.intro.in_lang(lang))));
    for (k, &i) in plan.first.iter().chain(&plan.rest).enumerate() {
        let st = &o.steps[i];
        let must = if st.mandatory { format!(" ({})", u.mandatory) } else { String::new() };
        s.push_str(&format!("{} {}: {}{must}\n", u.rung, k + 1, markup::plain(st.action.in_lang(lang))));
        if let Some(org) = content.org(&st.org) {
            s.push_str(&format!("   {}\n", org.name.in_lang(lang)));
            for ch in &org.channels {
                s.push_str(&format!("   {}\n", ch.value));
            }
        }
        for t in [&st.who, &st.what_happens, &st.duration, &st.does_not].into_iter().flatten() {
            s.push_str(&format!("   {}\n", markup::plain(t.in_lang(lang))));
        }
    }
    s
}

/// One step: its facts (the step's own text, never the organisation's generic one) and
/// how to reach the organisation. `big` ("Doe dit eerst"): the facts as short paragraphs
/// and call and chat as large buttons.
fn step_body(st: &Step, lang: Lang, content: &Content, big: bool) -> Vec<El> {
    let u = crate::i18n::ui(lang);
    let facts = [(u.who, &st.who), (u.what_happens, &st.what_happens), (u.duration, &st.duration), (u.does_not, &st.does_not)];
    let facts: El = if big {
        el("div").class("rung-facts").children(facts.into_iter().filter_map(|(k, v)| {
            let label = (k == u.does_not).then(|| el("strong").text(k).text(": "));
            v.as_ref().map(|v| txl(el("p").child(label), v, lang))
        }))
    } else {
        el("dl").class("rung-facts").children(
            facts
                .into_iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| el("div").child(el("dt").text(k)).child(el("dd").child(rich(v, lang, ""))))),
        )
    };
    let org = content.org(&st.org);
    if big {
        // The call and chat buttons first, right under the action; "Meer over" last.
        let reach = org.and_then(|o| crate::components::org_reach(o, lang, true));
        return reach.into_iter().chain([facts]).chain(org.map(|o| crate::components::org_more(o, lang))).collect();
    }
    vec![facts].into_iter().chain(org.map(|org| org_card(org, lang, false, big))).collect()
}

fn must_badge(st: &Step, lang: Lang) -> Option<El> {
    st.mandatory.then(|| el("span").class("badge must").text(crate::i18n::ui(lang).mandatory))
}

/// An outcome that leads with the action: deadlines, the content's intro, "Doe dit eerst"
/// (one or two steps with large call and chat buttons), then the rest of the ladder as
/// numbered steps, collapsed (duties stay open), "en/of" between them, "Toon alle stappen";
/// print, copy, start again and remember in one compact part.
fn outcome(div: El, c: Ctx, crisis: bool, o: &Outcome, lang: Lang, content: &Content) -> El {
    let u = crate::i18n::ui(lang);
    let plan = present::plan(o, content, now());
    let text = outcome_text(o, &plan, lang, content);
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let p = w.navigator().clipboard().write_text(&text);
        crate::prelude::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            copied.set(if ok { c.ui().copied } else { c.ui().copy_failed }.into());
        });
    };
    let org_name = |st: &Step| content.org(&st.org).map(|org| txl(el("p").class("rung-org"), &org.name, lang));
    let mut k = 0;
    let first = plan.first.iter().map(|&i| {
        let st = &o.steps[i];
        k += 1;
        el("li")
            .class("rung first")
            .child(txl(
                el("h3").child(el("span").class("rung-no").text(&format!("{} {k}", u.rung))).child(must_badge(st, lang)),
                &st.action,
                lang,
            ))
            .child(org_name(st))
            .children(step_body(st, lang, content, true))
    });
    let first: Vec<El> = first.collect();
    // "Toon alle stappen" opens (and closes) every step at once; duties are never closed.
    let all_open = RwSignal::new(false);
    let mut rest = Vec::new();
    for (j, &i) in plan.rest.iter().enumerate() {
        let st = &o.steps[i];
        k += 1;
        if j > 0 {
            rest.push(el("li").class("join").attr("aria-hidden", "true").text(if st.mandatory { u.and } else { u.and_or }));
        }
        rest.push(
            el("li").class("rung").child(
                el("details")
                    .dyn_attr("open", {
                        let must = st.mandatory;
                        move || (must || all_open.get()).then(String::new)
                    })
                    .child(
                        el("summary")
                            .child(el("span").class("rung-no").text(&format!("{} {k}", u.rung)))
                            .child(must_badge(st, lang))
                            .child(el("span").class("rung-action").child(content_text(&st.action, lang)))
                            .child(content.org(&st.org).map(|org| el("span").class("rung-org").child(content_text(&org.name, lang)))),
                    )
                    .children(step_body(st, lang, content, false)),
            ),
        );
    }
    let has_rest = !rest.is_empty();
    let duties = o.steps.iter().any(|s| s.mandatory);
    let deadlines = present::deadlines(o, lang);
    let (restart, confirm) = restart_parts(c);
    // In English: the Dutch words this outcome is about, once, at the top ("suspension (schorsing)").
    let terms = if lang == Lang::En {
        let texts = [&o.title, &o.intro].into_iter().chain(o.steps.iter().flat_map(|s| {
            [Some(&s.action), s.who.as_ref(), s.what_happens.as_ref(), s.duration.as_ref(), s.does_not.as_ref()].into_iter().flatten()
        }));
        present::terms_in(texts.map(|t| t.in_lang(lang)))
    } else {
        0
    };
    crate::components::reset_terms(terms);
    let term_line = (terms != 0).then(|| {
        let items = present::TERMS.iter().enumerate().filter(|(i, _)| terms & (1 << i) != 0);
        items.enumerate().fold(el("p").class("terms").child(el("strong").text(u.terms_title)).text(" "), |p, (k, (_, (en, nl)))| {
            p.text(if k > 0 { " · " } else { "" }).text(en).text(" (").child(el("i").attr("lang", "nl").text(nl)).text(")")
        })
    });
    div.child(txl(el("h1").attr("tabindex", "-1").attr_if(o.urgent, "class", "urgent"), &o.title, lang))
        .child(term_line)
        .children(deadlines.into_iter().map(|(i, d)| {
            let who = content.org(&o.steps[i].org).map(|org| markup::plain(org.name.in_lang(lang))).unwrap_or_default();
            crate::components::linked(el("p").class("deadline").child(el("strong").text(u.deadline).text(": ")), &d, lang)
                .text(&format!(" ({who})"))
        }))
        .child(rich(&o.intro, lang, "intro"))
        .child(
            el("section")
                .class("do-first")
                .attr("aria-labelledby", "do-first")
                .child(el("h2").id("do-first").text(u.do_first))
                .child(el("ol").class("first-steps").children(first)),
        )
        .child(has_rest.then(|| {
            el("section")
                .class("then")
                .attr("aria-labelledby", "then")
                .child(
                    el("div").class("then-head").child(el("h2").id("then").text(if duties { u.then_duties } else { u.then_steps })).child(
                        el("button")
                            .attr("type", "button")
                            .class("link show-all no-print")
                            .dyn_attr("aria-expanded", move || Some(all_open.get().to_string()))
                            .on_click(move |_| all_open.update(|o| *o = !*o))
                            .dyn_text(move || if all_open.get() { c.ui().hide_all } else { c.ui().show_all }.into()),
                    ),
                )
                .child(el("ol").class("ladder").children(rest))
        }))
        .child(crisis.then(|| crisis_way_back(c, lang)))
        .child(
            el("div")
                .class("tools no-print")
                .child(
                    el("p")
                        .class("actions")
                        .child(
                            el("button")
                                .attr("type", "button")
                                .on_click(|_| {
                                    if let Some(w) = web_sys::window() {
                                        let _ = w.print();
                                    }
                                })
                                .text(u.print),
                        )
                        .child(el("button").attr("type", "button").on_click(copy).text(u.copy))
                        .child(restart),
                )
                .child(el("p").class("local-status").attr("role", "status").dyn_text(move || copied.get()))
                .child(confirm)
                .child(super::consent(c)),
        )
}

/// "Opnieuw beginnen" and, where the user is, its confirmation: "Opnieuw beginnen? Je
/// antwoorden worden dan niet meer bewaard." Both ways end saving; one also erases everything.
/// Returns the button and the confirmation region.
pub fn restart_parts(c: Ctx) -> (El, El) {
    let open = RwSignal::new(false);
    let button = el("button")
        .attr("type", "button")
        .class("restart")
        .attr("aria-controls", "restart-confirm")
        .dyn_attr("aria-expanded", move || Some(open.get().to_string()))
        .on_click(move |_| {
            open.set(true);
            request_animation_frame(|| crate::web::focus("#restart-confirm button"));
        })
        .text(c.ui().start_again);
    let confirm = el("div").id("restart-confirm").dyn_child(move || {
        if !open.get() {
            return vec![];
        }
        let u = c.ui();
        Nodes::from(
            el("div").class("confirm").child(el("p").text(u.restart_confirm)).child(
                el("p")
                    .class("actions")
                    .child(el("button").attr("type", "button").class("primary").on_click(move |_| c.restart(false)).text(u.restart_yes))
                    .child(el("button").attr("type", "button").on_click(move |_| c.restart(true)).text(u.restart_wipe))
                    .child(
                        el("button")
                            .attr("type", "button")
                            .on_click(move |_| {
                                open.set(false);
                                crate::web::focus("button.restart");
                            })
                            .text(u.cancel),
                    ),
            ),
        )
    });
    (button, confirm)
}

/// "Verder waar je was?" on the start screen, when saved progress was found. "Nee, begin
/// opnieuw" ends saving (the next person did not agree to it); or erase everything.
fn resume_prompt(c: Ctx) -> El {
    el("div").dyn_child(move || {
        let Some(r) = c.resume.get() else { return vec![] };
        let dropped = r.dropped;
        let u = c.ui();
        let yes = move |_| c.resume_walk(r.clone());
        Nodes::from(
            el("section")
                .class("resume")
                .attr("aria-labelledby", "resume-title")
                .child(el("h2").id("resume-title").text(u.resume_title))
                .child((dropped > 0).then(|| el("p").text(u.resume_updated)))
                .child(
                    el("p")
                        .class("actions")
                        .child(el("button").attr("type", "button").class("primary").on_click(yes).text(u.resume_yes))
                        .child(el("button").attr("type", "button").on_click(move |_| c.restart(false)).text(u.resume_no))
                        .child(el("button").attr("type", "button").on_click(move |_| c.restart(true)).text(u.restart_wipe)),
                ),
        )
    })
}

/// Above the start question's buttons once a topic was chosen in the search: the audience
/// is asked once, by the start question itself.
fn topic_note(c: Ctx) -> El {
    el("div").dyn_child(move || {
        let Some(id) = c.topic.get() else { return vec![] };
        let lang = c.lang.get_untracked();
        let Some(l) = c.loaded.get_untracked() else { return vec![] };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == id) else { return vec![] };
        Nodes::from(
            el("p")
                .class("topic-note")
                .id("topic-note")
                .attr("tabindex", "-1")
                .text(crate::i18n::ui(lang).topic_chosen)
                .text(" ")
                .child(el("strong").child(content_text(&t.label, lang))),
        )
    })
}

/// Topic search: keywords from content jump into the right branch as if clicked; names
/// and numbers of organisations show their contact lines at once.
fn topic_search(c: Ctx) -> El {
    let query = RwSignal::new(String::new());
    let results = move || -> Nodes {
        let q = query.get();
        let lang = c.lang.get_untracked();
        let u = crate::i18n::ui(lang);
        let Some(l) = c.loaded.get_untracked() else { return vec![] };
        if q.trim().chars().count() < 3 {
            return vec![];
        }
        let (topics, orgs) = present::search(&l.content, &q, lang);
        if topics.is_empty() && orgs.is_empty() {
            let open = present::open_line(&l.content, now());
            return Nodes::from(
                el("div")
                    .child(el("p").text(u.search_none_orgs).text(" ").child(link(c, Route::Organisations).text(u.nav_orgs)).text("."))
                    .child(open.map(|(o, ch)| {
                        let s = present::status(ch.hours.as_ref(), now());
                        el("p")
                            .text(u.search_call_now)
                            .text(" ")
                            .child(content_text(&o.name, lang))
                            .text(" ")
                            .child(el("a").class("tel").attr("href", &present::tel_href(&ch.value)).text(&ch.value))
                            .text(" ")
                            .child(el("span").class("status open").text(&present::status_text(s, lang)))
                    })),
            );
        }
        let audience = c.main.with_untracked(|w| w.audience(&l.content));
        let topic_list = (!topics.is_empty()).then(|| {
            el("ul").class("options").children(topics.into_iter().map(|t| {
                let id = t.id.clone();
                el("li").child(
                    el("button")
                        .attr("type", "button")
                        .class("option")
                        .on_click(move |_| {
                            if audience.is_some_and(|a| c.jump(&id, a.id())) {
                                return;
                            }
                            // Ask the audience once: the start question above is that question.
                            c.topic.set(Some(id.clone()));
                            request_animation_frame(|| crate::web::focus("#topic-note"));
                        })
                        .child(content_text(&t.label, lang)),
                )
            }))
        });
        let org_list = (!orgs.is_empty()).then(|| {
            el("div").class("org-hits").child(el("h3").text(u.search_orgs)).children(orgs.into_iter().map(|o| {
                el("div")
                    .class("org-hit")
                    .child(el("p").class("org-name").child(content_text(&o.name, lang)))
                    .child(org_card(o, lang, false, false))
            }))
        });
        vec![topic_list.map(Into::into), org_list.map(Into::into)].into_iter().flatten().collect()
    };
    let u = c.ui();
    el("section")
        .class("search")
        .attr("aria-labelledby", "search-label")
        .child(el("h2").id("search-label").child(el("label").attr("for", "topic-search").text(u.search_label)))
        .child(
            el("input")
                .id("topic-search")
                .attr("type", "search")
                .attr("autocomplete", "off")
                .attr("aria-describedby", "search-hint")
                .on("input", move |ev| query.set(event_target_value(&ev))),
        )
        .child(el("p").id("search-hint").class("hint").text(u.search_hint))
        .child(el("div").attr("role", "status").attr("aria-live", "polite").class("search-results").dyn_child(results))
}
