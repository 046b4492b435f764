//! The interface strings ("Snel weg", "Terug", "Verder") as the signed content gives them
//! (`site.json` `ui` and `ui_lists`), so they are edited, linted, signed and translated like
//! every other text and do not take bytes in the wasm. [`Ui::KEYS`] is the list lint checks
//! the content against; [`Ui::from_site`] picks one language with Dutch as the fallback.

use crate::model::{Lang, Site};

macro_rules! ui_struct {
    ($($k:ident,)*) => {
        /// One language's interface strings, borrowed from a [`Site`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct Ui<'a> {
            $(pub $k: &'a str,)*
            pub audience_names: [&'a str; 5],
            pub stage_names: [&'a str; 4],
        }

        impl<'a> Ui<'a> {
            /// The keys of `ui` every content must have.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($k),)*];
            /// The keys of `ui_lists` every content must have, with their lengths.
            pub const LIST_KEYS: &'static [(&'static str, usize)] = &[("audience_names", 5), ("stage_names", 4)];

            /// The strings in `lang`, each falling back to Dutch; a key the site lacks is empty.
            /// One lookup loop for all keys (a lookup per field cost kilobytes of wasm).
            pub fn from_site(site: &'a Site, lang: Lang) -> Ui<'a> {
                let mut v = [""; Self::KEYS.len()];
                for (slot, k) in v.iter_mut().zip(Self::KEYS) {
                    *slot = site.ui.get(*k).map_or("", |t| t.in_lang(lang));
                }
                let list = |k: &str| site.ui_lists.get(k).map(|t| t.in_lang(lang)).unwrap_or(&[]);
                let (a, s) = (list("audience_names"), list("stage_names"));
                let at = |l: &'a [String], i: usize| l.get(i).map_or("", String::as_str);
                // Destructured in declaration order (a move of the array, not a call per field).
                let [$($k,)*] = v;
                Ui {
                    $($k,)*
                    audience_names: [0, 1, 2, 3, 4].map(|n| at(a, n)),
                    stage_names: [0, 1, 2, 3].map(|n| at(s, n)),
                }
            }
        }
    };
}

ui_struct! {
    exit,
    exit_hint,
    exit_progress_1,
    exit_progress_2,
    lang_switch,
    lang_switch_label,
    crisis_button,
    back,
    your_answers,
    start_again,
    dont_know,
    continue_,
    change,
    previous_answer,
    step,
    outcome_title,
    answers_title,
    no_answers,
    pruned,
    help_title,
    crisis_title,
    search_label,
    search_hint,
    free,
    not_free,
    varies,
    anonymous_yes,
    anonymous_optional,
    anonymous_no,
    can,
    cannot,
    who,
    what_happens,
    duration,
    does_not,
    print,
    copy,
    copied,
    copy_failed,
    rung,
    ages,
    nav_label,
    nav_orgs,
    nav_overview,
    nav_safety,
    nav_a11y,
    nav_about,
    nav_schools,
    nav_start,
    filter_audience,
    filter_topic,
    all,
    orgs_count,
    remember,
    remember_hint,
    wipe,
    wiped,
    resume_title,
    resume_yes,
    resume_no,
    resume_updated,
    storage_unavailable,
    loading,
    notice_offline_cached,
    notice_unverified,
    notice_stale,
    failure_title,
    failure_body,
    retry,
    offline,
    update_ready,
    update_button,
    channel_phone,
    channel_chat,
    channel_email,
    channel_website,
    channel_whatsapp,
    channel_sms,
    overview_title,
    overview_intro,
    overview_caption,
    orgs_title,
    intro_line,
    do_first,
    then_steps,
    then_duties,
    show_all,
    hide_all,
    and_or,
    and,
    mandatory,
    deadline,
    more_about,
    call,
    in_school,
    saving_on,
    turn_off,
    saving_off,
    remember_disabled,
    restart_confirm,
    restart_yes,
    restart_wipe,
    cancel,
    restarted,
    new_tab,
    search_none_orgs,
    search_call_now,
    topic_chosen,
    filter_name,
    back_to_where,
    or,
    updated,
    search_orgs,
    copy_code,
    terms_title,
    schools_note,
    schools_options,
    schools_lang,
    schools_start,
    schools_everyone,
    schools_compact,
    schools_preview,
    schools_preview_hint,
    schools_copied,
    schools_copy_failed,
    lang_menu,
    unreviewed,
    to_dutch,
    read_aloud,
    stop_reading,
    lang_offer,
    lang_offer_no,
    lang_unavailable,
    channel_languages,
}
