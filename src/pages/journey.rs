//! The journey: the node at step `n` of a walk, rendered as a question, an info screen
//! or an outcome. All routing decisions come from the core walker.

use crate::app::{Ctx, Resume};
use crate::components::{link, now, org_card, rich, txl};
use crate::dom::{el, one, tx, Nodes, E};
use crate::route::Route;
use leptos::prelude::*;
use wegwijzer_core::markup;
use wegwijzer_core::present;
use wegwijzer_core::walker::{route_to, Walk};
use wegwijzer_core::{Content, Info, Lang, Node, Outcome, Question, Step, Text, DONT_KNOW};

fn route_for(crisis: bool, n: usize) -> Route {
    if crisis {
        Route::Crisis(n)
    } else {
        Route::Step(n)
    }
}

fn walk_signal(c: Ctx, crisis: bool) -> RwSignal<Walk> {
    if crisis {
        c.crisis
    } else {
        c.main
    }
}

/// Answer the node shown at step `n`: at the end of the path it extends the walk; earlier
/// it changes that answer (the core prunes what no longer applies). Then go to step n+1.
fn choose(c: Ctx, crisis: bool, n: usize, node_id: String, choice: String) {
    let Some(l) = c.loaded.get_untracked() else { return };
    let sig = walk_signal(c, crisis);
    let mut w = sig.get_untracked();
    let result =
        if n == w.step_number() { w.answer(&l.content, &choice).map(|_| Vec::new()) } else { w.change(&l.content, &node_id, &choice) };
    match result {
        Ok(pruned) => {
            if !pruned.is_empty() {
                c.say(c.ui().pruned);
            }
            sig.set(w);
            c.go(route_for(crisis, n + 1));
        }
        Err(e) => web_sys::console::warn_1(&format!("Wegwijzer: {e}").into()),
    }
}

/// The page at step `n` of a walk (part of the routed region: it re-renders when the walk,
/// the language or the content changes).
pub fn journey(c: Ctx, crisis: bool, n: usize) -> Nodes {
    let lang = c.lang.get();
    let Some(l) = c.loaded.get() else { return vec![] };
    let walk = walk_signal(c, crisis).get();
    let path: Vec<String> = match walk.path(&l.content) {
        Ok(p) => p.into_iter().map(String::from).collect(),
        Err(_) => vec![walk.entry.clone()],
    };
    if n > path.len() || n == 0 {
        // A step that does not exist (yet): show the furthest one. Only if the route is still
        // this one when the frame comes: a walk reset ("Opnieuw beginnen" on a crisis outcome)
        // re-runs this view just before the route moves on, and must not pull it back.
        let last = path.len();
        let here = route_for(crisis, n);
        request_animation_frame(move || {
            if c.route.get_untracked() == here {
                c.replace(route_for(crisis, last.max(1)));
            }
        });
        return vec![];
    }
    let node_id = &path[n - 1];
    let Some(node) = l.content.node(node_id) else { return vec![] };
    let previous = walk.answers.get(n - 1).map(|a| a.choice.as_str());
    crate::components::reset_terms(0);
    let div = el("div").cls("journey").a("data-node", node_id).opt(back_link(c, crisis, n, lang));
    let div = match node {
        Node::Question(q) => question(div, c, crisis, n, q, previous, lang, &l.content),
        Node::Info(i) => info(div, c, crisis, n, i, lang),
        Node::Outcome(o) => outcome(div, c, crisis, o, lang, &l.content),
    };
    one(div.opt((n > 1).then(|| el("p").cls("journey-links").c(link(c, Route::Summary).t(c.ui().your_answers)))))
}

fn back_link(c: Ctx, crisis: bool, n: usize, lang: Lang) -> Option<E> {
    let u = crate::i18n::ui(lang);
    let target = if n > 1 {
        Some(route_for(crisis, n - 1))
    } else if crisis {
        Some(Route::Step(c.main.get_untracked().step_number()))
    } else {
        None
    };
    target.map(|r| {
        el("a").a("href", &r.hash()).cls("back").t(u.back).click(move |ev| {
            ev.prevent_default();
            c.back(r);
        })
    })
}

