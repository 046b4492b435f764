//! Content model v1: the decision tree and the organisation directory, exactly as
//! the JSON files in `content/` hold them (see `content/schema/*.json`).
//!
//! Routing lives in the tree (ids and `next`), wording lives in [`Text`] values,
//! facts about organisations live in the directory. Nothing here knows the browser.

/// The schema version this build understands. A document with another version is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// A value per language: Dutch (required, leading) and translations, in file order.
/// In JSON an object from language code to value: `{"nl": "…", "en": "…", "ar": "…"}`.
/// Which languages exist is data (`site.json` `languages`), not code. Signed content ships
/// Dutch in the base files and each other language as a separate overlay
/// ([`crate::i18n`]); the app merges the overlay of the chosen language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized<T> {
    pub nl: T,
    /// Translations other than Dutch, at most one per language, never `nl`.
    pub tr: Vec<(Lang, T)>,
}

/// A text per language. May contain the tiny safe markup of [`crate::markup`].
pub type Text = Localized<String>;
/// A list of short texts per language (e.g. "what they can do", search keywords).
pub type TextList = Localized<Vec<String>>;

impl<T> Localized<T> {
    pub fn new(nl: T) -> Self {
        Localized { nl, tr: Vec::new() }
    }
    /// With a translation added or replaced.
    pub fn with(mut self, lang: Lang, v: T) -> Self {
        self.set(lang, v);
        self
    }
    /// Add or replace the value in `lang` (Dutch replaces `nl`).
    pub fn set(&mut self, lang: Lang, v: T) {
        if lang == Lang::Nl {
            self.nl = v;
        } else if let Some(slot) = self.tr.iter_mut().find(|(l, _)| *l == lang) {
            slot.1 = v;
        } else {
            self.tr.push((lang, v));
        }
    }
    /// The value written in `lang` itself (no fallback).
    pub fn exact(&self, lang: Lang) -> Option<&T> {
        if lang == Lang::Nl {
            return Some(&self.nl);
        }
        self.tr.iter().find(|(l, _)| *l == lang).map(|(_, v)| v)
    }
    /// The English value, if written.
    pub fn en(&self) -> Option<&T> {
        self.exact(Lang::En)
    }
    /// Every value with its language, Dutch first.
    pub fn all(&self) -> impl Iterator<Item = (Lang, &T)> {
        std::iter::once((Lang::Nl, &self.nl)).chain(self.tr.iter().map(|(l, v)| (*l, v)))
    }
}

impl Text {
    /// The text in `lang`, falling back to Dutch. Returns the language actually used,
    /// so the UI can put `lang` on a fragment that is not in the page language.
    pub fn get(&self, lang: Lang) -> (&str, Lang) {
        match self.exact(lang) {
            Some(t) if !t.trim().is_empty() => (t, lang),
            _ => (&self.nl, Lang::Nl),
        }
    }
    pub fn in_lang(&self, lang: Lang) -> &str {
        self.get(lang).0
    }
}

impl TextList {
    pub fn in_lang(&self, lang: Lang) -> &[String] {
        match self.exact(lang) {
            Some(l) if !l.is_empty() => l,
            _ => &self.nl,
        }
    }
}

/// A language code: two lowercase ASCII letters (ISO 639-1), e.g. `nl`, `en`, `ar`.
/// Which languages the content offers is data; `Nl` and `En` are named because the
/// interface has built-in Dutch and English for the screens before content loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 2]);

impl Default for Lang {
    fn default() -> Self {
        Lang::Nl
    }
}

#[allow(non_upper_case_globals)]
impl Lang {
    pub const Nl: Lang = Lang(*b"nl");
    pub const En: Lang = Lang(*b"en");
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("nl")
    }
    /// Two lowercase ASCII letters, or `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.as_bytes() {
            [a @ b'a'..=b'z', b @ b'a'..=b'z'] => Some(Lang([*a, *b])),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        Lang::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a language code (two lowercase letters)")))
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for Localized<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1 + self.tr.len()))?;
        for (l, v) in self.all() {
            m.serialize_entry(l.code(), v)?;
        }
        m.end()
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Localized<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = Localized<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object from language code to text, with `nl`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                use serde::de::Error;
                let mut nl = None;
                let mut tr: Vec<(Lang, T)> = Vec::new();
                while let Some(k) = a.next_key::<String>()? {
                    let lang = Lang::parse(&k).ok_or_else(|| A::Error::custom(format!("unknown field `{k}`: not a language code")))?;
                    let v = a.next_value::<T>()?;
                    if lang == Lang::Nl {
                        if nl.replace(v).is_some() {
                            return Err(A::Error::custom("duplicate field `nl`"));
                        }
                    } else if tr.iter().any(|(l, _)| *l == lang) {
                        return Err(A::Error::custom(format!("duplicate field `{k}`")));
                    } else {
                        tr.push((lang, v));
                    }
                }
                let nl = nl.ok_or_else(|| A::Error::missing_field("nl"))?;
                Ok(Localized { nl, tr })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Who is using the wegwijzer. The start question's option ids are these ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Audience {
    /// Pupil in primary school (about 8–12): A2 language, no formal complaint of their own.
    #[default]
    PupilPrimary,
    /// Pupil in secondary school (about 12–18).
    PupilSecondary,
    /// Parent or carer.
    Parent,
    /// Teacher, support staff, vertrouwenspersoon.
    Employee,
    /// School leader or school board.
    Leader,
}

