//! Building blocks shown on many screens: header with quick exit, banners, the help block,
//! the footer, safe markup, organisation cards and channels.

use crate::app::Ctx;
use crate::dom::{content_text, el, El, Nodes};
use crate::route::Route;
use crate::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wegwijzer_core::markup::{self, Block, Inline};
use wegwijzer_core::present::{self, Seg};
use wegwijzer_core::{hours, Anonymity, Channel, ChannelKind, Cost, Lang, OrgKind, Organisation, Text};

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

/// A tap on the static first screen before wasm arrived (see index.html): `__wwEarly`
/// holds the choice, `__wwLang` the language.
pub fn take_early(name: &str) -> Option<String> {
    let w = web_sys::window()?;
    let v = js_sys::Reflect::get(&w, &name.into()).ok()?;
    let _ = js_sys::Reflect::delete_property(&w, &name.into());
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

/// An in-app link: a real `href` (open in new tab, copy), handled in the app on click.
pub fn link(c: Ctx, r: Route) -> El {
    el("a").attr("href", &r.hash()).on_click(move |ev| {
        ev.prevent_default();
        c.go(r);
    })
}

/// "Snel weg" in a bar that stays on screen at every scroll position (sticky; full width
/// on phones; hidden in print). The first Tab stop.
pub fn exit_bar(c: Ctx) -> El {
    el("div")
        .class("exit-bar")
        .child(
            el("button")
                .attr("type", "button")
                .class("exit")
                .attr("aria-describedby", "exit-hint")
                .on_click(move |_| quick_exit(c))
                .dyn_text(move || c.ui().exit.into()),
        )
        .child(el("span").id("exit-hint").class("exit-hint").dyn_text(move || c.ui().exit_hint.into()))
}

pub fn header(c: Ctx) -> El {
    el("header").class("top").child(link(c, Route::Step(1)).class("brand").text("Wegwijzer")).child(
        el("button")
            .attr("type", "button")
            .class("lang")
            .dyn_attr("lang", move || Some(if c.lang.get() == Lang::Nl { "en" } else { "nl" }.into()))
            .dyn_attr("aria-label", move || Some(c.ui().lang_switch_label.into()))
            .on_click(move |_| c.lang.update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl }))
            .dyn_text(move || c.ui().lang_switch.into()),
    )
}