/// On the crisis walk: the way back to where the user was before "Ben je nu in gevaar?".
fn crisis_way_back(c: Ctx, lang: Lang) -> E {
    let target = c.crisis_from.get_value().unwrap_or_else(|| Route::Step(c.main.get_untracked().step_number()));
    el("p").cls("way-back").c(link(c, target).t(crate::i18n::ui(lang).back_to_where))
}

#[allow(clippy::too_many_arguments)]
fn question(div: E, c: Ctx, crisis: bool, n: usize, q: &Question, previous: Option<&str>, lang: Lang, content: &Content) -> E {
    let u = crate::i18n::ui(lang);
    let is_start = !crisis && n == 1 && q.id == content.tree.start;
    let dont_know = q.dont_know.as_ref().map(|d| {
        let label = d.label.clone().unwrap_or(Text::new(crate::i18n::NL.dont_know.into()).with(Lang::En, crate::i18n::EN.dont_know.into()));
        (DONT_KNOW, label, None)
    });
    // Escape options ("Ik ben nu in gevaar", "Weet ik niet") last, after an "of" divider.
    let (plain, escapes): (Vec<_>, Vec<_>) = q
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.label.clone(), o.hint.as_ref(), present::is_escape(content, &o.next)))
        .chain(dont_know.map(|(id, l, h)| (id, l, h, true)))
        .partition(|o| !o.3);
    let divider = (!plain.is_empty() && !escapes.is_empty()).then(|| el("li").cls("or").t(u.or));
    let legend_id = format!("q-{}", q.id);
    let button = |(id, label, hint, _): (&str, Text, Option<&Text>, bool)| {
        let was = previous == Some(id);
        let (qid, choice) = (q.id.clone(), id.to_string());
        el("li").c(el("button")
            .a("type", "button")
            .cls(if was { "option chosen" } else { "option" })
            .a_if(was, "aria-pressed", "true")
            .a("data-choice", id)
            .click(move |_| {
                // A topic chosen in the search: the audience answer leads straight to it.
                if is_start {
                    if let Some(t) = c.topic.get_untracked() {
                        if jump(c, &t, &choice) {
                            return;
                        }
                    }
                }
                choose(c, crisis, n, qid.clone(), choice.clone())
            })
            .c(el("span").cls("label").n(tx(&label, lang)))
            .opt(hint.map(|h| el("span").cls("hint").n(tx(h, lang))))
            .opt(was.then(|| el("span").cls("was").t(" (").t(u.previous_answer).t(")"))))
    };
    let items: Vec<E> = plain.into_iter().map(button).chain(divider).chain(escapes.into_iter().map(button)).collect();
    let div = if is_start {
        div.c(resume_prompt(c)).c(el("p").cls("intro-line").t(u.intro_line)).c(el("p").cls("crisis-top").c(el("button")
            .a("type", "button")
            .cls("crisis-button")
            .click(move |_| c.open_crisis())
            .t(u.crisis_button)))
    } else {
        div
    };
    div.c(el("p").cls("step-no").t(&format!("{} {n}", u.step)))
        .c(el("div")
            .a("role", "group")
            .a("aria-labelledby", &legend_id)
            .cls("question")
            .c(el("h1").id(&legend_id).a("tabindex", "-1").n(tx(&q.text, lang)))
            .opt(q.help.as_ref().map(|h| rich(h, lang, "help-text")))
            .opt(is_start.then(|| topic_note(c)))
            .c(el("ul").cls("options").kids(items)))
        .opt(is_start.then(|| topic_search(c)))
        .opt(crisis.then(|| crisis_way_back(c, lang)))
}