impl Audience {
    pub const ALL: [Audience; 5] =
        [Audience::PupilPrimary, Audience::PupilSecondary, Audience::Parent, Audience::Employee, Audience::Leader];
    pub fn id(self) -> &'static str {
        match self {
            Audience::PupilPrimary => "pupil_primary",
            Audience::PupilSecondary => "pupil_secondary",
            Audience::Parent => "parent",
            Audience::Employee => "employee",
            Audience::Leader => "leader",
        }
    }
    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.id() == s)
    }
}

// ---------------------------------------------------------------- tree

/// `tree.json`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Tree {
    /// Must equal [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Id of the first question ("Wie ben jij?"). Its option ids are [`Audience`] ids,
    /// plus optionally one option leading to the crisis node.
    pub start: String,
    /// Id of the crisis question ("Ben je nu in gevaar?"), reachable from every screen.
    pub crisis: String,
    /// The human help shown on every screen.
    pub always: Always,
    /// Topics for the search box: keywords lead into the right branch per audience.
    #[cfg_attr(feature = "serde", serde(default))]
    pub topics: Vec<Topic>,
    pub nodes: Vec<Node>,
    /// The complaint system at a glance, one curated ladder per audience ("in één oogopslag").
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub overview: Vec<Overview>,
}

/// One audience's picture of the complaint system: from inside the school to the national bodies.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Overview {
    pub audience: Audience,
    pub title: Text,
    pub intro: Text,
    /// In order, first the nearest help.
    pub rungs: Vec<Rung>,
}

/// One place in the overview: who, at which level, what they do and do not do.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rung {
    pub stage: Stage,
    /// Organisation id from the directory.
    pub org: String,
    pub does: Text,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub does_not: Option<Text>,
}

/// The level of a rung in the overview picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Stage {
    /// People inside the school (mentor, vertrouwenspersoon, schoolleiding).
    #[default]
    School,
    /// The school board and its klachtencommissie.
    Board,
    /// Independent national bodies (Inspectie, Onderwijsgeschillen, Kinderombudsman, College RvdM).
    National,
    /// Advice and helplines alongside every level (Kindertelefoon, Ouders & Onderwijs).
    Support,
}

/// What every screen shows, whatever the path.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Always {
    /// Organisation id of the helpdesk (the human last rung).
    pub helpdesk: String,
    /// Organisation ids of the crisis numbers shown on every screen (e.g. 112, 113, Kindertelefoon).
    pub crisis: Vec<String>,
    /// Organisation id of the ministry's escalation point (final resort), if any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub escalation: Option<String>,
    /// Where "Snel weg" goes. Must be `https:`.
    pub exit_url: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Topic {
    pub id: String,
    pub label: Text,
    /// Words people type, lower case, per language (include children's words:
    /// "gepest", "uitgelachen", "juf", "meester").
    pub keywords: TextList,
    /// The node this topic starts at, per audience id. The core finds the answers
    /// that lead there, so back and the summary work as if the user had clicked.
    pub entry: crate::Map<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Node {
    Question(Question),
    Info(Info),
    Outcome(Outcome),
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Question(q) => &q.id,
            Node::Info(i) => &i.id,
            Node::Outcome(o) => &o.id,
        }
    }
    /// The sensitive topic tag, if any.
    pub fn sensitive(&self) -> Option<Sensitive> {
        match self {
            Node::Question(q) => q.sensitive,
            Node::Info(i) => i.sensitive,
            Node::Outcome(o) => o.sensitive,
        }
    }
    /// Sensitive nodes are never persisted, even with consent.
    pub fn session_only(&self) -> bool {
        match self {
            Node::Question(q) => q.session_only,
            Node::Info(i) => i.session_only,
            Node::Outcome(o) => o.session_only,
        }
    }
    /// Ids of the nodes this node leads to, in option order.
    pub fn successors(&self) -> Vec<&str> {
        match self {
            Node::Question(q) => {
                let mut v: Vec<&str> = q.options.iter().map(|o| o.next.as_str()).collect();
                if let Some(d) = &q.dont_know {
                    v.push(d.next.as_str());
                }
                v
            }
            Node::Info(i) => vec![i.next.as_str()],
            Node::Outcome(_) => vec![],
        }
    }
}

