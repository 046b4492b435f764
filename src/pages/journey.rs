//! The journey: the node at step `n` of a walk, rendered as a question, an info screen
//! or an outcome. All routing decisions come from the core walker.

use crate::app::{Ctx, Resume};
use crate::components::{link, org_card, rich};
use crate::dom::{el, one, tx, Nodes, E};
use crate::route::Route;
use leptos::prelude::*;
use wegwijzer_core::markup;
use wegwijzer_core::walker::{route_to, Walk};
use wegwijzer_core::{Audience, Content, Info, Lang, Node, Outcome, Question, Text, DONT_KNOW};

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
    let div = el("div").cls("journey").a("data-node", node_id).opt(back_link(c, crisis, n, lang));
    let div = match node {
        Node::Question(q) => question(div, c, crisis, n, q, previous, lang, &l.content),
        Node::Info(i) => info(div, c, crisis, n, i, lang),
        Node::Outcome(o) => outcome(div, c, o, lang, &l.content),
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
    target.map(|r| link(c, r).cls("back").t(u.back))
}

#[allow(clippy::too_many_arguments)]
fn question(div: E, c: Ctx, crisis: bool, n: usize, q: &Question, previous: Option<&str>, lang: Lang, content: &Content) -> E {
    let u = crate::i18n::ui(lang);
    let is_start = !crisis && n == 1 && q.id == content.tree.start;
    let dont_know = q.dont_know.as_ref().map(|d| {
        let label = d.label.clone().unwrap_or(Text { nl: crate::i18n::NL.dont_know.into(), en: Some(crate::i18n::EN.dont_know.into()) });
        (DONT_KNOW, label, None)
    });
    let options = q.options.iter().map(|o| (o.id.as_str(), o.label.clone(), o.hint.as_ref())).chain(dont_know);
    let legend_id = format!("q-{}", q.id);
    let buttons = options.map(|(id, label, hint)| {
        let was = previous == Some(id);
        let (qid, choice) = (q.id.clone(), id.to_string());
        el("li").c(el("button")
            .a("type", "button")
            .cls(if was { "option chosen" } else { "option" })
            .a_if(was, "aria-pressed", "true")
            .a("data-choice", id)
            .click(move |_| choose(c, crisis, n, qid.clone(), choice.clone()))
            .c(el("span").cls("label").n(tx(&label, lang)))
            .opt(hint.map(|h| el("span").cls("hint").n(tx(h, lang))))
            .opt(was.then(|| el("span").cls("was").t(" (").t(u.previous_answer).t(")"))))
    });
    let div = if is_start {
        div.c(resume_prompt(c)).c(el("p").cls("crisis-top").c(el("button")
            .a("type", "button")
            .cls("crisis-button")
            .click(move |_| c.go(Route::Crisis(1)))
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
            .c(el("ul").cls("options").kids(buttons)))
        .opt(is_start.then(|| topic_search(c)))
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
    div.c(el("h1").a("tabindex", "-1").n(tx(&i.title, lang))).c(rich(&i.body, lang, "")).c(el("p").c(button))
}

/// The route as plain text, for "copy as text".
fn outcome_text(o: &Outcome, lang: Lang, content: &Content) -> String {
    let u = crate::i18n::ui(lang);
    let mut s = format!("{}\n\n{}\n\n", markup::plain(o.title.in_lang(lang)), markup::plain(o.intro.in_lang(lang)));
    for (i, st) in o.steps.iter().enumerate() {
        s.push_str(&format!("{} {}: {}\n", u.rung, i + 1, markup::plain(st.action.in_lang(lang))));
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

fn outcome(div: E, c: Ctx, o: &Outcome, lang: Lang, content: &Content) -> E {
    let u = crate::i18n::ui(lang);
    let text = outcome_text(o, lang, content);
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let p = w.navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(p).await {
                Ok(_) => c.say(c.ui().copied),
                Err(_) => c.say(c.ui().copy_failed),
            }
        });
    };
    let rungs = o.steps.iter().enumerate().map(|(i, st)| {
        let org = content.org(&st.org);
        let facts = [(u.who, &st.who), (u.what_happens, &st.what_happens), (u.duration, &st.duration), (u.does_not, &st.does_not)]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| el("div").c(el("dt").t(k)).c(el("dd").c(rich(v, lang, "")))));
        el("li")
            .cls("rung")
            .c(el("h2").c(el("span").cls("rung-no").t(&format!("{} {}", u.rung, i + 1))).t(" ").n(tx(&st.action, lang)))
            .opt(org.map(|org| el("p").cls("rung-org").n(tx(&org.name, lang))))
            .c(el("dl").cls("rung-facts").kids(facts))
            .opt(org.map(|org| org_card(org, lang, false)))
    });
    div.c(el("h1").a("tabindex", "-1").a_if(o.urgent, "class", "urgent").n(tx(&o.title, lang)))
        .c(rich(&o.intro, lang, "intro"))
        .opt((!o.urgent).then(|| el("p").cls("skip-note").t(u.skip_note)))
        .c(el("ol").cls("ladder").kids(rungs))
        .c(el("p")
            .cls("actions no-print")
            .c(el("button")
                .a("type", "button")
                .click(|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                })
                .t(u.print))
            .c(el("button").a("type", "button").click(copy).t(u.copy))
            .c(el("button").a("type", "button").click(move |_| c.restart()).t(u.start_again)))
        .c(super::consent(c))
}

