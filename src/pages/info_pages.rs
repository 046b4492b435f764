//! Fixed pages: privacy and safety, accessibility statement, about, and the page for
//! schools with the embed snippet. Dutch B1 (with an A2 part for pupils) and English.

use crate::app::ctx;
use leptos::prelude::*;
use wegwijzer_core::Lang;

/// Paragraph helper: (Dutch, English).
fn p(lang: Lang, nl: &'static str, en: &'static str) -> impl IntoView {
    view! { <p>{if lang == Lang::Nl { nl } else { en }}</p> }
}

fn h2(lang: Lang, nl: &'static str, en: &'static str) -> impl IntoView {
    view! { <h2>{if lang == Lang::Nl { nl } else { en }}</h2> }
}

fn li(lang: Lang, items: &[(&'static str, &'static str)]) -> impl IntoView {
    let items: Vec<&'static str> = items.iter().map(|(nl, en)| if lang == Lang::Nl { *nl } else { *en }).collect();
    view! { <ul>{items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }
}

#[component]
pub fn Safety() -> impl IntoView {
    let c = ctx();
    move || {
        let l = c.lang.get();
        view! {
            <h1 tabindex="-1">{if l == Lang::Nl { "Privacy en veiligheid" } else { "Privacy and safety" }}</h1>
            <section class="a2" aria-labelledby="kids">
                <h2 id="kids">{if l == Lang::Nl { "Voor kinderen: kort" } else { "For children: in short" }}</h2>
                {li(l, &[
                    ("Wil je snel weg? Klik op Snel weg. Of druk 3 keer op Shift.", "Want to leave fast? Click Leave now. Or press Shift 3 times."),
                    ("Dan gaat deze site meteen dicht.", "Then this site closes at once."),
                    ("Je antwoorden worden dan gewist.", "Your answers are then erased."),
                    ("Iemand kan nog wel zien dat je hier was. Dat staat in de geschiedenis van de browser.", "Someone can still see that you were here. It is in the browser history."),
                    ("Gebruik daarom liever een privévenster. Of een ander apparaat.", "So it is better to use a private window. Or another device."),
                ])}
            </section>
            {h2(l, "Wat doet Snel weg?", "What does Leave now do?")}
            {li(l, &[
                ("Het scherm wordt meteen leeg en de titel van het tabblad verandert.", "The screen goes blank at once and the tab title changes."),
                ("Alles wat de Wegwijzer op dit apparaat heeft bewaard, wordt gewist: je antwoorden en je keuze om ze te onthouden.", "Everything the Wegwijzer kept on this device is erased: your answers and your choice to remember them."),
                ("Je gaat naar een gewone website (een zoekmachine). Met de knop Terug kom je niet terug in de Wegwijzer.", "You go to an ordinary website (a search engine). The Back button does not bring you back into the Wegwijzer."),
                ("Staat de Wegwijzer op de website van je school? Dan verlaat je ook die pagina.", "Is the Wegwijzer on your school's website? Then you leave that page too."),
            ])}
            {h2(l, "Wat Snel weg niet doet", "What Leave now does not do")}
            {li(l, &[
                ("De geschiedenis van je browser wordt niet gewist. Daar staat dat je deze site hebt bezocht.", "Your browser history is not erased. It shows that you visited this site."),
                ("De offline kopie van de app blijft in de browser staan. Daarin staan geen antwoorden.", "The offline copy of the app stays in the browser. It holds no answers."),
                ("Wie over je schouder meekijkt, heeft het misschien al gezien.", "Someone looking over your shoulder may already have seen it."),
            ])}
            {p(l, "Tip: gebruik een privévenster (incognito) of een ander apparaat, bijvoorbeeld bij een vriend of in de bibliotheek.", "Tip: use a private (incognito) window or another device, for example at a friend's or in the library.")}
            {h2(l, "Wat we bewaren", "What we keep")}
            {li(l, &[
                ("Je antwoorden staan alleen in het geheugen van dit venster. Sluit je het venster, dan zijn ze weg.", "Your answers are only in the memory of this window. When you close it, they are gone."),
                ("Alleen als je zelf kiest voor 'Onthoud mijn antwoorden op dit apparaat', bewaren we ze op dit apparaat. Dat duurt maximaal 30 dagen.", "Only if you choose 'Remember my answers on this device' do we keep them on this device, for at most 30 days."),
                ("Antwoorden over seksueel geweld of misbruik bewaren we nooit, ook niet als je daarvoor kiest.", "Answers about sexual violence or abuse are never kept, even if you choose to remember."),
                ("Om offline te werken bewaart de browser de informatie over organisaties. Daarin staat niets over jou.", "To work offline, the browser keeps the information about organisations. It holds nothing about you."),
                ("Geen cookies, geen statistieken, geen reclame. Alles wat je invult blijft op je apparaat; niets gaat naar ons of naar anderen.", "No cookies, no statistics, no ads. Everything you enter stays on your device; nothing goes to us or anyone else."),
            ])}
            <crate::pages::Consent/>
        }
    }
}

#[component]
pub fn Accessibility() -> impl IntoView {
    let c = ctx();
    move || {
        let l = c.lang.get();
        view! {
            <h1 tabindex="-1">{if l == Lang::Nl { "Toegankelijkheid" } else { "Accessibility" }}</h1>
            {p(l, "De Wegwijzer moet voor iedereen werken. We houden ons aan de WCAG 2.2 op niveau AA, zoals de wet (Besluit digitale toegankelijkheid overheid) vraagt.",
                "The Wegwijzer must work for everyone. We follow WCAG 2.2 level AA, as Dutch law (Besluit digitale toegankelijkheid overheid) requires.")}
            {h2(l, "Wat we doen", "What we do")}
            {li(l, &[
                ("Eén vraag per scherm, in duidelijke taal (B1, en A2 voor kinderen).", "One question per screen, in plain language (B1, and A2 for children)."),
                ("Alles werkt met het toetsenbord en met een schermlezer. Na elke stap staat de focus op de nieuwe vraag.", "Everything works with a keyboard and a screen reader. After each step, focus moves to the new question."),
                ("Knoppen zijn groot genoeg om aan te tikken. De site past op een smal scherm en werkt bij 200% zoom.", "Buttons are large enough to tap. The site fits a narrow screen and works at 200% zoom."),
                ("Donkere modus en 'minder beweging' van je apparaat worden gevolgd.", "Your device's dark mode and 'reduce motion' settings are followed."),
                ("Hulp van een mens staat op elk scherm op dezelfde plek.", "Help from a person is in the same place on every screen."),
                ("Elke versie wordt automatisch getest met axe-core, zonder fouten.", "Every version is tested automatically with axe-core, with zero violations."),
            ])}
            {h2(l, "Iets werkt niet?", "Something does not work?")}
            {p(l, "Bel of mail de helpdesk hieronder. We lossen het op en laten je weten wanneer.", "Call or e-mail the helpdesk below. We will fix it and tell you when.")}
        }
    }
}

#[component]
pub fn About() -> impl IntoView {
    let c = ctx();
    move || {
        let l = c.lang.get();
        let version = c.loaded.get().map(|x| x.version).unwrap_or_default();
        view! {
            <h1 tabindex="-1">{if l == Lang::Nl { "Over de Wegwijzer" } else { "About the Wegwijzer" }}</h1>
            {p(l, "Voel jij je niet veilig op school? Of maak je je zorgen over een leerling of over je kind? De Wegwijzer helpt je in een paar stappen de organisatie te vinden die echt kan helpen. En wat je van ze kunt verwachten.",
                "Do you feel unsafe at school? Or are you worried about a pupil or your child? In a few steps, the Wegwijzer helps you find the organisation that can really help, and what to expect from them.")}
            {p(l, "De Wegwijzer hoort bij de afspraken over een sociaal veilige school: een wegwijzer met een helpdesk, zodat niemand tussen wal en schip valt.",
                "The Wegwijzer is part of the Dutch plans for socially safe schools: a signpost with a helpdesk, so that nobody falls between the cracks.")}
            {p(l, "De informatie over organisaties komt van hun eigen openbare websites. Bij elk telefoonnummer staat waar het vandaan komt en wanneer het is gecontroleerd. De informatie is digitaal ondertekend: de app laat alleen gecontroleerde informatie zien.",
                "The information about organisations comes from their own public websites. Every phone number records where it came from and when it was checked. The information is digitally signed: the app only shows verified information.")}
            <p class="meta">{if l == Lang::Nl { "Versie van de informatie: " } else { "Information version: " }}{version}</p>
        }
    }
}

#[component]
pub fn Schools() -> impl IntoView {
    let c = ctx();
    move || {
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
        let snippet = format!("<script src=\"{base}embed.js\" data-lang=\"nl\" async></script>");
        view! {
            <h1 tabindex="-1" lang="nl">"Voor scholen: de Wegwijzer op uw website"</h1>
            {(l == Lang::En).then(|| view! { <p>"This page is for school web editors and is in Dutch."</p> })}
            <div lang="nl">
                <p>"Zet de Wegwijzer op de website van uw school. Leerlingen, ouders en medewerkers vinden dan bij u de weg naar de juiste hulp. Het kost niets en u hoeft niets bij te houden: de informatie wordt centraal bijgewerkt."</p>
                <h2>"De code"</h2>
                <p>"Plak deze ene regel op de plek waar de Wegwijzer moet komen:"</p>
                <pre class="snippet"><code>{snippet}</code></pre>
                <h2>"Opties"</h2>
                <ul>
                    <li><code>"data-lang"</code>": "<code>"nl"</code>" of "<code>"en"</code>"."</li>
                    <li><code>"data-audience"</code>": begin bij een doelgroep: "<code>"pupil_primary"</code>", "<code>"pupil_secondary"</code>", "<code>"parent"</code>", "<code>"employee"</code>" of "<code>"leader"</code>"."</li>
                    <li><code>"data-compact"</code>": "<code>"1"</code>" voor een compacte weergave."</li>
                    <li><code>"data-exit-url"</code>": waar 'Snel weg' naartoe gaat (standaard een zoekmachine)."</li>
                </ul>
                <p>"Andere opties of waarden worden genegeerd."</p>
                <h2>"Wat uw website moet toestaan"</h2>
                <ul>
                    <li>"Een iframe van ons adres. Heeft uw site een Content-Security-Policy? Voeg ons adres dan toe aan "<code>"frame-src"</code>" en "<code>"script-src"</code>"."</li>
                    <li>"De Wegwijzer past zijn hoogte zelf aan. Er komt geen schuifbalk in het kader."</li>
                    <li>"'Snel weg' verlaat uw hele pagina, niet alleen het kader. Dat is bewust: zo is een leerling echt weg."</li>
                </ul>
                <h2>"Privacy"</h2>
                <p>"De Wegwijzer plaatst geen cookies en stuurt niets naar u of naar ons. Uw website ziet niet wat iemand invult. In een kader kan de browser het onthouden van antwoorden blokkeren; de Wegwijzer werkt dan gewoon en meldt dat."</p>
            </div>
        }
    }
}