/// One question per screen, 2–7 options.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Question {
    pub id: String,
    /// The question itself (becomes the `h1`/`legend`).
    pub text: Text,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub help: Option<Text>,
    pub options: Vec<Choice>,
    /// The "weet ik niet" option, if this question has one.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub dont_know: Option<DontKnow>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub session_only: bool,
    /// The sensitive topic this screen is about, if any. Lint: a tagged node must be
    /// `session_only` (never stored, even with consent).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sensitive: Option<Sensitive>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Choice {
    /// Stable within its question; recorded in progress.
    pub id: String,
    pub label: Text,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub hint: Option<Text>,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DontKnow {
    /// Defaults to "Weet ik niet" / "I don't know" when absent.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub label: Option<Text>,
    pub next: String,
}

/// The option id recorded when the user picks "weet ik niet".
pub const DONT_KNOW: &str = "dont_know";
/// The option id recorded when the user continues past an info node.
pub const CONTINUE: &str = "continue";

/// An interstitial (e.g. a safety notice) with one way on.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Info {
    pub id: String,
    pub title: Text,
    pub body: Text,
    /// Label of the continue button; defaults to "Verder" / "Continue".
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub button: Option<Text>,
    pub next: String,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub session_only: bool,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sensitive: Option<Sensitive>,
}

/// The end of a path: a ranked route (escalation ladder). The last step must be a human.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Outcome {
    pub id: String,
    pub title: Text,
    /// One or two sentences above the ladder (e.g. "Je hoeft niet elke stap te zetten").
    pub intro: Text,
    /// Ranked: first is the first thing to try.
    pub steps: Vec<Step>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub session_only: bool,
    /// Crisis outcomes are shown with urgency styling and skip the ladder wording.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub urgent: bool,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sensitive: Option<Sensitive>,
}

/// Topics whose screens are never stored: the likely threat is someone who shares the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Sensitive {
    /// Sexual abuse, harassment, online sexual abuse.
    Sexual,
    /// Danger at home (violence, abuse, neglect, honour-based violence).
    Home,
    /// Suicidal thoughts.
    Suicide,
}

/// One rung of the ladder.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Step {
    /// Organisation id from the directory (in-school roles are organisations too).
    pub org: String,
    /// What to do at this step, short ("Praat met je mentor").
    pub action: Text,
    /// Who may take this step (e.g. "Ouders; leerlingen vanaf 12").
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub who: Option<Text>,
    /// What happens next.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub what_happens: Option<Text>,
    /// How long it usually takes, if known.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub duration: Option<Text>,
    /// What this step does not do (expectation management).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub does_not: Option<Text>,
    /// A legal duty (meldplicht, overlegplicht, aangifteplicht, meldcode): shown as
    /// "Verplicht". Lint: only on staff and leader outcomes, whose intro then says so.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub mandatory: bool,
}

// ---------------------------------------------------------------- directory