/// "Verder waar je was?" on the start screen, when saved progress was found.
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
                .c(el("button").a("type", "button").cls("primary").click(yes).t(u.resume_yes))
                .t(" ")
                .c(el("button").a("type", "button").click(move |_| c.restart()).t(u.resume_no))))
    })
}

/// Lower case without accents, for matching keywords. Dutch and English text needs only
/// ASCII plus these accented vowels; `str::to_lowercase` would add Unicode case tables
/// (kilobytes) to the wasm.
fn fold(s: &str) -> String {
    s.chars()
        .map(|ch| match ch {
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Topic search: keywords from content jump into the right branch as if clicked.
fn topic_search(c: Ctx) -> E {
    let query = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<String>);
    let jump = move |topic: &str, aud: &str| {
        let Some(l) = c.loaded.get_untracked() else { return };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == topic) else { return };
        let Some(target) = t.entry.get(aud) else { return };
        if let Some(answers) = route_to(&l.content, &l.content.tree.start, aud, target) {
            let w = Walk { entry: l.content.tree.start.clone(), answers };
            let n = w.step_number();
            c.main.set(w);
            c.go(Route::Step(n));
        }
    };
    let results = move || -> Nodes {
        let q = fold(query.get().trim());
        if q.chars().count() < 3 {
            return vec![];
        }
        let lang = c.lang.get_untracked();
        let u = crate::i18n::ui(lang);
        let Some(l) = c.loaded.get_untracked() else { return vec![] };
        let hits: Vec<_> = l
            .content
            .tree
            .topics
            .iter()
            .filter(|t| {
                let mut words = t.keywords.nl.iter().chain(t.keywords.en.iter().flatten()).map(|k| fold(k)).collect::<Vec<_>>();
                words.push(fold(t.label.in_lang(lang)));
                words.iter().any(|k| k.contains(&q) || (q.len() >= 4 && q.contains(k.as_str())))
            })
            .collect();
        if hits.is_empty() {
            return one(el("p").t(u.search_none));
        }
        let audience = c.main.with_untracked(|w| w.audience(&l.content));
        one(el("ul").cls("options").kids(hits.into_iter().map(|t| {
            let id = t.id.clone();
            el("li").c(el("button")
                .a("type", "button")
                .cls("option")
                .click(move |_| match audience {
                    Some(a) => jump(&id, a.id()),
                    None => picked.set(Some(id.clone())),
                })
                .n(tx(&t.label, lang)))
        })))
    };
    let pick_audience = move || -> Nodes {
        let Some(topic) = picked.get() else { return vec![] };
        let lang = c.lang.get_untracked();
        let u = crate::i18n::ui(lang);
        let Some(l) = c.loaded.get_untracked() else { return vec![] };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == topic) else { return vec![] };
        let buttons = Audience::ALL.iter().enumerate().filter(|(_, a)| t.entry.contains_key(a.id())).map(|(i, a)| {
            let topic = topic.clone();
            let aid = a.id();
            el("li").c(el("button").a("type", "button").cls("option").click(move |_| jump(&topic, aid)).t(u.audience_names[i]))
        });
        one(el("fieldset").cls("pick-audience").c(el("legend").t(u.search_pick_audience)).c(el("ul").cls("options").kids(buttons)))
    };
    let u = c.ui();
    el("section")
        .cls("search")
        .a("aria-labelledby", "search-label")
        .c(el("h2").id("search-label").c(el("label").a("for", "topic-search").t(u.search_label)))
        .c(el("input").id("topic-search").a("type", "search").a("autocomplete", "off").a("aria-describedby", "search-hint").on(
            "input",
            move |ev| {
                query.set(event_target_value(&ev));
                picked.set(None);
            },
        ))
        .c(el("p").id("search-hint").cls("hint").t(u.search_hint))
        .c(el("div").a("role", "status").a("aria-live", "polite").cls("search-results").dynamic(results))
        .dynamic(pick_audience)
}
