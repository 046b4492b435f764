//! The info pages (privacy and safety, accessibility, about, schools), drawn from the signed
//! content (`site.json` `pages`): a title and sections of content markup, plus the parts that
//! come from state ([`Widget`]). No prose lives here, so the content team edits and translates
//! the pages like the tree.

use crate::components::rich;
use crate::dom::{effect, el, Node, Nodes};
use crate::state::Ctx;
use leptos::prelude::*;
use wegwijzer_core::{Lang, Widget};

/// The page `id` (`veiligheid`, `toegankelijkheid`, `over`, `scholen`).
pub fn page(c: Ctx, id: &str) -> Nodes {
    let lang = c.lang.get();
    let Some(l) = c.loaded.get() else { return vec![] };
    let Some(p) = l.content.site.page(id) else { return vec![] };
    // A page for Dutch professionals stays Dutch, and says so in the reader's language.
    let shown = if p.dutch_only { Lang::Nl } else { lang };
    let (title, used) = p.title.get(shown);
    let mut out: Nodes = vec![super::h1(title).attr_if(used != lang, "lang", used.code()).into()];
    if p.dutch_only && lang != Lang::Nl {
        out.push(el("p").text(crate::i18n::ui(lang).schools_note).into());
    }
    // A Dutch-only page for another reader: its sections in one `lang="nl"` block.
    let mut body = el("div").attr_if(shown != lang, "lang", shown.code());
    for s in &p.sections {
        let mut sec = el("section").attr_if(s.a2, "class", "a2");
        if let Some(h) = &s.heading {
            let (t, u) = h.get(shown);
            sec = sec.child(el("h2").attr_if(u != shown, "lang", u.code()).text(t));
        }
        if let Some(b) = &s.body {
            sec = sec.child(rich(b, shown, ""));
        }
        sec = match s.widget {
            Some(Widget::Consent) => sec.child(super::consent(c)),
            Some(Widget::Helpdesk) => sec.child(helpdesk(c, lang)),
            Some(Widget::ContentDate) => {
                let date = wegwijzer_core::present::date_text(&l.issued, lang).unwrap_or_default();
                sec.child(el("p").class("meta").text(crate::i18n::ui(lang).updated).text(" ").text(&date))
            }
            Some(Widget::EmbedCode) => sec.child(embed_code(c)),
            None => sec,
        };
        body = body.child(sec);
    }
    out.push(body.into());
    out
}

/// The helpdesk's own human channels, as the content gives them (no promise of a phone
/// or e-mail it does not have).
fn helpdesk(c: Ctx, l: Lang) -> Option<Node> {
    let loaded = c.loaded.get()?;
    let o = loaded.content.org(&loaded.content.tree.always.helpdesk)?;
    let chs = crate::components::channels(&o.channels, l, false)?;
    Some(el("div").class("helpdesk").child(el("p").class("org-name").child(crate::dom::content_text(&o.name, l))).child(chs).into())
}