/// `organisations.json`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Directory {
    pub schema: u32,
    pub organisations: Vec<Organisation>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Organisation {
    pub id: String,
    pub name: Text,
    pub kind: OrgKind,
    /// One line: what they are for.
    pub purpose: Text,
    pub can: TextList,
    pub cannot: TextList,
    /// Audience ids this organisation is for.
    pub audiences: Vec<Audience>,
    /// Topic ids (from the tree) this organisation helps with.
    #[cfg_attr(feature = "serde", serde(default))]
    pub topics: Vec<String>,
    pub cost: Cost,
    pub anonymous: Anonymity,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub age: Option<AgeRange>,
    /// A person answers (phone, chat, desk). Lint: the last step of every outcome is human.
    pub human: bool,
    /// Contact channels; each carries its own source and verification date.
    #[cfg_attr(feature = "serde", serde(default))]
    pub channels: Vec<Channel>,
    /// Where the descriptive facts come from. Required for external organisations.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub source: Option<Source>,
    /// The organisation's own web domains ("kindertelefoon.nl"). Lint: every source is on
    /// one of these (or the host of a website channel) unless it names an `exception`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OrgKind {
    /// A role inside the school (mentor, vertrouwenspersoon): no central contact.
    InSchool,
    /// An organisation with its own contact channels.
    #[default]
    External,
    /// Emergency and crisis lines.
    Crisis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Cost {
    Free,
    /// Normal call costs or a fee; explain in the organisation's texts.
    Paid,
    #[default]
    Varies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Anonymity {
    /// You never have to give your name.
    Yes,
    /// You can choose.
    Optional,
    #[default]
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AgeRange {
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min: Option<u8>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub max: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Channel {
    pub kind: ChannelKind,
    /// Phone number as dialled ("0800-0432", "112"), e-mail address, or `https:` URL.
    pub value: String,
    /// Optional label ("Chat", "Vertrouwensinspecteurs").
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub label: Option<Text>,
    /// When absent the channel is shown without "nu open / gesloten".
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub hours: Option<Hours>,
    /// Languages other than Dutch a person on this channel speaks, only as the organisation's
    /// own page (`source`) says; empty: nothing is claimed.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub languages: Vec<Lang>,
    /// Where this detail was found and when it was checked. Required.
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChannelKind {
    Phone,
    Chat,
    Email,
    #[default]
    Website,
    Whatsapp,
    Sms,
}

/// A source for a fact: a URL or a named document, and the date it was checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Source {
    /// `https:` URL or a document reference ("Kamerstuk 29 240, nr. 129").
    pub url: String,
    /// ISO date `YYYY-MM-DD`.
    pub checked: String,
    /// Why this source is not on the organisation's own domain (e.g. a law text or the
    /// Inspectie's page about a role). Required when it is not.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub exception: Option<String>,
}

/// Opening hours in Europe/Amsterdam.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Hours {
    /// Must be "Europe/Amsterdam" (the only zone the app computes).
    pub tz: String,
    /// `true` for 24/7 lines; then `weekly` is ignored.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub always: bool,
    #[cfg_attr(feature = "serde", serde(default))]
    pub weekly: Vec<WeeklyRange>,
    /// Dates with other hours (holidays). Empty `open` = closed that day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub exceptions: Vec<HoursException>,
}

/// A value of opening hours as written, with its parsed form computed once, when the value
/// is built: when the content is read (serde and the browser reader both go through
/// `From<String>`) or in code (`"09:00".into()`). The fields are private, so the two cannot
/// drift apart. The text is what serde writes back, what lint quotes and what the
/// descriptions show; the parsed form is what the screens compute with, so nothing is parsed
/// again per render. `None`: the text is invalid; lint reports it (`opening-hours`, with the
/// parser's message) and the app shows the channel without an open status.
macro_rules! parsed_text {
    ($(#[$m:meta])* $t:ident: $p:ty = $parse:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(from = "String", into = "String"))]
        pub struct $t {
            text: String,
            parsed: Option<$p>,
        }
        impl $t {
            /// As written in the content.
            pub fn as_str(&self) -> &str {
                &self.text
            }
            /// Parsed when built; `None` when the text is invalid.
            pub fn parsed(&self) -> Option<$p> {
                self.parsed
            }
        }
        impl From<String> for $t {
            fn from(text: String) -> Self {
                let parsed = $parse(text.as_str());
                $t { text, parsed }
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                $t::from(s.to_string())
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.text
            }
        }
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.text
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.text)
            }
        }
        /// The browser's reader: a string, parsed as serde's `From<String>` does.
        impl crate::json::FromJson for $t {
            fn from_json(v: crate::json::Value) -> Result<Self, crate::json::JsonError> {
                <String as crate::json::FromJson>::from_json(v).map($t::from)
            }
        }
    };
}

parsed_text!(
    /// `days` ("mon-fri", "sat", "mon,wed"): the days it covers, index 0 = Monday
    /// ([`crate::hours::parse_days`]).
    Days: [bool; 7] = |s: &str| crate::hours::parse_days(s).ok()
);
parsed_text!(
    /// A time of day "HH:MM": minutes since midnight, 0..=1440 ("24:00" = 1440, which only
    /// `to` may use; [`crate::hours::parse_hhmm`]).
    HhMm: u32 = |s: &str| crate::hours::parse_hhmm(s, true)
);
parsed_text!(
    /// A date "YYYY-MM-DD": days since 1970-01-01 ([`crate::time::parse_date`]).
    IsoDate: i64 = crate::time::parse_date
);

/// `days` like "mon-fri", "sat", "mon-sun"; times "HH:MM", `to` may be "24:00".
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct WeeklyRange {
    pub days: Days,
    pub from: HhMm,
    pub to: HhMm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HoursException {
    /// `YYYY-MM-DD`.
    pub date: IsoDate,
    /// Time ranges that day ("from"/"to"); empty = closed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub open: Vec<TimeRange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TimeRange {
    pub from: HhMm,
    pub to: HhMm,
}

// ---------------------------------------------------------------- bundle

/// `site.json`: the languages the content offers, the interface strings and the info pages
/// (privacy and safety, accessibility, about, schools). Signed and linted like the tree, so
/// the content team edits and translates them without touching Rust.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Site {
    pub schema: u32,
    /// Dutch first. The language menu lists them in this order.
    pub languages: Vec<Language>,
    /// Interface strings by key (the app's `Ui` fields and [`crate::words::KEYS`]).
    pub ui: crate::Map<Text>,
    /// Interface lists by key (audience names, stage names, day and month names).
    pub ui_lists: crate::Map<TextList>,
    pub pages: Vec<Page>,
}

/// A language the content offers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Language {
    pub code: Lang,
    /// The language's name in itself ("العربية", "Türkçe").
    pub name: String,
    pub dir: Dir,
    pub review: Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Dir {
    #[default]
    Ltr,
    Rtl,
}

/// Who checked a translation. `source` is Dutch; an `unreviewed` language shows a notice on
/// every screen that the Dutch text is leading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Review {
    pub status: ReviewStatus,
    /// Who reviewed it (name or organisation), required when `reviewed`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub by: Option<String>,
    /// When (YYYY-MM-DD), required when `reviewed`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum ReviewStatus {
    Source,
    Reviewed,
    #[default]
    Unreviewed,
}