fn info(div: E, c: Ctx, crisis: bool, n: usize, i: &Info, lang: Lang) -> E {
    let u = crate::i18n::ui(lang);
    let id = i.id.clone();
    let button = el("button")
        .a("type", "button")
        .cls("primary")
        .a("data-choice", "continue")
        .click(move |_| choose(c, crisis, n, id.clone(), wegwijzer_core::CONTINUE.into()));
    let button = match &i.button {
        Some(l) => button.n(tx(l, lang)),
        None => button.t(u.continue_),
    };
    div.c(el("h1").a("tabindex", "-1").n(tx(&i.title, lang)))
        .c(rich(&i.body, lang, ""))
        .c(el("p").c(button))
        .opt(crisis.then(|| crisis_way_back(c, lang)))
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
fn step_body(st: &Step, lang: Lang, content: &Content, big: bool) -> Vec<E> {
    let u = crate::i18n::ui(lang);
    let facts = [(u.who, &st.who), (u.what_happens, &st.what_happens), (u.duration, &st.duration), (u.does_not, &st.does_not)];
    let facts: E = if big {
        el("div").cls("rung-facts").kids(facts.into_iter().filter_map(|(k, v)| {
            let label = (k == u.does_not).then(|| el("strong").t(k).t(": "));
            v.as_ref().map(|v| txl(el("p").opt(label), v, lang))
        }))
    } else {
        el("dl")
            .cls("rung-facts")
            .kids(facts.into_iter().filter_map(|(k, v)| v.as_ref().map(|v| el("div").c(el("dt").t(k)).c(el("dd").c(rich(v, lang, ""))))))
    };
    let org = content.org(&st.org);
    if big {
        // The call and chat buttons first, right under the action; "Meer over" last.
        let reach = org.and_then(|o| crate::components::org_reach(o, lang, true));
        return reach.into_iter().chain([facts]).chain(org.map(|o| crate::components::org_more(o, lang))).collect();
    }
    vec![facts].into_iter().chain(org.map(|org| org_card(org, lang, false, big))).collect()
}

fn must_badge(st: &Step, lang: Lang) -> Option<E> {
    st.mandatory.then(|| el("span").cls("badge must").t(crate::i18n::ui(lang).mandatory))
}

/// An outcome that leads with the action: deadlines, the content's intro, "Doe dit eerst"
/// (one or two steps with large call and chat buttons), then the rest of the ladder as
/// numbered steps, collapsed (duties stay open), "en/of" between them, "Toon alle stappen";
/// print, copy, start again and remember in one compact part.
fn outcome(div: E, c: Ctx, crisis: bool, o: &Outcome, lang: Lang, content: &Content) -> E {
    let u = crate::i18n::ui(lang);
    let plan = present::plan(o, content, now());
    let text = outcome_text(o, &plan, lang, content);
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let p = w.navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            copied.set(if ok { c.ui().copied } else { c.ui().copy_failed }.into());
        });
    };
    let org_name = |st: &Step| content.org(&st.org).map(|org| txl(el("p").cls("rung-org"), &org.name, lang));
    let mut k = 0;
    let first = plan.first.iter().map(|&i| {
        let st = &o.steps[i];
        k += 1;
        el("li")
            .cls("rung first")
            .c(txl(el("h3").c(el("span").cls("rung-no").t(&format!("{} {k}", u.rung))).opt(must_badge(st, lang)), &st.action, lang))
            .opt(org_name(st))
            .kids(step_body(st, lang, content, true))
    });
    let first: Vec<E> = first.collect();
    // "Toon alle stappen" opens (and closes) every step at once; duties are never closed.
    let all_open = RwSignal::new(false);
    let mut rest = Vec::new();
    for (j, &i) in plan.rest.iter().enumerate() {
        let st = &o.steps[i];
        k += 1;
        if j > 0 {
            rest.push(el("li").cls("join").a("aria-hidden", "true").t(if st.mandatory { u.and } else { u.and_or }));
        }
        rest.push(
            el("li").cls("rung").c(el("details")
                .ra("open", {
                    let must = st.mandatory;
                    move || (must || all_open.get()).then(String::new)
                })
                .c(el("summary")
                    .c(el("span").cls("rung-no").t(&format!("{} {k}", u.rung)))
                    .opt(must_badge(st, lang))
                    .c(el("span").cls("rung-action").n(tx(&st.action, lang)))
                    .opt(content.org(&st.org).map(|org| el("span").cls("rung-org").n(tx(&org.name, lang)))))
                .kids(step_body(st, lang, content, false))),
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
        items.enumerate().fold(el("p").cls("terms").c(el("strong").t(u.terms_title)).t(" "), |p, (k, (_, (en, nl)))| {
            p.t(if k > 0 { " · " } else { "" }).t(en).t(" (").c(el("i").a("lang", "nl").t(nl)).t(")")
        })
    });
    div.c(txl(el("h1").a("tabindex", "-1").a_if(o.urgent, "class", "urgent"), &o.title, lang))
        .opt(term_line)
        .kids(deadlines.into_iter().map(|(i, d)| {
            let who = content.org(&o.steps[i].org).map(|org| markup::plain(org.name.in_lang(lang))).unwrap_or_default();
            crate::components::linked(el("p").cls("deadline").c(el("strong").t(u.deadline).t(": ")), &d, lang).t(&format!(" ({who})"))
        }))
        .c(rich(&o.intro, lang, "intro"))
        .c(el("section")
            .cls("do-first")
            .a("aria-labelledby", "do-first")
            .c(el("h2").id("do-first").t(u.do_first))
            .c(el("ol").cls("first-steps").kids(first)))
        .opt(has_rest.then(|| {
            el("section")
                .cls("then")
                .a("aria-labelledby", "then")
                .c(el("div").cls("then-head").c(el("h2").id("then").t(if duties { u.then_duties } else { u.then_steps })).c(el("button")
                    .a("type", "button")
                    .cls("link show-all no-print")
                    .ra("aria-expanded", move || Some(all_open.get().to_string()))
                    .click(move |_| all_open.update(|o| *o = !*o))
                    .rt(move || if all_open.get() { c.ui().hide_all } else { c.ui().show_all }.into())))
                .c(el("ol").cls("ladder").kids(rest))
        }))
        .opt(crisis.then(|| crisis_way_back(c, lang)))
        .c(el("div")
            .cls("tools no-print")
            .c(el("p")
                .cls("actions")
                .c(el("button")
                    .a("type", "button")
                    .click(|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    })
                    .t(u.print))
                .c(el("button").a("type", "button").click(copy).t(u.copy))
                .c(restart))
            .c(el("p").cls("local-status").a("role", "status").rt(move || copied.get()))
            .c(confirm)
            .c(super::consent(c)))
}

