//! The journey: the node at step `n` of a walk, rendered as a question, an info screen
//! or an outcome. All routing decisions come from the core walker.

use crate::app::{ctx, Ctx, Resume};
use crate::components::{OrgCard, Rich, T};
use crate::route::Route;
use leptos::prelude::*;
use wegwijzer_core::markup;
use wegwijzer_core::walker::{route_to, Walk};
use wegwijzer_core::{Audience, Content, Info, Lang, Node, Outcome, Question, Text, DONT_KNOW};

fn route_for(crisis: bool, n: usize) -> Route {
    if crisis { Route::Crisis(n) } else { Route::Step(n) }
}

fn walk_signal(c: Ctx, crisis: bool) -> RwSignal<Walk> {
    if crisis { c.crisis } else { c.main }
}

/// Answer the node shown at step `n`: at the end of the path it extends the walk; earlier
/// it changes that answer (the core prunes what no longer applies). Then go to step n+1.
fn choose(c: Ctx, crisis: bool, n: usize, node_id: String, choice: String) {
    let Some(l) = c.loaded.get_untracked() else { return };
    let sig = walk_signal(c, crisis);
    let mut w = sig.get_untracked();
    let result = if n == w.step_number() {
        w.answer(&l.content, &choice).map(|_| Vec::new())
    } else {
        w.change(&l.content, &node_id, &choice)
    };
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

#[component]
pub fn Journey(crisis: bool, n: usize) -> impl IntoView {
    let c = ctx();
    move || {
        let lang = c.lang.get();
        let Some(l) = c.loaded.get() else { return ().into_any() };
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
            return ().into_any();
        }
        let node_id = path[n - 1].clone();
        let Some(node) = l.content.node(&node_id).cloned() else { return ().into_any() };
        let previous = walk.answers.get(n - 1).map(|a| a.choice.clone());
        let back = back_link(c, crisis, n, lang);
        let body = match node {
            Node::Question(q) => question(c, crisis, n, q, previous, lang, &l.content).into_any(),
            Node::Info(i) => info(c, crisis, n, i, lang).into_any(),
            Node::Outcome(o) => outcome(c, o, lang, &l.content).into_any(),
        };
        view! {
            <div class="journey" data-node=node_id.clone()>
                {back}
                {body}
                {(n > 1).then(|| view! {
                    <p class="journey-links">
                        <a href=Route::Summary.hash() on:click=move |ev| { ev.prevent_default(); c.go(Route::Summary); }>{c.ui().your_answers}</a>
                    </p>
                })}
            </div>
        }
        .into_any()
    }
}

fn back_link(c: Ctx, crisis: bool, n: usize, lang: Lang) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    let target = if n > 1 {
        Some(route_for(crisis, n - 1))
    } else if crisis {
        Some(Route::Step(c.main.get_untracked().step_number()))
    } else {
        None
    };
    target.map(|r| {
        view! {
            <a class="back" href=r.hash() on:click=move |ev| { ev.prevent_default(); c.go(r); }>{u.back}</a>
        }
    })
}