/// Move focus to an element (a confirmation the user must not miss).
pub fn focus(selector: &str) {
    if let Some(h) = document().and_then(|d| d.query_selector(selector).ok().flatten()) {
        if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// Status line (aria-live), offline indicator, update prompt, quick-exit progress.
pub fn banners(c: Ctx) -> El {
    let shift = move || {
        match c.shift_count.get() {
            1 => c.ui().exit_progress_1,
            2 => c.ui().exit_progress_2,
            _ => "",
        }
        .to_string()
    };
    el("div")
        .class("banners")
        .child(el("p").class("shift-progress").attr("role", "status").attr("aria-live", "assertive").dyn_text(shift))
        .dyn_child(move || {
            if c.offline.get() {
                Nodes::from(el("p").class("badge offline").attr("role", "status").text(c.ui().offline))
            } else {
                vec![]
            }
        })
        .dyn_child(move || {
            if c.loaded.with(|l| l.as_ref().is_some_and(|l| l.stale)) {
                Nodes::from(el("p").class("notice warn").text(c.ui().notice_stale))
            } else {
                vec![]
            }
        })
        .dyn_child(move || {
            if !c.update_ready.get() {
                return vec![];
            }
            let u = c.ui();
            Nodes::from(
                el("p").class("notice update").text(u.update_ready).text(" — ").child(
                    el("button").attr("type", "button").class("link").on_click(|_| crate::pwa::apply_update()).text(u.update_button),
                ),
            )
        })
        .dyn_child(move || {
            // While saving is on, every screen says so, with the way to turn it off.
            let sensitive = c.main.with(|w| c.loaded.with(|l| l.as_ref().is_none_or(|l| w.is_sensitive(&l.content))));
            if !c.consent.get() || !c.storage_ok.get() || sensitive {
                return vec![];
            }
            let u = c.ui();
            Nodes::from(
                el("p").class("saving").text(u.saving_on).text(" · ").child(
                    el("button")
                        .attr("type", "button")
                        .class("link")
                        .on_click(move |_| {
                            c.consent.set(false);
                            c.say(c.ui().saving_off);
                            focus("#notice");
                        })
                        .text(u.turn_off),
                ),
            )
        })
        .child(
            el("p")
                .id("notice")
                .class("notice")
                .attr("tabindex", "-1")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .dyn_text(move || c.notice.get().unwrap_or_default()),
        )
}

/// Human help, in the same place on every screen (WCAG 3.2.6): helpdesk and crisis lines.
pub fn help_block(c: Ctx) -> El {
    el("aside")
        .class("help")
        .attr("aria-labelledby", "help-title")
        .child(el("h2").id("help-title").dyn_text(move || c.ui().help_title.into()))
        .dyn_child(move || {
            let lang = c.lang.get();
            let Some(l) = c.loaded.get() else { return vec![] };
            let u = ui_of(lang);
            let a = &l.content.tree.always;
            let now = now();
            let mut out: Nodes = Vec::new();
            if let Some(o) = l.content.org(&a.helpdesk) {
                out.push(
                    el("div")
                        .class("helpdesk")
                        .child(el("p").class("org-name").child(content_text(&o.name, lang)))
                        .child(channels(&o.channels, lang, false))
                        .into(),
                );
            }
            let list = el("ul").class("crisis-list").children(a.crisis.iter().filter_map(|id| l.content.org(id)).map(|o| {
                let ch = o.channels.iter().find(|ch| ch.kind == ChannelKind::Phone);
                el("li")
                    .child(el("span").child(content_text(&o.name, lang)))
                    .text(" ")
                    .child(ch.map(|ch| el("a").class("tel").attr("href", &present::tel_href(&ch.value)).text(&ch.value)))
                    .child(ch.map(|ch| status_el(ch, lang, now)))
            }));
            out.push(
                el("div")
                    .class("crisis")
                    .child(el("h3").text(u.crisis_title))
                    .child(list)
                    .child(
                        el("button").attr("type", "button").class("crisis-link").on_click(move |_| c.open_crisis()).text(u.crisis_button),
                    )
                    .into(),
            );
            out
        })
}

fn ui_of(lang: Lang) -> &'static crate::i18n::Ui {
    crate::i18n::ui(lang)
}

pub fn footer(c: Ctx) -> El {
    let item =
        move |r: Route, label: fn(&crate::i18n::Ui) -> &'static str| el("li").child(link(c, r).dyn_text(move || label(c.ui()).into()));
    el("footer").class("foot").child(
        el("nav").dyn_attr("aria-label", move || Some(c.ui().nav_label.into())).child(
            el("ul")
                .child(item(Route::Step(1), |u| u.nav_start))
                .child(item(Route::Organisations, |u| u.nav_orgs))
                .child(item(Route::Overview, |u| u.nav_overview))
                .child(item(Route::Safety, |u| u.nav_safety))
                .child(item(Route::Accessibility, |u| u.nav_a11y))
                .child(item(Route::About, |u| u.nav_about))
                .child(item(Route::Schools, |u| u.nav_schools)),
        ),
    )
}

thread_local! {
    /// Dutch key terms already explained on the page being built (see `present::segments`).
    static TERMS_SEEN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A new page: explain each Dutch key term once again (`seen`: terms already listed).
pub fn reset_terms(seen: u32) {
    TERMS_SEEN.with(|s| s.set(seen));
}

/// Plain text with phone numbers as `tel:` links and (in English) Dutch key terms.
pub fn linked(parent: El, s: &str, lang: Lang) -> El {
    let mut seen = TERMS_SEEN.with(|s| s.get());
    let segs = present::segments(s, lang, &mut seen);
    TERMS_SEEN.with(|s| s.set(seen));
    segs.into_iter().fold(parent, |p, g| match g {
        Seg::Text(t) => p.text(t),
        Seg::Tel(t, href) => p.child(el("a").class("tel inline").attr("href", &href).text(t)),
        Seg::Term(t, nl) => p.text(t).text(" (").child(el("i").attr("lang", "nl").text(nl)).text(")"),
    })
}

/// A content text as inline text with links (not for buttons and summaries).
pub fn txl(parent: El, text: &Text, lang: Lang) -> El {
    let (s, used) = text.get(lang);
    if used != lang {
        return parent.child(el("span").attr("lang", used.code()).text(&markup::plain(s)));
    }
    linked(parent, &markup::plain(s), lang)
}

/// A content text with its markup rendered as elements (never as HTML).
pub fn rich(text: &Text, lang: Lang, class: &str) -> El {
    let (s, used) = text.get(lang);
    let blocks = markup::parse(s);
    let div = el("div").class(&if class.is_empty() { "rich".to_string() } else { format!("rich {class}") }).attr_if(
        used != lang,
        "lang",
        used.code(),
    );
    div.children(blocks.into_iter().map(|b| match b {
        Block::Paragraph(runs) => inlines(el("p"), runs, used),
        Block::List(items) => el("ul").children(items.into_iter().map(|i| inlines(el("li"), i, used))),
    }))
}

fn inlines(parent: El, runs: Vec<Inline>, lang: Lang) -> El {
    runs.into_iter().fold(parent, |p, r| match r {
        Inline::Text(t) => linked(p, &t, lang),
        Inline::Emphasis(t) => p.child(linked(el("em"), &t, lang)),
        Inline::Link { label, href } => p.child(ext_link(el("a").attr("href", &href), &href, &label, lang)),
    })
}

/// A link; an `https:` one opens in a new tab and says so (visible arrow, spoken words).
pub fn ext_link(a: El, href: &str, label: &str, lang: Lang) -> El {
    let a = a.text(label);
    if !href.starts_with("https:") {
        return a;
    }
    a.attr("rel", "noopener noreferrer")
        .attr("target", "_blank")
        .child(el("span").class("new-tab").attr("aria-hidden", "true").text(" ↗"))
        .child(el("span").class("visually-hidden").text(" ").text(crate::i18n::ui(lang).new_tab))
}

pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// "Nu open tot 21:00" and the like, on a live channel.
fn status_el(ch: &Channel, lang: Lang, now: i64) -> El {
    let s = present::status(ch.hours.as_ref(), now);
    el("span").class(if s.is_open() { "status open" } else { "status" }).text(&present::status_text(s, lang))
}

/// Contact channels as real links, each line with its open status; open lines first.
/// `big`: call and chat as large buttons ("Doe dit eerst"). `None` without channels.
pub fn channels(chs: &[Channel], lang: Lang, big: bool) -> Option<El> {
    if chs.is_empty() {
        return None;
    }
    let u = crate::i18n::ui(lang);
    let now = now();
    Some(el("ul").class(if big { "channels big" } else { "channels" }).children(present::channel_order(chs, now).into_iter().map(|ch| {
        let kind = kind_name(ch.kind, u);
        let label = ch.label.as_ref().map(|l| markup::plain(l.in_lang(lang))).unwrap_or_else(|| kind.to_string());
        let v = &ch.value;
        let live = present::is_live(ch.kind);
        let link = match ch.kind {
            ChannelKind::Phone | ChannelKind::Sms => {
                el("a").attr("href", &present::tel_href(v)).text(if big { u.call } else { "" }).text(if big { " " } else { "" }).text(v)
            }
            ChannelKind::Email => el("a").attr("href", &format!("mailto:{v}")).text(v),
            _ if v.starts_with("https://") => {
                let text = if big { label.clone() } else { v.trim_start_matches("https://").trim_end_matches('/').to_string() };
                ext_link(el("a").attr("href", v), v, &text, lang)
            }
            _ => el("span").text(v),
        };
        let link = if big && live { link.class("call") } else { link };
        let li = el("li");
        let li = if big { li } else { li.child(el("span").class("ch-kind").text(&label).text(": ")) };
        li.child(link).child(live.then(|| status_el(ch, lang, now)))
    })))
}

fn kind_name(k: ChannelKind, u: &crate::i18n::Ui) -> &'static str {
    match k {
        ChannelKind::Phone => u.channel_phone,
        ChannelKind::Chat => u.channel_chat,
        ChannelKind::Email => u.channel_email,
        ChannelKind::Website => u.channel_website,
        ChannelKind::Whatsapp => u.channel_whatsapp,
        ChannelKind::Sms => u.channel_sms,
    }
}

/// Cost, anonymity and age, said once.
fn badges(org: &Organisation, lang: Lang) -> El {
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
    let age = org.age.and_then(|a| match (a.min, a.max) {
        (Some(lo), Some(hi)) => Some(format!("{} {lo}–{hi}", u.ages)),
        (Some(lo), None) => Some(format!("{} {lo}+", u.ages)),
        (None, Some(hi)) => Some(format!("{} ≤ {hi}", u.ages)),
        (None, None) => None,
    });
    el("p").class("badges").text(cost).text(" · ").text(anon).child(age.map(|a| el("span").text(" · ").text(&a)))
}

/// An organisation's contact part: its channels (open lines first), or for a person at
/// school how to reach them; then "Meer over <naam>" (see `org_more`). `purpose`: also the
/// organisation's own one-line description (the list of organisations; on an outcome the
/// step's own text says it). `big`: call and chat as large buttons ("Doe dit eerst").
pub fn org_card(org: &Organisation, lang: Lang, purpose: bool, big: bool) -> El {
    el("div")
        .class("org")
        .child(purpose.then(|| rich(&org.purpose, lang, "purpose")))
        .children(org_reach(org, lang, big))
        .child(org_more(org, lang))
}

/// How to reach an organisation: its channels, or for a person at school where to ask.
pub fn org_reach(org: &Organisation, lang: Lang, big: bool) -> Option<El> {
    channels(&org.channels, lang, big)
        .or_else(|| (org.kind == OrgKind::InSchool).then(|| el("p").class("in-school").text(crate::i18n::ui(lang).in_school)))
}

/// "Meer over <naam>": cost, anonymity, age, the weekly hours, what they do and do not do.
pub fn org_more(org: &Organisation, lang: Lang) -> El {
    let u = crate::i18n::ui(lang);
    let list =
        |items: &[String]| (!items.is_empty()).then(|| el("ul").children(items.iter().map(|s| linked(el("li"), &markup::plain(s), lang))));
    let hours: Vec<String> = org
        .channels
        .iter()
        .filter_map(|ch| ch.hours.as_ref().filter(|h| !h.always).map(|h| (ch, h)))
        .map(|(ch, h)| {
            let kind = ch.label.as_ref().map(|l| markup::plain(l.in_lang(lang))).unwrap_or_else(|| kind_name(ch.kind, u).into());
            format!("{kind}: {}", hours::describe(h, lang).join("; "))
        })
        .collect();
    let can = org.can.in_lang(lang);
    let cannot = org.cannot.in_lang(lang);
    el("details")
        .class("more")
        .child(el("summary").text(u.more_about).text(" ").child(content_text(&org.name, lang)))
        .child(badges(org, lang))
        .child((!hours.is_empty()).then(|| el("ul").class("hours").children(hours.iter().map(|h| el("li").text(h)))))
        .child((!can.is_empty()).then(|| el("h3").text(u.can)))
        .child(list(can))
        .child((!cannot.is_empty()).then(|| el("h3").text(u.cannot)))
        .child(list(cannot))
}