/// "Opnieuw beginnen" and, where the user is, its confirmation: "Opnieuw beginnen? Je
/// antwoorden worden dan niet meer bewaard." Both ways end saving; one also erases everything.
/// Returns the button and the confirmation region.
pub fn restart_parts(c: Ctx) -> (E, E) {
    let open = RwSignal::new(false);
    let button = el("button")
        .a("type", "button")
        .cls("restart")
        .a("aria-controls", "restart-confirm")
        .ra("aria-expanded", move || Some(open.get().to_string()))
        .click(move |_| {
            open.set(true);
            request_animation_frame(|| crate::components::focus("#restart-confirm button"));
        })
        .t(c.ui().start_again);
    let confirm = el("div").id("restart-confirm").dynamic(move || {
        if !open.get() {
            return vec![];
        }
        let u = c.ui();
        one(el("div").cls("confirm").c(el("p").t(u.restart_confirm)).c(el("p")
            .cls("actions")
            .c(el("button").a("type", "button").cls("primary").click(move |_| c.restart(false)).t(u.restart_yes))
            .c(el("button").a("type", "button").click(move |_| c.restart(true)).t(u.restart_wipe))
            .c(el("button")
                .a("type", "button")
                .click(move |_| {
                    open.set(false);
                    crate::components::focus("button.restart");
                })
                .t(u.cancel))))
    });
    (button, confirm)
}

/// "Verder waar je was?" on the start screen, when saved progress was found. "Nee, begin
/// opnieuw" ends saving (the next person did not agree to it); or erase everything.
fn resume_prompt(c: Ctx) -> E {
    el("div").dynamic(move || {
        let Some(Resume { walk, lang, dropped }) = c.resume.get() else { return vec![] };
        let u = c.ui();
        let yes = move |_| {
            c.main.set(walk.clone());
            c.lang.set(lang);
            c.resume.set(None);
            if dropped > 0 {
                c.say(c.ui().resume_updated);
            }
            c.go(Route::Step(walk.step_number()));
        };
        one(el("section")
            .cls("resume")
            .a("aria-labelledby", "resume-title")
            .c(el("h2").id("resume-title").t(u.resume_title))
            .opt((dropped > 0).then(|| el("p").t(u.resume_updated)))
            .c(el("p")
                .cls("actions")
                .c(el("button").a("type", "button").cls("primary").click(yes).t(u.resume_yes))
                .c(el("button").a("type", "button").click(move |_| c.restart(false)).t(u.resume_no))
                .c(el("button").a("type", "button").click(move |_| c.restart(true)).t(u.restart_wipe))))
    })
}

