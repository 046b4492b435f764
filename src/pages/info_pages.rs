//! Fixed pages: privacy and safety, accessibility statement, about, and the page for
//! schools with the embed snippet. Dutch B1 (with an A2 part for pupils) and English.

use crate::dom::{el, Node, Nodes};
use crate::state::Ctx;
use leptos::prelude::*;
use wegwijzer_core::Lang;

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Nl {
        nl
    } else {
        en
    }
}

fn p(lang: Lang, nl: &'static str, en: &'static str) -> Node {
    el("p").text(pick(lang, nl, en)).into()
}

fn h2(lang: Lang, nl: &'static str, en: &'static str) -> Node {
    el("h2").text(pick(lang, nl, en)).into()
}

fn li(lang: Lang, items: &[(&'static str, &'static str)]) -> Node {
    el("ul").children(items.iter().map(|(nl, en)| el("li").text(pick(lang, nl, en)))).into()
}

fn h1(lang: Lang, nl: &'static str, en: &'static str) -> Node {
    super::h1(pick(lang, nl, en)).into()
}

pub fn safety(c: Ctx) -> Nodes {
    {
        let l = c.lang.get();
        vec![
            h1(l, "Privacy en veiligheid", "Privacy and safety"),
            el("section").class("a2").attr("aria-labelledby", "kids").child(el("h2").id("kids").text(pick(l, "Voor kinderen: kort", "For children: in short"))).child(li(l, &[
                    ("Wil je snel weg? Klik op Snel weg. Of druk 3 keer op Shift.", "Want to leave fast? Click Leave now. Or press Shift 3 times."),
                    ("Dan gaat deze site meteen dicht.", "Then this site closes at once."),
                    ("Je antwoorden worden dan gewist.", "Your answers are then erased."),
                    ("Iemand kan nog wel zien dat je hier was. Dat staat in de geschiedenis van de browser.", "Someone can still see that you were here. It is in the browser history."),
                    ("Gebruik daarom liever een privévenster. Of een ander apparaat.", "So it is better to use a private window. Or another device."),
                    ("Heb je zelf een ander tabblad geopend, zoals een chat? Dat blijft open. Sluit het zelf.", "Did you open another tab yourself, like a chat? It stays open. Close it yourself."),
                ])).into(),
            h2(l, "Wat doet Snel weg?", "What does Leave now do?"),
            li(l, &[
                ("Het scherm wordt meteen leeg en de titel van het tabblad verandert.", "The screen goes blank at once and the tab title changes."),
                ("Alles wat de Wegwijzer op dit apparaat heeft bewaard, wordt gewist: je antwoorden en je keuze om ze te onthouden.", "Everything the Wegwijzer kept on this device is erased: your answers and your choice to remember them."),
                ("Je gaat naar een gewone website (een zoekmachine). Met de knop Terug kom je niet terug in de Wegwijzer.", "You go to an ordinary website (a search engine). The Back button does not bring you back into the Wegwijzer."),
                ("Staat de Wegwijzer op de website van je school? Dan verlaat je ook die pagina.", "Is the Wegwijzer on your school's website? Then you leave that page too."),
            ]),
            h2(l, "Wat Snel weg niet doet", "What Leave now does not do"),
            li(l, &[
                ("De geschiedenis van je browser wordt niet gewist. Daar staat dat je deze site hebt bezocht.", "Your browser history is not erased. It shows that you visited this site."),
                ("De offline kopie van de app blijft in de browser staan. Daarin staan geen antwoorden.", "The offline copy of the app stays in the browser. It holds no answers."),
                ("Wie over je schouder meekijkt, heeft het misschien al gezien.", "Someone looking over your shoulder may already have seen it."),
                ("Andere tabbladen die je opende blijven open, bijvoorbeeld een chat of de website van een organisatie. Links naar andere websites openen in een nieuw tabblad (dat staat erbij). Sluit die tabbladen zelf.", "Other tabs you opened stay open, for example a chat or an organisation's website. Links to other websites open in a new tab (it says so). Close those tabs yourself."),
            ]),
            p(l, "Tip: gebruik een privévenster (incognito) of een ander apparaat, bijvoorbeeld bij een vriend of in de bibliotheek.", "Tip: use a private (incognito) window or another device, for example at a friend's or in the library."),
            h2(l, "Wat we bewaren", "What we keep"),
            li(l, &[
                ("Je antwoorden en je taal blijven alleen in dit tabblad, zodat ze er nog zijn als je de pagina vernieuwt. Sluit je het tabblad of tik je op Snel weg, dan zijn ze weg.", "Your answers and your language stay only in this tab, so they are still there when you reload the page. When you close the tab or tap Leave now, they are gone."),
                ("Alleen als je zelf kiest voor 'Onthoud mijn antwoorden op dit apparaat', bewaren we ze op dit apparaat. Dat duurt maximaal 30 dagen.", "Only if you choose 'Remember my answers on this device' do we keep them on this device, for at most 30 days."),
                ("Antwoorden over seksueel geweld, geweld thuis of zelfmoord bewaren we nergens, ook niet in het tabblad en ook niet als je daarvoor kiest.", "Answers about sexual violence, violence at home or suicide are never kept anywhere, not even in the tab, even if you choose to remember."),
                ("Om offline te werken bewaart de browser de informatie over organisaties. Daarin staat niets over jou.", "To work offline, the browser keeps the information about organisations. It holds nothing about you."),
                ("Geen cookies, geen statistieken, geen reclame. Alles wat je invult blijft op je apparaat; niets gaat naar ons of naar anderen.", "No cookies, no statistics, no ads. Everything you enter stays on your device; nothing goes to us or anyone else."),
            ]),
            crate::pages::consent(c).into(),
        ]
    }
}

