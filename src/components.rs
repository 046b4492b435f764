//! Building blocks shown on many screens: header with quick exit, banners, the help block,
//! the footer, safe markup, organisation cards and channels.

use crate::app::{ctx, Ctx};
use crate::route::Route;
use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wegwijzer_core::markup::{self, Block, Inline};
use wegwijzer_core::{hours, Anonymity, Channel, ChannelKind, Cost, Lang, Organisation, Text};

/// Where quick exit goes before content (with its configured site) has loaded.
/// Keep equal to `public/embed.js`.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.nl/";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Leave at once: cloak, neutral title, erase our storage and state, replace the location
/// (of the top window when framed, allowed because this runs in a user gesture).
/// Top level: first wait (at most 400 ms, behind the cloak) until IndexedDB is erased, and
/// step back over the history entries the app pushed itself, so that Back after the replace
/// lands on the page before the app instead of an earlier screen of it.
pub fn quick_exit(c: Ctx) {
    use wasm_bindgen::closure::Closure;
    let url = c.exit_url();
    if let Some(d) = document() {
        if let Some(h) = d.document_element() {
            let _ = h.class_list().add_1("cloak");
        }
        d.set_title("Nieuw tabblad");
    }
    storage::wipe_sync();
    c.consent.set(false);
    c.resume.set(None);
    c.main.update(|w| w.answers.clear());
    c.crisis.update(|w| w.answers.clear());
    c.notice.set(None);
    let Some(w) = web_sys::window() else { return };
    let top = w.top().ok().flatten();
    let framed = top.as_ref().is_some_and(|t| !js_sys::Object::is(t, &w));
    if framed {
        // Synchronously, while the gesture counts (sandbox: allow-top-navigation-by-user-activation).
        if let Some(t) = &top {
            if t.location().replace(&url).is_ok() {
                leptos::task::spawn_local(storage::wipe_idb());
                return;
            }
        }
        // Top navigation refused (sandbox without it): ask embed.js on the host page, then leave the frame.
        if let Ok(Some(parent)) = w.parent() {
            if let Some(origin) = c.embed.with_value(|e| e.origin.clone()) {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"type".into(), &"wegwijzer:exit".into());
                let _ = parent.post_message(&msg, &origin);
            }
        }
        let _ = w.location().replace(&url);
        return;
    }
    let depth = crate::app::history_index();
    leptos::task::spawn_local(async move {
        let timeout = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 400);
            }
        });
        let wipe = wasm_bindgen_futures::future_to_promise(async {
            storage::wipe_idb().await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&wipe, &timeout))).await;
        let Some(w) = web_sys::window() else { return };
        let leave = {
            let url = url.clone();
            move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().replace(&url);
                }
            }
        };
        let history = w.history().ok();
        match history {
            Some(h) if depth > 0 => {
                // Back over our own (same-document) entries; replace once there.
                let once = Closure::once_into_js(leave.clone());
                let _ = w.add_event_listener_with_callback("popstate", once.unchecked_ref());
                let fallback = Closure::once_into_js(leave);
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 300);
                if h.go_with_delta(-(depth as i32)).is_err() {
                    let _ = w.location().replace(&url);
                }
            }
            _ => leave(),
        }
    });
}

