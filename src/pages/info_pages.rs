//! The info pages (privacy and safety, accessibility, about, schools), drawn from the signed
//! content (`site.json` `pages`): a title and sections of content markup, plus the parts that
//! come from state ([`Widget`]). No prose lives here, so the content team edits and translates
//! the pages like the tree.

use crate::components::rich;
use crate::dom::{el, Node, Nodes};
use crate::prelude::*;
use crate::state::Ctx;
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
/// options as controls that change the code, and a live preview: the embedded Wegwijzer
/// itself in a frame, with exactly those options (`preview=1`: it uses no storage). Drawn
/// here; `src/lazy/schools.js` (imported through the loader when this page opens) writes the
/// code and the preview's address from the controls and copies the code.
fn embed_code(c: Ctx) -> Node {
    let u = crate::i18n::ui(Lang::Nl);
    let opt = |v: &str, label: &str| el("option").attr("value", v).text(label);
    let audiences = std::iter::once(opt("", u.schools_everyone))
        .chain(wegwijzer_core::Audience::ALL.iter().enumerate().map(|(i, a)| opt(a.id(), u.audience_names[i])));
    let languages: Vec<_> = c.loaded.with_untracked(|l| {
        l.as_ref()
            .map(|l| l.content.site.languages.iter().map(|x| opt(x.code.code(), &x.name).attr("lang", x.code.code())).collect())
            .unwrap_or_default()
    });
    let select = |id: &str, label: &str| el("p").child(el("label").attr("for", id).text(label)).child(el("select").id(id));
    let root = el("div")
        .class("embed-code")
        .attr("data-copied", u.schools_copied)
        .attr("data-copy-failed", u.schools_copy_failed)
        .child(el("pre").class("snippet").child(el("code").id("snippet")))
        .child(
            el("p")
                .child(el("button").attr("type", "button").class("primary").text(u.copy_code))
                .child(el("span").class("local-status").attr("role", "status")),
        )
        .child(el("h2").text(u.schools_options))
        .child(el("div").class("filters").child(select("s-lang", u.schools_lang)).child(select("s-aud", u.schools_start)))
        .child(
            el("p")
                .class("check")
                .child(el("input").attr("type", "checkbox").id("s-compact"))
                .child(el("label").attr("for", "s-compact").text(u.schools_compact)),
        )
        .child(el("h2").text(u.schools_preview))
        .child(el("p").class("hint").text(u.schools_preview_hint))
        .child(el("iframe").class("preview").attr("title", u.schools_preview));
    let r = &root.0;
    for (id, options) in [("#s-lang", languages), ("#s-aud", audiences.collect())] {
        if let Ok(Some(s)) = r.query_selector(id) {
            for o in options {
                let _ = s.append_child(&o.0);
            }
        }
    }
    let _ = crate::web::loader::schools(r);
    root.into()
}