pub fn accessibility(c: Ctx) -> Nodes {
    {
        let l = c.lang.get();
        vec![
            h1(l, "Toegankelijkheid", "Accessibility"),
            p(l, "De Wegwijzer moet voor iedereen werken. We houden ons aan de WCAG 2.2 op niveau AA, zoals de wet (Besluit digitale toegankelijkheid overheid) vraagt.",
                "The Wegwijzer must work for everyone. We follow WCAG 2.2 level AA, as Dutch law (Besluit digitale toegankelijkheid overheid) requires."),
            h2(l, "Wat we doen", "What we do"),
            li(l, &[
                ("Eén vraag per scherm, in duidelijke taal (B1, en A2 voor kinderen).", "One question per screen, in plain language (B1, and A2 for children)."),
                ("Alles werkt met het toetsenbord en met een schermlezer. Na elke stap staat de focus op de nieuwe vraag.", "Everything works with a keyboard and a screen reader. After each step, focus moves to the new question."),
                ("Knoppen zijn groot genoeg om aan te tikken. De site past op een smal scherm en werkt bij 200% zoom.", "Buttons are large enough to tap. The site fits a narrow screen and works at 200% zoom."),
                ("Donkere modus en 'minder beweging' van je apparaat worden gevolgd.", "Your device's dark mode and 'reduce motion' settings are followed."),
                ("Hulp van een mens staat op elk scherm op dezelfde plek.", "Help from a person is in the same place on every screen."),
                ("Elke versie wordt automatisch getest met axe-core, zonder fouten.", "Every version is tested automatically with axe-core, with zero violations."),
            ]),
            h2(l, "Iets werkt niet?", "Something does not work?"),
            p(l, "Laat het de helpdesk weten. We lossen het op.", "Let the helpdesk know. We will fix it."),
        ]
        .into_iter()
        .chain(helpdesk(c, l))
        .collect()
    }
}

/// The helpdesk's own human channels, as the content gives them (no promise of a phone
/// or e-mail it does not have).
fn helpdesk(c: Ctx, l: Lang) -> Option<Node> {
    let loaded = c.loaded.get()?;
    let o = loaded.content.org(&loaded.content.tree.always.helpdesk)?;
    let chs = crate::components::channels(&o.channels, l, false)?;
    Some(el("div").class("helpdesk").child(el("p").class("org-name").child(crate::dom::content_text(&o.name, l))).child(chs).into())
}

