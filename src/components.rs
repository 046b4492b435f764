//! Building blocks shown on many screens: header with quick exit, banners, the help block,
//! the footer, safe markup, organisation cards and channels.

use crate::dom::{content_text, el, El, Node, Nodes};
use crate::prelude::*;
use crate::quick_exit::quick_exit;
use crate::route::Route;
use crate::state::Ctx;
use crate::web::{focus, now};
use wegwijzer_core::markup::{self, Block, Inline};
use wegwijzer_core::present::{self, Seg};
use wegwijzer_core::{hours, Anonymity, Channel, ChannelKind, Cost, Lang, OrgKind, Organisation, ReviewStatus, Text};

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

/// The brand link and the language menu: every language the content offers, named in
/// itself ("العربية", "Türkçe"), on every screen; a choice keeps the step.
pub fn header(c: Ctx) -> El {
    let options = move || -> Nodes {
        let lang = c.lang.get();
        let langs: Vec<(Lang, String)> = c.loaded.with(|l| match l {
            Some(l) => l.content.site.languages.iter().map(|x| (x.code, x.name.clone())).collect(),
            None => vec![(Lang::Nl, "Nederlands".into()), (Lang::En, "English".into())],
        });
        langs
            .into_iter()
            .map(|(code, name)| {
                el("option").attr("value", code.code()).attr("lang", code.code()).attr_if(code == lang, "selected", "").text(&name)
            })
            .map(Node::from)
            .collect()
    };
    el("header").class("top").child(link(c, Route::Step(1)).class("brand").text("Wegwijzer")).child(
        el("p")
            .class("lang")
            // In the current language, and in Dutch too when that is another: a reader who
            // landed in a language they cannot read still finds "Taal".
            .child(el("label").attr("for", "lang-menu").dyn_text(move || c.ui().lang_menu.into()).dyn_child(move || {
                let (here, nl) = (c.ui().lang_menu, crate::i18n::ui(Lang::Nl).lang_menu);
                if here == nl {
                    vec![]
                } else {
                    Nodes::from(el("span").attr("lang", "nl").text(&format!(" · {nl}")))
                }
            }))
            .child(
                el("select")
                    .id("lang-menu")
                    .on("change", move |ev| {
                        if let Some(l) = Lang::parse(&event_target_value(&ev)) {
                            c.shell.lang_offer.set(None);
                            c.lang.set(l);
                        }
                    })
                    .dyn_child(options),
            )
            .child(crate::read_aloud::button(c)),
    )
}

/// Status line (aria-live), offline indicator, update prompt, quick-exit progress.
pub fn banners(c: Ctx) -> El {
    let shift = move || {
        match c.shell.shift_count.get() {
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
            if c.shell.offline.get() {
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
            if !c.shell.update_ready.get() {
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
            // The browser's language, offered once: its name in itself, in Dutch words (its
            // own strings come only with its overlay).
            let Some(p) = c.shell.lang_offer.get() else { return vec![] };
            let name = crate::i18n::language_name(p);
            let nl = crate::i18n::ui(Lang::Nl);
            Nodes::from(
                el("p")
                    .class("notice offer")
                    .attr("lang", "nl")
                    .attr("dir", "ltr")
                    .text(&nl.lang_offer.replace("{lang}", &name))
                    .text(" ")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("link")
                            .attr("lang", p.code())
                            .on_click(move |_| {
                                c.shell.lang_offer.set(None);
                                c.lang.set(p);
                            })
                            .text(&name),
                    )
                    .text(" · ")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("link")
                            .on_click(move |_| c.shell.lang_offer.set(None))
                            .text(nl.lang_offer_no),
                    ),
            )
        })
        .dyn_child(move || {
            // An unchecked translation says so on every screen, in that language and in
            // Dutch, with one tap back to Dutch.
            let lang = c.lang.get();
            let unreviewed = c.loaded.with(|l| {
                l.as_ref().and_then(|l| l.content.site.language(lang)).is_some_and(|x| x.review.status == ReviewStatus::Unreviewed)
            });
            if lang == Lang::Nl || !unreviewed {
                return vec![];
            }
            Nodes::from(
                el("p")
                    .class("notice translation")
                    .text(c.ui().unreviewed)
                    .text(" ")
                    .child(el("span").attr("lang", "nl").attr("dir", "ltr").text(crate::i18n::ui(Lang::Nl).unreviewed))
                    .text(" ")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("link")
                            .attr("lang", "nl")
                            .on_click(move |_| c.lang.set(Lang::Nl))
                            .text(crate::i18n::ui(Lang::Nl).to_dutch),
                    ),
            )
        })
        .dyn_child(move || {
            // While saving is on, every screen says so, with the way to turn it off.
            if !c.keep.consent.get() || !c.keep.storage_ok.get() || c.is_sensitive() {
                return vec![];
            }
            let u = c.ui();
            Nodes::from(
                el("p").class("saving").text(u.saving_on).text(" · ").child(
                    el("button")
                        .attr("type", "button")
                        .class("link")
                        .on_click(move |_| {
                            c.stop_saving();
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
                .dyn_text(move || c.shell.notice.get().unwrap_or_default()),
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
            let u = crate::i18n::ui(lang);
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
        Inline::Code(t) => p.child(el("code").text(&t)),
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
                // The number in a left-to-right span: after Arabic words a bare "0800-0432"
                // would show as "0432-0800" (its digits turn into Arabic numbers).
                el("a")
                    .attr("href", &present::tel_href(v))
                    .text(if big { u.call } else { "" })
                    .text(if big { " " } else { "" })
                    .child(el("span").attr("dir", "ltr").text(v))
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
        // The languages the organisation's own page says this line speaks, each in itself.
        let langs = (!ch.languages.is_empty()).then(|| {
            ch.languages.iter().fold(el("span").class("ch-langs").text(" · ").text(u.channel_languages), |s, l| {
                s.text(" ").child(el("span").attr("lang", l.code()).text(&crate::i18n::language_name(*l)))
            })
        });
        li.child(link).child(live.then(|| status_el(ch, lang, now))).child(langs)
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