/// An info page: a title and sections, each a heading and a body in content markup, or a
/// part the app draws itself ([`Widget`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Page {
    /// The route: `veiligheid`, `toegankelijkheid`, `over`, `scholen`.
    pub id: String,
    pub title: Text,
    /// A page for Dutch professionals only (no translations required; the app says so).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub dutch_only: bool,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Section {
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub heading: Option<Text>,
    /// Written for children (A2); drawn as a highlighted block.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub a2: bool,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub body: Option<Text>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub widget: Option<Widget>,
}

/// Parts of an info page that the app draws from state, not from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Widget {
    /// The consent switch and "wipe" button.
    #[default]
    Consent,
    /// The helpdesk's channels from the directory.
    Helpdesk,
    /// "Bijgewerkt op" with the content's date.
    ContentDate,
    /// The schools' embed code with copy button, options and preview.
    EmbedCode,
}

impl Site {
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.id == id)
    }
    pub fn language(&self, lang: Lang) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == lang)
    }
}

/// Tree, directory and site together, with id lookups. Build it with [`Content::parse`].
#[derive(Debug, Clone)]
pub struct Content {
    pub tree: Tree,
    pub directory: Directory,
    /// Shared, not copied: the app keeps the accepted site's strings for its interface.
    pub site: std::sync::Arc<Site>,
    /// The node ids in tree order: a node's position is its index here. Lint and topic
    /// search look nodes up by id thousands of times on a large tree. An `IndexSet` with
    /// the Fx hasher, as Leptos' reactive graph uses them, so the wasm shares their code.
    node_ids: indexmap::IndexSet<String, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>,
}

impl Content {
    /// Build lookups. Does not lint; see [`crate::lint`].
    pub fn new(tree: Tree, directory: Directory) -> Content {
        let node_ids = tree.nodes.iter().map(|n| n.id().to_string()).collect();
        Content { tree, directory, site: Default::default(), node_ids }
    }
    /// With the languages, interface strings and info pages of `site.json`.
    pub fn with_site(mut self, site: Site) -> Content {
        self.site = std::sync::Arc::new(site);
        self
    }
    /// Index of a node in `tree.nodes`.
    pub fn node_position(&self, id: &str) -> Option<usize> {
        if self.node_ids.len() == self.tree.nodes.len() {
            self.node_ids.get_index_of(id)
        } else {
            // Duplicate ids (a lint error): positions shifted in `node_ids`; scan, first wins.
            self.tree.nodes.iter().position(|n| n.id() == id)
        }
    }
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_position(id).map(|i| &self.tree.nodes[i])
    }
    pub fn org(&self, id: &str) -> Option<&Organisation> {
        self.directory.organisations.iter().find(|o| o.id == id)
    }
}