pub fn about(c: Ctx) -> Nodes {
    {
        let l = c.lang.get();
        let date = c.loaded.get().and_then(|x| wegwijzer_core::present::date_text(&x.issued, l)).unwrap_or_default();
        vec![
            h1(l, "Over de Wegwijzer", "About the Wegwijzer"),
            p(l, "Voel jij je niet veilig op school? Of maak je je zorgen over een leerling of over je kind? De Wegwijzer helpt je in een paar stappen de organisatie te vinden die echt kan helpen. En wat je van ze kunt verwachten.",
                "Do you feel unsafe at school? Or are you worried about a pupil or your child? In a few steps, the Wegwijzer helps you find the organisation that can really help, and what to expect from them."),
            p(l, "De Wegwijzer hoort bij de afspraken over een sociaal veilige school: een wegwijzer met een helpdesk, zodat niemand tussen wal en schip valt.",
                "The Wegwijzer is part of the Dutch plans for socially safe schools: a signpost with a helpdesk, so that nobody falls between the cracks."),
            p(l, "De informatie over organisaties komt van hun eigen openbare websites. Bij elk telefoonnummer staat waar het vandaan komt en wanneer het is gecontroleerd. De informatie is digitaal ondertekend: de app laat alleen gecontroleerde informatie zien.",
                "The information about organisations comes from their own public websites. Every phone number records where it came from and when it was checked. The information is digitally signed: the app only shows verified information."),
            el("p").class("meta").text(crate::i18n::ui(l).updated).text(" ").text(&date).into(),
        ]
    }
}