/// Go to a topic's entry for an audience, as if clicked there. False when the topic has
/// no entry for that audience.
fn jump(c: Ctx, topic: &str, aud: &str) -> bool {
    let Some(l) = c.loaded.get_untracked() else { return false };
    let Some(t) = l.content.tree.topics.iter().find(|t| t.id == topic) else { return false };
    let Some(target) = t.entry.get(aud) else { return false };
    let Some(answers) = route_to(&l.content, &l.content.tree.start, aud, target) else { return false };
    let w = Walk { entry: l.content.tree.start.clone(), answers };
    let n = w.step_number();
    c.topic.set(None);
    c.main.set(w);
    c.go(Route::Step(n));
    true
}

/// Above the start question's buttons once a topic was chosen in the search: the audience
/// is asked once, by the start question itself.
fn topic_note(c: Ctx) -> E {
    el("div").dynamic(move || {
        let Some(id) = c.topic.get() else { return vec![] };
        let lang = c.lang.get_untracked();
        let Some(l) = c.loaded.get_untracked() else { return vec![] };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == id) else { return vec![] };
        one(el("p")
            .cls("topic-note")
            .id("topic-note")
            .a("tabindex", "-1")
            .t(crate::i18n::ui(lang).topic_chosen)
            .t(" ")
            .c(el("strong").n(tx(&t.label, lang))))
    })
}

/// Topic search: keywords from content jump into the right branch as if clicked; names
/// and numbers of organisations show their contact lines at once.
fn topic_search(c: Ctx) -> E {
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
            return one(el("div").c(el("p").t(u.search_none_orgs).t(" ").c(link(c, Route::Organisations).t(u.nav_orgs)).t(".")).opt(
                open.map(|(o, ch)| {
                    let s = present::status(ch.hours.as_ref(), now());
                    el("p")
                        .t(u.search_call_now)
                        .t(" ")
                        .n(tx(&o.name, lang))
                        .t(" ")
                        .c(el("a").cls("tel").a("href", &present::tel_href(&ch.value)).t(&ch.value))
                        .t(" ")
                        .c(el("span").cls("status open").t(&present::status_text(s, lang)))
                }),
            ));
        }
        let audience = c.main.with_untracked(|w| w.audience(&l.content));
        let topic_list = (!topics.is_empty()).then(|| {
            el("ul").cls("options").kids(topics.into_iter().map(|t| {
                let id = t.id.clone();
                el("li").c(el("button")
                    .a("type", "button")
                    .cls("option")
                    .click(move |_| {
                        if audience.is_some_and(|a| jump(c, &id, a.id())) {
                            return;
                        }
                        // Ask the audience once: the start question above is that question.
                        c.topic.set(Some(id.clone()));
                        request_animation_frame(|| crate::components::focus("#topic-note"));
                    })
                    .n(tx(&t.label, lang)))
            }))
        });
        let org_list = (!orgs.is_empty()).then(|| {
            el("div").cls("org-hits").c(el("h3").t(u.search_orgs)).kids(
                orgs.into_iter()
                    .map(|o| el("div").cls("org-hit").c(el("p").cls("org-name").n(tx(&o.name, lang))).c(org_card(o, lang, false, false))),
            )
        });
        vec![topic_list.map(Into::into), org_list.map(Into::into)].into_iter().flatten().collect()
    };
    let u = c.ui();
    el("section")
        .cls("search")
        .a("aria-labelledby", "search-label")
        .c(el("h2").id("search-label").c(el("label").a("for", "topic-search").t(u.search_label)))
        .c(el("input")
            .id("topic-search")
            .a("type", "search")
            .a("autocomplete", "off")
            .a("aria-describedby", "search-hint")
            .on("input", move |ev| query.set(event_target_value(&ev))))
        .c(el("p").id("search-hint").cls("hint").t(u.search_hint))
        .c(el("div").a("role", "status").a("aria-live", "polite").cls("search-results").dynamic(results))
}