/// For school web editors (Dutch): the one-line code with a "Kopieer code" button, the
/// options as controls that change the code, and a live preview of the first screen.
fn embed_code(c: Ctx) -> Node {
    let base = web_sys::window()
        .and_then(|w| {
            let loc = w.location();
            let origin = loc.origin().ok()?;
            let path = loc.pathname().ok()?;
            let dir = &path[..path.rfind('/').map(|i| i + 1).unwrap_or(path.len())];
            Some(format!("{origin}{dir}"))
        })
        .unwrap_or_default();
    // Signal types the app already has (each new signal type costs the wasm about 1 kB).
    let lang = RwSignal::new(Lang::Nl);
    let audience: RwSignal<Option<String>> = RwSignal::new(None);
    let compact = RwSignal::new(false);
    let copied: RwSignal<Option<String>> = RwSignal::new(None);
    let u = crate::i18n::ui(Lang::Nl);
    let snippet = move || {
        let a = audience.get().map(|a| format!(" data-audience=\"{a}\"")).unwrap_or_default();
        let k = if compact.get() { " data-compact=\"1\"" } else { "" };
        format!("<script src=\"{base}embed.js\" data-lang=\"{}\"{a}{k} async></script>", lang.get().code())
    };
    let shown = snippet.clone();
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let p = w.navigator().clipboard().write_text(&untrack(&snippet));
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            copied.set(Some(if ok { u.schools_copied } else { u.schools_copy_failed }.into()));
        });
    };
    let opt = |v: &str, label: &str| el("option").attr("value", v).text(label);
    let audiences = std::iter::once(opt("", u.schools_everyone))
        .chain(wegwijzer_core::Audience::ALL.iter().enumerate().map(|(i, a)| opt(a.id(), u.audience_names[i])));
    let languages: Vec<_> = c.loaded.with_untracked(|l| {
        l.as_ref()
            .map(|l| l.content.site.languages.iter().map(|x| opt(x.code.code(), &x.name).attr("lang", x.code.code())).collect())
            .unwrap_or_default()
    });
    // The preview: the first question the embedded Wegwijzer asks with these options (in
    // that language when this page has it loaded, else Dutch).
    // The content in the preview's language (its overlay fetched when chosen).
    let in_lang: RwSignal<Option<std::sync::Arc<crate::content::Loaded>>> = RwSignal::new(None);
    effect(move || {
        let pl = lang.get();
        let Some(ld) = c.loaded.get_untracked() else { return };
        if ld.lang == pl {
            in_lang.set(Some(ld));
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(x) = crate::content::switch_language(&ld, pl).await {
                in_lang.set(Some(x));
            }
        });
    });
    let preview = move || -> Nodes {
        let pl = lang.get();
        let Some(ld) = in_lang.get().filter(|x| x.lang == pl).or_else(|| c.loaded.get_untracked()) else { return vec![] };
        let content = &ld.content;
        let start = content.node(&content.tree.start);
        let node = match (start, audience.get()) {
            (Some(s), Some(a)) => wegwijzer_core::walker::next_of(s, &a).ok().and_then(|id| content.node(id)),
            (s, _) => s,
        };
        let Some(wegwijzer_core::Node::Question(q)) = node else { return vec![] };
        let pu = crate::i18n::ui(pl);
        vec![el("div")
            .class(if compact.get() { "preview compact" } else { "preview" })
            .attr_if(pl != Lang::Nl, "lang", pl.code())
            .attr_if(
                pl != Lang::Nl,
                "dir",
                if ld.content.site.language(pl).is_some_and(|x| x.dir == wegwijzer_core::Dir::Rtl) { "rtl" } else { "ltr" },
            )
            .child(el("p").class("preview-exit").text(pu.exit))
            .child(el("p").class("preview-q").child(crate::dom::content_text(&q.text, pl)))
            .child(el("ul").children(q.options.iter().map(|o| el("li").child(crate::dom::content_text(&o.label, pl)))))
            .into()]
    };
    el("div")
        .child(el("pre").class("snippet").child(el("code").id("snippet").dyn_text(shown)))
        .child(
            el("p")
                .child(el("button").attr("type", "button").class("primary").on_click(copy).text(u.copy_code))
                .child(el("span").class("local-status").attr("role", "status").dyn_text(move || copied.get().unwrap_or_default())),
        )
        .child(el("h2").text(u.schools_options))
        .child(
            el("div")
                .class("filters")
                .child(
                    el("p").child(el("label").attr("for", "s-lang").text(u.schools_lang)).child(
                        el("select")
                            .id("s-lang")
                            .on("change", move |ev| lang.set(Lang::parse(&event_target_value(&ev)).unwrap_or(Lang::Nl)))
                            .children(languages),
                    ),
                )
                .child(
                    el("p").child(el("label").attr("for", "s-aud").text(u.schools_start)).child(
                        el("select")
                            .id("s-aud")
                            .on("change", move |ev| audience.set(Some(event_target_value(&ev)).filter(|a| !a.is_empty())))
                            .children(audiences),
                    ),
                ),
        )
        .child(
            el("p")
                .class("check")
                .child(el("input").attr("type", "checkbox").id("s-compact").on("change", move |ev| compact.set(event_target_checked(&ev))))
                .child(el("label").attr("for", "s-compact").text(u.schools_compact)),
        )
        .child(el("h2").text(u.schools_preview))
        .child(el("p").class("hint").text(u.schools_preview_hint))
        .child(el("div").class("preview-box").dyn_child(preview))
        .into()
}
