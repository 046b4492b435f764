//! Hash routes. They never carry a topic or an answer: only a step number or a page
//! name (spec section 5). Hash routing works under any sub-path, offline and in a frame.

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

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (head, tail) = h.split_once('/').unwrap_or((h, ""));
        let n = tail.parse::<usize>().ok().filter(|n| (1..1000).contains(n));
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