/// For school web editors (Dutch, "je"): the one-line code with a "Kopieer code" button,
/// the options as controls that change the code and a live preview of the first screen,
/// and a part to pass on to the webmaster.
pub fn schools(c: Ctx) -> Nodes {
    let l = c.lang.get();
    let base = web_sys::window()
        .and_then(|w| {
            let loc = w.location();
            let origin = loc.origin().ok()?;
            let path = loc.pathname().ok()?;
            let dir = &path[..path.rfind('/').map(|i| i + 1).unwrap_or(path.len())];
            Some(format!("{origin}{dir}"))
        })
        .unwrap_or_default();
    let lang = RwSignal::new("nl".to_string());
    let audience = RwSignal::new(String::new());
    let compact = RwSignal::new(false);
    let copied = RwSignal::new(String::new());
    let snippet = move || {
        let a = audience.get();
        let a = if a.is_empty() { String::new() } else { format!(" data-audience=\"{a}\"") };
        let k = if compact.get() { " data-compact=\"1\"" } else { "" };
        format!("<script src=\"{base}embed.js\" data-lang=\"{}\"{a}{k} async></script>", lang.get())
    };
    let shown = snippet.clone();
    let copy = move |_| {
        let Some(w) = web_sys::window() else { return };
        let p = w.navigator().clipboard().write_text(&untrack(&snippet));
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            copied.set(if ok { "De code staat op het klembord." } else { "Kopiëren lukte niet. Selecteer de code zelf." }.into());
        });
    };
    let code = |s: &str| el("code").text(s);
    let li_code =
        |parts: &[(&str, bool)]| parts.iter().fold(el("li"), |li, (t, is_code)| if *is_code { li.child(code(t)) } else { li.text(t) });
    let opt = |v: &str, label: &str| el("option").attr("value", v).text(label);
    let u = crate::i18n::ui(Lang::Nl);
    let audiences = std::iter::once(opt("", "Iedereen (begin bij Wie ben jij?)"))
        .chain(wegwijzer_core::Audience::ALL.iter().enumerate().map(|(i, a)| opt(a.id(), u.audience_names[i])));
    // The preview: the first question the embedded Wegwijzer asks with these options.
    let preview = move || -> Nodes {
        let pl = if lang.get() == "en" { Lang::En } else { Lang::Nl };
        let Some(ld) = c.loaded.get_untracked() else { return vec![] };
        let content = &ld.content;
        let start = content.node(&content.tree.start);
        let node = match (start, audience.get()) {
            (Some(s), a) if !a.is_empty() => wegwijzer_core::walker::next_of(s, &a).ok().and_then(|id| content.node(id)),
            (s, _) => s,
        };
        let Some(wegwijzer_core::Node::Question(q)) = node else { return vec![] };
        let pu = crate::i18n::ui(pl);
        vec![el("div")
            .class(if compact.get() { "preview compact" } else { "preview" })
            .attr_if(pl == Lang::En, "lang", "en")
            .child(el("p").class("preview-exit").text(pu.exit))
            .child(el("p").class("preview-q").child(crate::dom::content_text(&q.text, pl)))
            .child(el("ul").children(q.options.iter().map(|o| el("li").child(crate::dom::content_text(&o.label, pl)))))
            .into()]
    };
    let mut out: Nodes = vec![super::h1("Voor scholen: de Wegwijzer op je website").attr("lang", "nl").into()];
    if l == Lang::En {
        out.push(el("p").text("This page is for school web editors and is in Dutch.").into());
    }
    out.push(
        el("div")
            .attr("lang", "nl")
            .child(el("p").text("Zet de Wegwijzer op de website van je school. Leerlingen, ouders en medewerkers vinden dan bij jou de weg naar de juiste hulp. Het kost niets en je hoeft niets bij te houden: de informatie wordt centraal bijgewerkt."))
            .child(el("h2").text("De code"))
            .child(el("p").text("Plak deze ene regel op de plek waar de Wegwijzer moet komen:"))
            .child(el("pre").class("snippet").child(el("code").id("snippet").dyn_text(shown)))
            .child(el("p")
                .child(el("button").attr("type", "button").class("primary").on_click(copy).text(u.copy_code))
                .child(el("span").class("local-status").attr("role", "status").dyn_text(move || copied.get())))
            .child(el("h2").text("Kies de opties"))
            .child(el("div")
                .class("filters")
                .child(el("p").child(el("label").attr("for", "s-lang").text("Taal")).child(el("select").id("s-lang").on("change", move |ev| lang.set(event_target_value(&ev))).child(opt("nl", "Nederlands")).child(opt("en", "English"))))
                .child(el("p").child(el("label").attr("for", "s-aud").text("Begin bij")).child(el("select").id("s-aud").on("change", move |ev| audience.set(event_target_value(&ev))).children(audiences))))
            .child(el("p")
                .class("check")
                .child(el("input").attr("type", "checkbox").id("s-compact").on("change", move |ev| compact.set(event_target_checked(&ev))))
                .child(el("label").attr("for", "s-compact").text("Compact (zonder zoekvak en uitleg)")))
            .child(el("h2").text("Voorbeeld"))
            .child(el("p").class("hint").text("Zo begint de Wegwijzer op je website met deze opties. De code hierboven past zich aan."))
            .child(el("div").class("preview-box").dyn_child(preview))
            .child(el("h2").text("Alle opties"))
            .child(el("ul")
                .child(li_code(&[("data-lang", true), (": ", false), ("nl", true), (" of ", false), ("en", true), (".", false)]))
                .child(li_code(&[
                    ("data-audience", true),
                    (": begin bij een doelgroep: ", false),
                    ("pupil_primary", true),
                    (", ", false),
                    ("pupil_secondary", true),
                    (", ", false),
                    ("parent", true),
                    (", ", false),
                    ("employee", true),
                    (" of ", false),
                    ("leader", true),
                    (".", false),
                ]))
                .child(li_code(&[("data-compact", true), (": ", false), ("1", true), (" voor een compacte weergave.", false)]))
                .child(li_code(&[("data-exit-url", true), (": waar 'Snel weg' naartoe gaat (standaard een zoekmachine).", false)])))
            .child(el("p").text("Andere opties of waarden worden genegeerd."))
            .child(el("h2").text("Voor je webbeheerder"))
            .child(el("p").text("Beheert iemand anders de website van je school? Stuur deze pagina dan door naar je webbeheerder. Dit moet de website toestaan:"))
            .child(el("ul")
                .child(li_code(&[
                    ("Een iframe van ons adres. Heeft de site een Content-Security-Policy? Voeg ons adres dan toe aan ", false),
                    ("frame-src", true),
                    (" en ", false),
                    ("script-src", true),
                    (".", false),
                ]))
                .child(el("li").text("De Wegwijzer past zijn hoogte zelf aan. Er komt geen schuifbalk in het kader."))
                .child(el("li").text("'Snel weg' verlaat de hele pagina, niet alleen het kader. Dat is bewust: zo is een leerling echt weg.")))
            .child(el("h2").text("Privacy"))
            .child(el("p").text("De Wegwijzer plaatst geen cookies en stuurt niets naar jou of naar ons. Je website ziet niet wat iemand invult. In een kader kan de browser het onthouden van antwoorden blokkeren; de Wegwijzer werkt dan gewoon en meldt dat."))
            .into(),
    );
    out
}