/// Focus the app's h1. Scoped to the app's `<main id="main">`: index.html has other `<main>`
/// elements (the hidden failure screen), whose h1 comes first in the document.
pub fn focus_h1() {
    if let Some(h) = document().and_then(|d| d.query_selector("#main h1").ok().flatten()) {
        if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// The choice clicked on the static first screen before wasm arrived (see index.html).
pub fn take_early_click() -> Option<String> {
    let w = web_sys::window()?;
    let v = js_sys::Reflect::get(&w, &"__wwEarly".into()).ok()?;
    let _ = js_sys::Reflect::delete_property(&w, &"__wwEarly".into());
    v.as_string()
}

/// Remove the static first screen once the app renders; on failure keep its help block.
pub fn retire_static_shell(failed: bool) {
    let Some(d) = document() else { return };
    if let Some(s) = d.get_element_by_id("static-shell") {
        s.remove();
    }
    // #app stays hidden while loading, so swapping static for live is no layout shift.
    if let Some(a) = d.get_element_by_id("app") {
        let _ = a.remove_attribute("hidden");
    }
    if let Some(h) = d.get_element_by_id("static-help") {
        if failed {
            let _ = h.remove_attribute("hidden");
        } else {
            let _ = h.set_attribute("hidden", "");
        }
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let c = ctx();
    let switch = move |_| {
        c.lang.update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl });
    };
    let other = move || if c.lang.get() == Lang::Nl { "en" } else { "nl" };
    view! {
        <header class="top">
            <button type="button" class="exit" on:click=move |_| quick_exit(c)
                aria-describedby="exit-hint">{move || c.ui().exit}</button>
            <span id="exit-hint" class="exit-hint">{move || c.ui().exit_hint}</span>
            <a class="brand" href="#/" on:click=move |ev| { ev.prevent_default(); c.go(Route::Step(1)); }>"Wegwijzer"</a>
            <button type="button" class="lang" lang=other aria-label=move || c.ui().lang_switch_label on:click=switch>
                {move || c.ui().lang_switch}
            </button>
        </header>
    }
}

/// Status line (aria-live), offline indicator, update prompt, quick-exit progress.
#[component]
pub fn Banners() -> impl IntoView {
    let c = ctx();
    let stale = move || c.loaded.with(|l| l.as_ref().is_some_and(|l| l.stale));
    let shift = move || match c.shift_count.get() {
        1 => c.ui().exit_progress_1,
        2 => c.ui().exit_progress_2,
        _ => "",
    };
    view! {
        <div class="banners">
            <p class="shift-progress" role="status" aria-live="assertive">{shift}</p>
            <Show when=move || c.offline.get()>
                <p class="badge offline" role="status">{move || c.ui().offline}</p>
            </Show>
            <Show when=stale>
                <p class="notice warn">{move || c.ui().notice_stale}</p>
            </Show>
            <Show when=move || c.update_ready.get()>
                <p class="notice update">
                    {move || c.ui().update_ready} " — "
                    <button type="button" class="link" on:click=move |_| crate::pwa::apply_update()>{move || c.ui().update_button}</button>
                </p>
            </Show>
            <p class="notice" role="status" aria-live="polite">{move || c.notice.get().unwrap_or_default()}</p>
        </div>
    }
}

/// Human help, in the same place on every screen (WCAG 3.2.6): helpdesk and crisis lines.
#[component]
pub fn HelpBlock() -> impl IntoView {
    let c = ctx();
    view! {
        <aside class="help" aria-labelledby="help-title">
            <h2 id="help-title">{move || c.ui().help_title}</h2>
            {move || {
                let lang = c.lang.get();
                c.loaded.get().map(|l| {
                    let a = &l.content.tree.always;
                    let helpdesk = l.content.org(&a.helpdesk).cloned();
                    let crisis: Vec<Organisation> = a.crisis.iter().filter_map(|id| l.content.org(id).cloned()).collect();
                    view! {
                        {helpdesk.map(|o| view! {
                            <div class="helpdesk">
                                <p class="org-name"><T text=o.name.clone() lang=lang/></p>
                                <Channels channels=o.channels.clone() lang=lang/>
                            </div>
                        })}
                        <div class="crisis">
                            <h3>{ui_of(lang).crisis_title}</h3>
                            <ul class="crisis-list">
                                {crisis.into_iter().map(|o| {
                                    let ch = o.channels.iter().find(|ch| ch.kind == ChannelKind::Phone).cloned();
                                    view! {
                                        <li>
                                            <span><T text=o.name.clone() lang=lang/></span> " "
                                            {ch.map(|ch| view! { <a class="tel" href=tel_href(&ch.value)>{ch.value.clone()}</a> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <button type="button" class="crisis-link" on:click=move |_| c.go(Route::Crisis(1))>
                                {ui_of(lang).crisis_button}
                            </button>
                        </div>
                    }
                })
            }}
        </aside>
    }
}

fn ui_of(lang: Lang) -> &'static crate::i18n::Ui {
    crate::i18n::ui(lang)
}

#[component]
pub fn Footer() -> impl IntoView {
    let c = ctx();
    let link = move |r: Route, label: fn(&crate::i18n::Ui) -> &'static str| {
        view! {
            <li><a href=r.hash() on:click=move |ev| { ev.prevent_default(); c.go(r); }>{move || label(c.ui())}</a></li>
        }
    };
    view! {
        <footer class="foot">
            <nav aria-label=move || c.ui().nav_label>
                <ul>
                    {link(Route::Step(1), |u| u.nav_start)}
                    {link(Route::Organisations, |u| u.nav_orgs)}
                    {link(Route::Overview, |u| u.nav_overview)}
                    {link(Route::Safety, |u| u.nav_safety)}
                    {link(Route::Accessibility, |u| u.nav_a11y)}
                    {link(Route::About, |u| u.nav_about)}
                    {link(Route::Schools, |u| u.nav_schools)}
                </ul>
            </nav>
        </footer>
    }
}

/// A content text as plain inline text, with `lang` when it fell back to another language.
#[component]
pub fn T(text: Text, lang: Lang) -> impl IntoView {
    let (s, used) = text.get(lang);
    let plain = markup::plain(s);
    if used != lang {
        view! { <span lang=used.code()>{plain}</span> }.into_any()
    } else {
        plain.into_any()
    }
}

/// A content text with its markup rendered as elements (never as HTML).
#[component]
pub fn Rich(text: Text, lang: Lang, #[prop(optional)] class: &'static str) -> impl IntoView {
    let (s, used) = text.get(lang);
    let lang_attr = (used != lang).then(|| used.code());
    let blocks = markup::parse(s);
    view! {
        <div class=format!("rich {class}") lang=lang_attr>
            {blocks.into_iter().map(|b| match b {
                Block::Paragraph(runs) => view! { <p>{inlines(runs)}</p> }.into_any(),
                Block::List(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}</ul> }.into_any(),
            }).collect_view()}
        </div>
    }
}

fn inlines(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|r| match r {
            Inline::Text(t) => t.into_any(),
            Inline::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Link { label, href } => {
                let external = href.starts_with("https:");
                view! { <a href=href rel=external.then_some("noopener noreferrer") target=external.then_some("_blank")>{label}</a> }.into_any()
            }
        })
        .collect_view()
}

pub fn tel_href(v: &str) -> String {
    let digits: String = v.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Contact channels as real links, with opening hours and "nu open / nu gesloten".
#[component]
pub fn Channels(channels: Vec<Channel>, lang: Lang) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    view! {
        <ul class="channels">
            {channels.into_iter().map(|ch| {
                let kind = match ch.kind {
                    ChannelKind::Phone => u.channel_phone,
                    ChannelKind::Chat => u.channel_chat,
                    ChannelKind::Email => u.channel_email,
                    ChannelKind::Website => u.channel_website,
                    ChannelKind::Whatsapp => u.channel_whatsapp,
                    ChannelKind::Sms => u.channel_sms,
                };
                let label = ch.label.as_ref().map(|l| markup::plain(l.in_lang(lang))).unwrap_or_else(|| kind.to_string());
                let v = ch.value.clone();
                let link = match ch.kind {
                    ChannelKind::Phone | ChannelKind::Sms => view! { <a href=tel_href(&v)>{v.clone()}</a> }.into_any(),
                    ChannelKind::Email => view! { <a href=format!("mailto:{v}")>{v.clone()}</a> }.into_any(),
                    _ if v.starts_with("https://") => {
                        let shown = v.trim_start_matches("https://").trim_end_matches('/').to_string();
                        view! { <a href=v.clone() rel="noopener noreferrer" target="_blank">{shown}</a> }.into_any()
                    }
                    _ => view! { <span>{v.clone()}</span> }.into_any(),
                };
                let hours_view = ch.hours.as_ref().map(|h| {
                    let open = hours::is_open(h, now());
                    let lines = hours::describe(h, lang);
                    let badge = match open {
                        Some(true) if h.always => u.always_open,
                        Some(true) => u.open_now,
                        Some(false) => u.closed_now,
                        None => "",
                    };
                    view! {
                        <span class="hours">
                            <span class=if open == Some(true) { "badge open" } else { "badge closed" }>{badge}</span>
                            " " {lines.join("; ")}
                        </span>
                    }
                });
                view! { <li><span class="ch-kind">{label} ": "</span>{link} " " {hours_view}</li> }
            }).collect_view()}
        </ul>
    }
}

/// An organisation: what they do and do not, cost, anonymity, channels.
#[component]
pub fn OrgCard(org: Organisation, lang: Lang, #[prop(optional)] heading: bool) -> impl IntoView {
    let u = crate::i18n::ui(lang);
    let cost = match org.cost {
        Cost::Free => u.free,
        Cost::Paid => u.not_free,
        Cost::Varies => u.varies,
    };
    let anon = match org.anonymous {
        Anonymity::Yes => u.anonymous_yes,
        Anonymity::Optional => u.anonymous_optional,
        Anonymity::No => u.anonymous_no,
    };
    let age = org.age.map(|a| match (a.min, a.max) {
        (Some(lo), Some(hi)) => format!("{} {lo}–{hi}", u.ages),
        (Some(lo), None) => format!("{} {lo}+", u.ages),
        (None, Some(hi)) => format!("{} ≤ {hi}", u.ages),
        (None, None) => String::new(),
    });
    let can = org.can.in_lang(lang).to_vec();
    let cannot = org.cannot.in_lang(lang).to_vec();
    let name = org.name.clone();
    view! {
        <div class="org">
            {heading.then(|| view! { <h2 class="org-name"><T text=name.clone() lang=lang/></h2> })}
            <Rich text=org.purpose.clone() lang=lang class="purpose"/>
            <p class="badges">
                <span class="badge">{cost}</span>
                <span class="badge">{anon}</span>
                {age.filter(|a| !a.is_empty()).map(|a| view! { <span class="badge">{a}</span> })}
            </p>
            <Channels channels=org.channels.clone() lang=lang/>
            <details>
                <summary>{u.more_info}</summary>
                <h3>{u.can}</h3>
                <ul>{can.into_iter().map(|s| view! { <li>{markup::plain(&s)}</li> }).collect_view()}</ul>
                <h3>{u.cannot}</h3>
                <ul>{cannot.into_iter().map(|s| view! { <li>{markup::plain(&s)}</li> }).collect_view()}</ul>
            </details>
        </div>
    }
}
