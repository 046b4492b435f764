//! The tiny safe markup of content texts, parsed into nodes the app renders as
//! elements. There is no HTML path: `<b>` in content is shown as the characters `<b>`.
//!
//! Syntax: paragraphs separated by a blank line; lines starting with "- " form a list;
//! `*emphasis*`; `` `code` ``; links `[label](href)` with `https:`, `tel:` or `mailto:` only
//! (any other scheme is kept as plain text, and lint reports it).

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

/// A run inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(String),
    /// `` `data-lang` ``: a code or a literal value, shown as is.
    Code(String),
    Link {
        label: String,
        href: String,
    },
}

/// Schemes a link may use.
pub fn allowed_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    (lower.starts_with("https://") && lower.len() > 8)
        || (lower.starts_with("tel:") && lower.len() > 4)
        || (lower.starts_with("mailto:") && lower.contains('@'))
}

/// Parse a text into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chunk in text.split("\n\n") {
        let lines: Vec<&str> = chunk.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        if lines.iter().all(|l| l.starts_with("- ")) {
            blocks.push(Block::List(lines.iter().map(|l| inlines(&l[2..])).collect()));
        } else {
            blocks.push(Block::Paragraph(inlines(&lines.join(" "))));
        }
    }
    blocks
}

/// Every link target in a text (for lint).
pub fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) => {
                out.push(after[..j].to_string());
                rest = &after[j..];
            }
            None => break,
        }
    }
    out
}

/// Text without markup, for titles, copy-as-text and search.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for (i, b) in parse(text).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match b {
            Block::Paragraph(runs) => push_plain(&mut out, runs),
            Block::List(items) => {
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    out.push_str("- ");
                    push_plain(&mut out, item);
                }
            }
        }
    }
    out
}

fn push_plain(out: &mut String, runs: &[Inline]) {
    for r in runs {
        match r {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Code(t) => out.push_str(t),
            Inline::Link { label, href } => {
                out.push_str(label);
                let target = href.trim_start_matches("tel:").trim_start_matches("mailto:");
                if target != label {
                    out.push_str(" (");
                    out.push_str(target);
                    out.push(')');
                }
            }
        }
    }
}

/// `table[i]` = the first index `j >= i` with `chars[j] == c`, or `chars.len()`. Looking the
/// closing `*`, `]` and `)` up here keeps [`inlines`] linear: scanning the rest of the text
/// from every `[` took quadratic time on long unbalanced input (a 1 MiB run of `[` hung).
fn next_index(chars: &[char], c: char) -> Vec<usize> {
    let mut table = vec![chars.len(); chars.len() + 1];
    for i in (0..chars.len()).rev() {
        table[i] = if chars[i] == c { i } else { table[i + 1] };
    }
    table
}

fn inlines(s: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut text = String::new();
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let (star, bracket, paren) = (next_index(&chars, '*'), next_index(&chars, ']'), next_index(&chars, ')'));
    let tick = next_index(&chars, '`');
    let next = |table: &[usize], from: usize| table.get(from).copied().filter(|&j| j < n);
    let mut i = 0;
    let flush = |text: &mut String, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(Inline::Text(std::mem::take(text)));
        }
    };
    while i < n {
        let c = chars[i];
        if c == '`' {
            if let Some(end) = next(&tick, i + 1) {
                let inner: String = chars[i + 1..end].iter().collect();
                if !inner.trim().is_empty() {
                    flush(&mut text, &mut out);
                    out.push(Inline::Code(inner));
                    i = end + 1;
                    continue;
                }
            }
        } else if c == '*' {
            if let Some(end) = next(&star, i + 1) {
                let inner: String = chars[i + 1..end].iter().collect();
                if !inner.trim().is_empty() {
                    flush(&mut text, &mut out);
                    out.push(Inline::Emphasis(inner));
                    i = end + 1;
                    continue;
                }
            }
        } else if c == '[' {
            if let Some(label_end) = next(&bracket, i + 1) {
                if chars.get(label_end + 1) == Some(&'(') {
                    if let Some(pclose) = next(&paren, label_end + 2) {
                        let label: String = chars[i + 1..label_end].iter().collect();
                        let href: String = chars[label_end + 2..pclose].iter().collect();
                        if allowed_href(&href) && !label.trim().is_empty() {
                            flush(&mut text, &mut out);
                            out.push(Inline::Link { label, href: href.trim().to_string() });
                        } else {
                            text.push_str(&label);
                        }
                        i = pclose + 1;
                        continue;
                    }
                }
            }
        }
        text.push(c);
        i += 1;
    }
    flush(&mut text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_emphasis_links() {
        let b = parse("Hallo *jij*.\n\n- een\n- [bel](tel:112)\n\nMeer [site](https://example.nl) tekst");
        assert_eq!(b.len(), 3);
        assert_eq!(b[0], Block::Paragraph(vec![Inline::Text("Hallo ".into()), Inline::Emphasis("jij".into()), Inline::Text(".".into())]));
        assert_eq!(
            b[1],
            Block::List(vec![vec![Inline::Text("een".into())], vec![Inline::Link { label: "bel".into(), href: "tel:112".into() }]])
        );
        assert!(matches!(&b[2], Block::Paragraph(r) if r.len() == 3));
    }

    #[test]
    fn html_and_bad_schemes_stay_text() {
        let b = parse("<script>x</script> [klik](javascript:alert(1))");
        let Block::Paragraph(runs) = &b[0] else { panic!("{b:?}") };
        assert!(runs.iter().all(|r| matches!(r, Inline::Text(_))), "{runs:?}");
        assert!(matches!(&runs[0], Inline::Text(t) if t.starts_with("<script>x</script> klik")));
        assert!(!allowed_href("http://example.nl"));
        assert!(!allowed_href("data:text/html,hi"));
        assert!(allowed_href("mailto:a@b.nl"));
    }

    #[test]
    fn plain_and_links() {
        assert_eq!(plain("Bel [112](tel:112) of *nu*"), "Bel 112 of nu");
        assert_eq!(links("a [x](https://a.nl) [y](ftp://b)"), vec!["https://a.nl", "ftp://b"]);
    }

    #[test]
    fn unbalanced_markup_does_not_panic() {
        for s in ["*", "[", "[a](", "[a]", "**", "é*ü[ö](", "- ", "\n\n\n"] {
            let _ = parse(s);
            let _ = plain(s);
        }
    }
}
