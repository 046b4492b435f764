//! Content per language: split at signing, merged in the browser.
//!
//! The content team writes every language inline (`{"nl": "…", "en": "…", "ar": "…"}`).
//! `wegwijzer sign` ships the base files (`tree`, `directory`, `site`) with Dutch only and
//! one overlay per other language (manifest key `text.<code>`), so a first visit fetches
//! Dutch only and a language switch fetches one file. An overlay is
//! `{"lang":"ar","count":N,"texts":[…]}`: the translation of the k-th text object of the
//! base files in document order (tree, then directory, then site), or `null` where there
//! is none. A text object is a JSON object whose keys are all language codes and that has
//! `nl` ([`is_text`]); nothing else in the model has that shape. Split and merge walk the
//! same [`Value`] order, so no per-type list has to be kept in step.

use crate::json::{JsonError, ToJson, Value};
use crate::model::Lang;

/// Manifest key of a language's overlay: `text.ar`.
pub fn overlay_key(lang: Lang) -> String {
    format!("text.{}", lang.code())
}

/// The language of an overlay key, or `None`.
pub fn overlay_lang(key: &str) -> Option<Lang> {
    key.strip_prefix("text.").and_then(Lang::parse).filter(|l| *l != Lang::Nl)
}

/// An object with `nl` whose keys are all language codes.
pub fn is_text(v: &Value) -> bool {
    match v {
        Value::Obj(f) => f.iter().any(|(k, _)| k == "nl") && f.iter().all(|(k, _)| Lang::parse(k).is_some()),
        _ => false,
    }
}

fn walk(v: &mut Value, f: &mut impl FnMut(&mut Vec<(String, Value)>)) {
    match v {
        Value::Obj(fields) => {
            if fields.iter().any(|(k, _)| k == "nl") && fields.iter().all(|(k, _)| Lang::parse(k).is_some()) {
                f(fields)
            } else {
                for (_, x) in fields.iter_mut() {
                    walk(x, f);
                }
            }
        }
        Value::Arr(items) => {
            for x in items.iter_mut() {
                walk(x, f);
            }
        }
        _ => {}
    }
}

/// Strip every language but Dutch from `docs` (in place) and return, per language in `langs`
/// (Dutch skipped), the overlay document.
pub fn split(docs: &mut [Value], langs: &[Lang]) -> Vec<(Lang, String)> {
    let others: Vec<Lang> = langs.iter().copied().filter(|l| *l != Lang::Nl).collect();
    let mut texts: Vec<Vec<Value>> = vec![Vec::new(); others.len()];
    for d in docs.iter_mut() {
        walk(d, &mut |fields| {
            for (i, l) in others.iter().enumerate() {
                let v = fields.iter().find(|(k, _)| k == l.code()).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
                texts[i].push(v);
            }
            fields.retain(|(k, _)| k == "nl");
        });
    }
    others
        .into_iter()
        .zip(texts)
        .map(|(l, t)| {
            let count = t.len();
            let mut out = String::new();
            out.push_str("{\"lang\":");
            l.code().write_json(&mut out);
            out.push_str(&format!(",\"count\":{count},\"texts\":"));
            Value::Arr(t).write_json(&mut out);
            out.push('}');
            (l, out)
        })
        .collect()
}