fn question(c: Ctx, crisis: bool, n: usize, q: Question, previous: Option<String>, lang: Lang, content: &Content) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    let is_start = !crisis && n == 1 && q.id == content.tree.start;
    let mut options: Vec<(String, Text, Option<Text>)> = q.options.iter().map(|o| (o.id.clone(), o.label.clone(), o.hint.clone())).collect();
    if let Some(d) = &q.dont_know {
        let label = d.label.clone().unwrap_or(Text { nl: crate::i18n::NL.dont_know.into(), en: Some(crate::i18n::EN.dont_know.into()) });
        options.push((DONT_KNOW.to_string(), label, None));
    }
    let qid = q.id.clone();
    let legend_id = format!("q-{}", q.id);
    view! {
        {is_start.then(|| view! { <ResumePrompt/> })}
        {is_start.then(|| view! {
            <p class="crisis-top">
                <button type="button" class="crisis-button" on:click=move |_| c.go(Route::Crisis(1))>{u.crisis_button}</button>
            </p>
        })}
        <p class="step-no">{format!("{} {n}", u.step)}</p>
        <div role="group" aria-labelledby=legend_id.clone() class="question">
            <h1 id=legend_id.clone() tabindex="-1"><T text=q.text.clone() lang=lang/></h1>
            {q.help.clone().map(|h| view! { <Rich text=h lang=lang class="help-text"/> })}
            <ul class="options">
                {options.into_iter().map(|(id, label, hint)| {
                    let was = previous.as_deref() == Some(id.as_str());
                    let qid = qid.clone();
                    let id2 = id.clone();
                    view! {
                        <li>
                            <button type="button" class="option" class:chosen=was aria-pressed=was.then_some("true")
                                data-choice=id.clone()
                                on:click=move |_| choose(c, crisis, n, qid.clone(), id2.clone())>
                                <span class="label"><T text=label lang=lang/></span>
                                {hint.map(|h| view! { <span class="hint"><T text=h lang=lang/></span> })}
                                {was.then(|| view! { <span class="was">" (" {u.previous_answer} ")"</span> })}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
        {is_start.then(|| view! { <TopicSearch/> })}
    }
}

fn info(c: Ctx, crisis: bool, n: usize, i: Info, lang: Lang) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    let id = i.id.clone();
    let label = i.button.clone();
    view! {
        <h1 tabindex="-1"><T text=i.title.clone() lang=lang/></h1>
        <Rich text=i.body.clone() lang=lang/>
        <p>
            <button type="button" class="primary" data-choice="continue"
                on:click=move |_| choose(c, crisis, n, id.clone(), wegwijzer_core::CONTINUE.into())>
                {label.map(|l| view! { <T text=l lang=lang/> }.into_any()).unwrap_or_else(|| u.continue_.into_any())}
            </button>
        </p>
    }
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

fn outcome(c: Ctx, o: Outcome, lang: Lang, content: &Content) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    let text = outcome_text(&o, lang, content);
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
    let steps: Vec<_> = o.steps.iter().map(|s| (s.clone(), content.org(&s.org).cloned())).collect();
    view! {
        <h1 tabindex="-1" class:urgent=o.urgent><T text=o.title.clone() lang=lang/></h1>
        <Rich text=o.intro.clone() lang=lang class="intro"/>
        {(!o.urgent).then(|| view! { <p class="skip-note">{u.skip_note}</p> })}
        <ol class="ladder">
            {steps.into_iter().enumerate().map(|(i, (st, org))| view! {
                <li class="rung">
                    <h2><span class="rung-no">{format!("{} {}", u.rung, i + 1)}</span> <T text=st.action.clone() lang=lang/></h2>
                    {org.clone().map(|org| view! { <p class="rung-org"><T text=org.name.clone() lang=lang/></p> })}
                    <dl class="rung-facts">
                        {[(u.who, st.who.clone()), (u.what_happens, st.what_happens.clone()), (u.duration, st.duration.clone()), (u.does_not, st.does_not.clone())]
                            .into_iter().filter_map(|(k, v)| v.map(|v| view! { <div><dt>{k}</dt><dd><Rich text=v lang=lang/></dd></div> })).collect_view()}
                    </dl>
                    {org.map(|org| view! { <OrgCard org=org lang=lang/> })}
                </li>
            }).collect_view()}
        </ol>
        <p class="actions no-print">
            <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{u.print}</button>
            <button type="button" on:click=copy>{u.copy}</button>
            <button type="button" on:click=move |_| c.restart()>{u.start_again}</button>
        </p>
        <super::Consent/>
    }
}

/// "Verder waar je was?" on the start screen, when saved progress was found.
#[component]
fn ResumePrompt() -> impl IntoView {
    let c = ctx();
    move || {
        c.resume.get().map(|Resume { walk, lang, dropped }| {
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
            let no = move |_| c.restart();
            view! {
                <section class="resume" aria-labelledby="resume-title">
                    <h2 id="resume-title">{u.resume_title}</h2>
                    {(dropped > 0).then(|| view! { <p>{u.resume_updated}</p> })}
                    <p>
                        <button type="button" class="primary" on:click=yes>{u.resume_yes}</button> " "
                        <button type="button" on:click=no>{u.resume_no}</button>
                    </p>
                </section>
            }
        })
    }
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
#[component]
fn TopicSearch() -> impl IntoView {
    let c = ctx();
    let query = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<String>);
    let jump = move |topic: String, aud: String| {
        let Some(l) = c.loaded.get_untracked() else { return };
        let Some(t) = l.content.tree.topics.iter().find(|t| t.id == topic) else { return };
        let Some(target) = t.entry.get(&aud) else { return };
        if let Some(answers) = route_to(&l.content, &l.content.tree.start, &aud, target) {
            let w = Walk { entry: l.content.tree.start.clone(), answers };
            let n = w.step_number();
            c.main.set(w);
            c.go(Route::Step(n));
        }
    };
    let results = move || {
        let q = fold(query.get().trim());
        if q.chars().count() < 3 {
            return None;
        }
        let lang = c.lang.get();
        let l = c.loaded.get()?;
        let hits: Vec<(String, Text)> = l
            .content
            .tree
            .topics
            .iter()
            .filter(|t| {
                let mut words = t.keywords.nl.iter().chain(t.keywords.en.iter().flatten()).map(|k| fold(k)).collect::<Vec<_>>();
                words.push(fold(t.label.in_lang(lang)));
                words.iter().any(|k| k.contains(&q) || (q.len() >= 4 && q.contains(k.as_str())))
            })
            .map(|t| (t.id.clone(), t.label.clone()))
            .collect();
        Some((hits, lang))
    };
    view! {
        <section class="search" aria-labelledby="search-label">
            <h2 id="search-label"><label for="topic-search">{move || c.ui().search_label}</label></h2>
            <input id="topic-search" type="search" autocomplete="off" aria-describedby="search-hint"
                prop:value=move || query.get() on:input=move |ev| { query.set(event_target_value(&ev)); picked.set(None); }/>
            <p id="search-hint" class="hint">{move || c.ui().search_hint}</p>
            <div role="status" aria-live="polite" class="search-results">
                {move || results().map(|(hits, lang)| {
                    let u = crate::i18n::ui(lang);
                    if hits.is_empty() {
                        return view! { <p>{u.search_none}</p> }.into_any();
                    }
                    let audience = c.main.with(|w| c.loaded.with(|l| l.as_ref().and_then(|l| w.audience(&l.content))));
                    view! {
                        <ul class="options">
                            {hits.into_iter().map(|(id, label)| {
                                let id2 = id.clone();
                                view! {
                                    <li><button type="button" class="option" on:click=move |_| match audience {
                                        Some(a) => jump(id2.clone(), a.id().to_string()),
                                        None => picked.set(Some(id2.clone())),
                                    }><T text=label lang=lang/></button></li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </div>
            {move || picked.get().map(|topic| {
                let lang = c.lang.get();
                let u = crate::i18n::ui(lang);
                let l = c.loaded.get()?;
                let t = l.content.tree.topics.iter().find(|t| t.id == topic)?.clone();
                Some(view! {
                    <fieldset class="pick-audience">
                        <legend>{u.search_pick_audience}</legend>
                        <ul class="options">
                            {Audience::ALL.iter().enumerate().filter(|(_, a)| t.entry.contains_key(a.id())).map(|(i, a)| {
                                let topic = topic.clone();
                                let aid = a.id().to_string();
                                view! { <li><button type="button" class="option" on:click=move |_| jump(topic.clone(), aid.clone())>{u.audience_names[i]}</button></li> }
                            }).collect_view()}
                        </ul>
                    </fieldset>
                })
            })}
        </section>
    }
}
