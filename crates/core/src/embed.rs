//! Options the app reads from its own URL's query string (`?embed=1&lang=en&exit=…`), set by
//! `public/embed.js` when a school embeds the app. Pure parsing, so it is tested natively
//! (`tests/prop_parsers.rs`); `src/embed.rs` only reads `location.search`, asks whether the
//! app runs inside a frame and logs the warnings.
//!
//! Trust (ARCHITECTURE.md, Security): a URL is something anyone can send a child. Options that
//! would let a link change what the app does with the child's safety are honoured only when
//! the app runs inside a frame, where the embedding page chose them:
//! - `exit`: where "Snel weg" goes (product-spec section 5: "a top-level URL can never choose
//!   it"); otherwise a link could send a fleeing child to a page that learns they fled;
//! - `embed`, `compact`: the embedded layout hides the footer (safety and accessibility pages)
//!   and stops the page from scrolling (the host page scrolls the frame), so top-level a link
//!   could hide the help below the fold;
//! - `origin`: where height messages go; they only go to a parent frame anyway.
//! - `preview`: the live preview on the app's own "Voor scholen" page. That frame has the
//!   app's own origin, so it would share the top-level app's storage (a walk in progress, the
//!   tab's language, consent); with `preview` it reads and writes no storage at all.
//!
//! `lang` and `audience` are presets the user can change on the first screen, so they work
//! top-level too (a school may link to the English or parent version).

use crate::model::{Audience, Lang};

/// Longest accepted exit URL (bytes).
pub const MAX_EXIT_URL: usize = 300;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub embed: bool,
    pub compact: bool,
    pub lang: Option<Lang>,
    pub audience: Option<Audience>,
    /// The host page's origin, exactly `scheme://host[:port]`.
    pub origin: Option<String>,
    /// Where "Snel weg" goes, chosen by the school (`data-exit-url`); `https:` only.
    pub exit: Option<String>,
    /// The schools page's live preview: no storage read or written.
    pub preview: bool,
}

/// At most this many warnings are returned (then one for the rest): a long query string must
/// not flood the console.
pub const MAX_WARNINGS: usize = 8;

/// One ignored `key=value` pair, as the text before the key, the key (at most 40 characters)
/// and the text after it: the browser build joins three strings instead of formatting.
pub type Warning = (&'static str, String, &'static str);
/// The kinds of [`Warning`]: text before and after the key.
pub const NOT_FRAMED: (&str, &str) = ("ignored option `", "`: only an embedding page can set it (the app is not in a frame)");
pub const INVALID: (&str, &str) = ("ignored invalid value for option `", "`");
pub const UNKNOWN: (&str, &str) = ("ignored unknown option `", "`");
pub const MORE: (&str, &str) = ("ignored more options", "");

/// Options that only an embedding page may set.
pub const FRAME_ONLY: [&str; 5] = ["embed", "compact", "origin", "exit", "preview"];

/// An `https:` URL with a host and without characters that could break out of it.
pub fn valid_exit(s: &str) -> bool {
    s.len() < MAX_EXIT_URL
        && s.strip_prefix("https://").is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && s.chars().all(|c| c.is_ascii_graphic())
}

/// `scheme://host[:port]` with http(s) only, nothing else.
pub fn valid_origin(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)) && !r.starts_with(':'))
}

/// `decodeURIComponent`: `%XX` escapes to bytes, which must be UTF-8; `None` for a malformed
/// escape or invalid UTF-8 (where the browser's function throws). `+` stays `+`.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let hi = hex(*b.get(i + 1)?)?;
            let lo = hex(*b.get(i + 2)?)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Options {
    /// Parse `location.search` (with or without the leading `?`). `framed`: the app runs inside
    /// a frame (`window.top !== window`). Returns the options and one warning per ignored
    /// pair, for the console. Never panics, whatever the input (property-tested).
    pub fn parse(search: &str, framed: bool) -> (Options, Vec<Warning>) {
        let mut c = Options::default();
        let mut warnings = Vec::new();
        let mut more = 0usize;
        let mut warn = |k: &str, (before, after): (&'static str, &'static str)| {
            if warnings.len() < MAX_WARNINGS {
                warnings.push((before, k.chars().take(40).collect(), after));
            } else {
                more += 1;
            }
        };
        for pair in search.strip_prefix('?').unwrap_or(search).split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v).unwrap_or_default();
            if FRAME_ONLY.contains(&k) && !framed {
                warn(k, NOT_FRAMED);
                continue;
            }
            match k {
                "embed" if v == "1" => c.embed = true,
                "compact" if v == "1" => c.compact = true,
                "preview" if v == "1" => c.preview = true,
                "lang" if Lang::parse(&v).is_some() => c.lang = Lang::parse(&v),
                "audience" if Audience::parse(&v).is_some() => c.audience = Audience::parse(&v),
                "origin" if valid_origin(&v) => c.origin = Some(v),
                "exit" if valid_exit(&v) => c.exit = Some(v),
                "embed" | "compact" | "preview" | "lang" | "audience" | "origin" | "exit" => warn(k, INVALID),
                _ => warn(k, UNKNOWN),
            }
        }
        if more > 0 {
            warnings.push((MORE.0, String::new(), MORE.1));
        }
        (c, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_only_in_a_frame() {
        let q = "?exit=https%3A%2F%2Fevil.example%2Fphish&lang=en&embed=1&compact=1&origin=https%3A%2F%2Fschool.example";
        let (top, w) = Options::parse(q, false);
        assert_eq!(top, Options { lang: Some(Lang::En), ..Options::default() });
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w.contains(&(NOT_FRAMED.0, "exit".to_string(), NOT_FRAMED.1)));
        let (framed, w) = Options::parse(q, true);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(framed.exit.as_deref(), Some("https://evil.example/phish"));
        assert_eq!(framed.origin.as_deref(), Some("https://school.example"));
        assert!(framed.embed && framed.compact);
    }

    #[test]
    fn preview_only_in_a_frame() {
        let (top, w) = Options::parse("?preview=1&embed=1", false);
        assert!(!top.preview && !top.embed);
        assert_eq!(w.len(), 2, "{w:?}");
        let (framed, w) = Options::parse("?preview=1&embed=1", true);
        assert!(framed.preview && framed.embed && w.is_empty(), "{w:?}");
        let (bad, w) = Options::parse("?preview=yes", true);
        assert!(!bad.preview);
        assert_eq!(w, vec![(INVALID.0, "preview".to_string(), INVALID.1)]);
    }

    #[test]
    fn exit_is_https_only() {
        for bad in
            ["http://x.example/", "javascript:alert(1)", "https://", "https:///x", "https://a b", "//evil.example", "data:text/html,x"]
        {
            let (o, w) = Options::parse(&format!("exit={}", bad.replace(' ', "%20")), true);
            assert_eq!(o.exit, None, "{bad}");
            assert_eq!(w.len(), 1);
        }
        assert!(valid_exit("https://www.google.nl/"));
    }

    #[test]
    fn decoding_as_decode_uri_component() {
        assert_eq!(percent_decode("a%20b+c").as_deref(), Some("a b+c"));
        assert_eq!(percent_decode("%E2%82%AC").as_deref(), Some("€"));
        assert_eq!(percent_decode("%"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
        assert_eq!(percent_decode("%ED%A0%80"), None); // a lone surrogate
    }
}
