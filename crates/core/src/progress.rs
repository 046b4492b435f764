//! Saved progress: what the app writes to device storage after the user opted in.
//!
//! It records the content version, so after a content update the valid prefix of the
//! path is kept and the user is told how much to answer again. Anything corrupt,
//! foreign or expired is discarded, never trusted.

use crate::model::{Content, Lang};
use crate::walker::{Answer, Walk};

/// Format of the saved record; bump when the shape changes.
pub const FORMAT: u32 = 1;
/// Longest time progress may be kept: 30 days (spec section 5).
pub const MAX_AGE_SECS: i64 = 30 * 24 * 3600;
/// Saved records larger than this are foreign or corrupt.
pub const MAX_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Saved {
    pub format: u32,
    pub content_version: u64,
    pub saved_at: i64,
    pub expires_at: i64,
    pub lang: Lang,
    pub entry: String,
    pub answers: Vec<Answer>,
}

// Read and written with the small JSON module (no serde_json in the browser build); the
// record's JSON shape is unchanged, so progress saved by earlier builds still restores.
crate::from_json_struct!(Saved { req: [format, content_version, saved_at, expires_at, lang, entry, answers], opt: [] });
crate::to_json_struct!(Saved { format, content_version, saved_at, expires_at, lang, entry, answers });
crate::from_json_struct!(Answer { req: [node, choice], opt: [] });
crate::to_json_struct!(Answer { node, choice });

/// Serialise progress, or `None` when the path holds a session-only node (never persisted).
pub fn save(c: &Content, walk: &Walk, lang: Lang, content_version: u64, now: i64, ttl_secs: i64) -> Option<String> {
    if walk.is_sensitive(c) {
        return None;
    }
    let saved = Saved {
        format: FORMAT,
        content_version,
        saved_at: now,
        expires_at: now + ttl_secs.clamp(0, MAX_AGE_SECS),
        lang,
        entry: walk.entry.clone(),
        answers: walk.answers.clone(),
    };
    Some(crate::json::ToJson::to_json(&saved))
}

/// The result of reading saved progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// Same content version: everything restored.
    Same { walk: Walk, lang: Lang },
    /// The content changed: the valid prefix was kept, `dropped` answers must be given again.
    Updated { walk: Walk, lang: Lang, dropped: usize },
    /// Too old: discard it.
    Expired,
    /// Not ours, broken, or nothing valid left: discard it.
    Invalid,
}

/// Read saved progress against the current content.
pub fn restore(text: &str, c: &Content, content_version: u64, now: i64) -> Restored {
    if text.len() > MAX_BYTES {
        return Restored::Invalid;
    }
    let Ok(s) = crate::json::from_slice::<Saved>(text.as_bytes()) else { return Restored::Invalid };
    // checked: both numbers come from the device (a crafted record with saved_at far below 0
    // and expires_at near i64::MAX overflowed here, found by tests/prop_parsers.rs).
    if s.format != FORMAT || s.expires_at.checked_sub(s.saved_at).is_none_or(|age| !(0..=MAX_AGE_SECS).contains(&age)) {
        return Restored::Invalid;
    }
    if now > s.expires_at {
        return Restored::Expired;
    }
    if s.entry != c.tree.start && s.entry != c.tree.crisis {
        return Restored::Invalid;
    }
    let Some((walk, dropped)) = Walk::restore(c, &s.entry, &s.answers) else { return Restored::Invalid };
    if walk.answers.is_empty() {
        return Restored::Invalid;
    }
    if s.content_version == content_version && dropped == 0 {
        Restored::Same { walk, lang: s.lang }
    } else {
        Restored::Updated { walk, lang: s.lang, dropped }
    }
}
