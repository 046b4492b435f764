//! Hash routes. They never carry a topic or an answer: only a step number or a page
//! name (spec section 5). Hash routing works under any sub-path, offline and in a frame.
//! The app's `src/route.rs` re-exports this; parsing is pure so it is tested natively.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Step `n` (1-based) of the main walk; step 1 is the start question.
    Step(usize),
    /// Step `n` of the crisis walk ("Ben je nu in gevaar?").
    Crisis(usize),
    Summary,
    Organisations,
    Overview,
    Safety,
    Accessibility,
    About,
    Schools,
}

/// Highest step number a route can carry (a walk is far shorter).
pub const MAX_STEP: usize = 999;

impl Route {
    /// `location.hash` to a route; anything unknown or malformed is the start (never panics).
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (head, tail) = h.split_once('/').unwrap_or((h, ""));
        let n = tail.parse::<usize>().ok().filter(|n| (1..=MAX_STEP).contains(n));
        match (head, n) {
            ("stap", Some(n)) => Route::Step(n),
            ("direct", Some(n)) => Route::Crisis(n),
            ("antwoorden", _) => Route::Summary,
            ("organisaties", _) => Route::Organisations,
            ("overzicht", _) => Route::Overview,
            ("veiligheid", _) => Route::Safety,
            ("toegankelijkheid", _) => Route::Accessibility,
            ("over", _) => Route::About,
            ("scholen", _) => Route::Schools,
            _ => Route::Step(1),
        }
    }

    pub fn hash(self) -> String {
        match self {
            Route::Step(1) => "#/".into(),
            Route::Step(n) => format!("#/stap/{n}"),
            Route::Crisis(n) => format!("#/direct/{n}"),
            Route::Summary => "#/antwoorden".into(),
            Route::Organisations => "#/organisaties".into(),
            Route::Overview => "#/overzicht".into(),
            Route::Safety => "#/veiligheid".into(),
            Route::Accessibility => "#/toegankelijkheid".into(),
            Route::About => "#/over".into(),
            Route::Schools => "#/scholen".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn routes_round_trip_and_never_carry_answers() {
        for r in [
            Route::Step(1),
            Route::Step(7),
            Route::Crisis(2),
            Route::Summary,
            Route::Organisations,
            Route::Overview,
            Route::Safety,
            Route::Accessibility,
            Route::About,
            Route::Schools,
        ] {
            assert_eq!(Route::parse(&r.hash()), r);
            assert!(r.hash().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/' || c == '#'));
        }
        assert_eq!(Route::parse("#/stap/0"), Route::Step(1));
        assert_eq!(Route::parse("#/stap/x"), Route::Step(1));
        assert_eq!(Route::parse("#/stap/1000"), Route::Step(1));
        assert_eq!(Route::parse("#/bogus"), Route::Step(1));
        assert_eq!(Route::parse(""), Route::Step(1));
    }
}