/// Merge the overlay `bytes` of `lang` into the Dutch-only `docs`. The overlay must name
/// `lang` and hold exactly one entry (text, list or `null`) per text object of `docs`.
pub fn apply(docs: &mut [Value], lang: Lang, bytes: &[u8]) -> Result<(), JsonError> {
    let Value::Obj(fields) = crate::json::parse(bytes)? else { return Err(JsonError::new("expected an object")) };
    let mut code = None;
    let mut count = None;
    let mut texts = None;
    for (k, v) in fields {
        match (k.as_str(), v) {
            ("lang", Value::Str(s)) => code = Lang::parse(&s),
            ("count", Value::Int(false, n)) => count = Some(n as usize),
            ("texts", Value::Arr(a)) => texts = Some(a),
            _ => return Err(JsonError::new(format!("unknown or malformed field `{k}`"))),
        }
    }
    if code != Some(lang) {
        return Err(JsonError::new("the overlay is for another language"));
    }
    let texts = texts.ok_or_else(|| JsonError::new("missing field `texts`"))?;
    if count != Some(texts.len()) {
        return Err(JsonError::new("`count` does not match `texts`"));
    }
    let mut it = texts.into_iter();
    let mut n = 0usize;
    let mut bad = false;
    for d in docs.iter_mut() {
        walk(d, &mut |fields| {
            n += 1;
            match it.next() {
                Some(Value::Null) => {}
                Some(v @ (Value::Str(_) | Value::Arr(_))) => {
                    fields.retain(|(k, _)| k != lang.code());
                    fields.push((lang.code().to_string(), v));
                }
                _ => bad = true,
            }
        });
    }
    if bad || n != count.unwrap_or(0) || it.next().is_some() {
        return Err(JsonError::new("the overlay does not fit these files (count or kind of texts)"));
    }
    Ok(())
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null | Value::Float => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(neg, m) => {
                if *neg {
                    out.push('-');
                }
                out.push_str(&m.to_string());
            }
            Value::Str(s) => s.write_json(out),
            Value::Arr(a) => a.write_json(out),
            Value::Obj(f) => {
                out.push('{');
                for (i, (k, x)) in f.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    k.write_json(out);
                    out.push(':');
                    x.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn ar() -> Lang {
        Lang::parse("ar").unwrap()
    }

    #[test]
    fn split_then_apply_gives_the_source_back() {
        let src =
            r#"{"a":{"nl":"x","en":"y","ar":"z"},"b":[{"t":{"nl":["1","2"],"ar":["3","4"]}},{"tz":"Europe/Amsterdam"}],"c":{"nl":"only"}}"#;
        let mut docs = vec![parse(src.as_bytes()).unwrap()];
        let overlays = split(&mut docs, &[Lang::Nl, Lang::En, ar()]);
        assert_eq!(docs[0].to_json(), r#"{"a":{"nl":"x"},"b":[{"t":{"nl":["1","2"]}},{"tz":"Europe/Amsterdam"}],"c":{"nl":"only"}}"#);
        assert_eq!(overlays.len(), 2);
        assert_eq!(overlays[1].1, r#"{"lang":"ar","count":3,"texts":["z",["3","4"],null]}"#);
        apply(&mut docs, ar(), overlays[1].1.as_bytes()).unwrap();
        assert_eq!(
            docs[0].to_json(),
            r#"{"a":{"nl":"x","ar":"z"},"b":[{"t":{"nl":["1","2"],"ar":["3","4"]}},{"tz":"Europe/Amsterdam"}],"c":{"nl":"only"}}"#
        );
    }

    #[test]
    fn an_overlay_that_does_not_fit_is_refused_and_names_its_language() {
        let base = || vec![parse(br#"{"a":{"nl":"x"},"b":{"nl":"y"}}"#).unwrap()];
        let ok = br#"{"lang":"ar","count":2,"texts":["p",null]}"#;
        assert!(apply(&mut base(), ar(), ok).is_ok());
        for bad in [
            &br#"{"lang":"tr","count":2,"texts":["p",null]}"#[..],
            br#"{"lang":"ar","count":3,"texts":["p",null,"q"]}"#,
            br#"{"lang":"ar","count":1,"texts":["p"]}"#,
            br#"{"lang":"ar","count":2,"texts":["p"]}"#,
            br#"{"lang":"ar","count":2,"texts":["p",5]}"#,
            br#"{"lang":"ar","count":2,"texts":["p",null],"x":1}"#,
            br#"[]"#,
        ] {
            assert!(apply(&mut base(), ar(), bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
