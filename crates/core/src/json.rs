//! A small, strict JSON reader and writer for everything the browser reads or stores:
//! the signed manifest, the tree, the directory, saved progress and the content cache.
//!
//! Why not serde_json here: in the wasm, serde_json plus the derived visitors of the model
//! (an internally tagged enum buffers every node) cost about 40 kB brotli of the 120 kB
//! app-shell budget. This module is a few kB. The CLI keeps serde_json for `check` (its
//! line:column messages); `tests/json_parity.rs` checks that both readers accept and reject
//! the same documents and build the same model, and `sign` refuses content on which they
//! disagree.
//!
//! Rules (RFC 8259, as serde_json with `deny_unknown_fields`): no trailing commas, no
//! comments, no control characters in strings, escapes incl. surrogate pairs (a lone
//! surrogate is an error), nesting ≤ 128, nothing after the value. Unknown and duplicate
//! object keys are errors. Numbers must be integers (the model has no fractions).

use std::fmt;

/// A parsed JSON value. Objects keep document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An integer as sign and magnitude (never `-0`, see `number`). Not i128: that doubled the size of
    /// every `Value` and pulled 128-bit arithmetic into the wasm.
    Int(bool, u64),
    /// A number with a fraction or exponent: valid JSON, but no field of ours accepts it.
    Float,
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

/// Why a document was refused: where (line/column for syntax, a JSON path for shape) and what.
/// Boxed: every reader returns `Result<T, JsonError>`, and a one-word error keeps the moves
/// of those results (and so the readers) small in the wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(Box<ErrorDetail>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    pub line: usize,
    pub column: usize,
    /// Like `nodes[3].options[1].next`; empty for syntax errors and the root.
    pub path: String,
    pub msg: String,
}

impl std::ops::Deref for JsonError {
    type Target = ErrorDetail;
    fn deref(&self) -> &ErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for JsonError {
    fn deref_mut(&mut self) -> &mut ErrorDetail {
        &mut self.0
    }
}

impl JsonError {
    pub fn new(msg: impl Into<String>) -> JsonError {
        JsonError(Box::new(ErrorDetail { line: 0, column: 0, path: String::new(), msg: msg.into() }))
    }
    #[inline(never)]
    fn at(mut self, seg: &str) -> JsonError {
        if !self.path.is_empty() && !self.path.starts_with('[') {
            self.path.insert(0, '.');
        }
        self.path.insert_str(0, seg);
        self
    }
    fn at_index(self, i: usize) -> JsonError {
        self.at(&format!("[{i}]"))
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {} column {}: {}", self.line, self.column, self.msg)
        } else if self.path.is_empty() {
            f.write_str(&self.msg)
        } else {
            write!(f, "{}: {}", self.path, self.msg)
        }
    }
}

impl std::error::Error for JsonError {}

const MAX_DEPTH: u32 = 128;

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    depth: u32,
}

impl Parser<'_> {
    fn err(&self, msg: &str) -> JsonError {
        let upto = &self.b[..self.i.min(self.b.len())];
        let line = upto.iter().filter(|&&c| c == b'\n').count() + 1;
        let column = upto.len() - upto.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1) + 1;
        JsonError(Box::new(ErrorDetail { line, column, path: String::new(), msg: msg.to_string() }))
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8, msg: &str) -> Result<(), JsonError> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(msg))
        }
    }
    fn value(&mut self) -> Result<Value, JsonError> {
        self.ws();
        match self.peek() {
            Some(b'{') => self
                .nested(b'}', |p| {
                    p.ws();
                    if p.peek() != Some(b'"') {
                        return Err(p.err("expected a key in double quotes"));
                    }
                    let k = p.string()?;
                    p.eat(b':', "expected `:`")?;
                    Ok((k, p.value()?))
                })
                .map(Value::Obj),
            Some(b'[') => self.nested(b']', Parser::value).map(Value::Arr),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(self.err("unexpected end of the document")),
            Some(_) => Err(self.err("expected a value")),
        }
    }
    /// An object or array: `open item (, item)* close`, no trailing comma.
    fn nested<T>(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Result<T, JsonError>) -> Result<Vec<T>, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.i += 1;
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
        } else {
            loop {
                out.push(item(self)?);
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(c) if c == close => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.err(if close == b'}' { "expected `,` or `}`" } else { "expected `,` or `]`" })),
                }
            }
        }
        self.depth -= 1;
        Ok(out)
    }
    fn word(&mut self, w: &str, v: Value) -> Result<Value, JsonError> {
        if self.b[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.err("expected a value"))
        }
    }
    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }
    fn number(&mut self) -> Result<Value, JsonError> {
        let neg = self.peek() == Some(b'-');
        if neg {
            self.i += 1;
        }
        let int_start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.b[int_start] == b'0') {
            return Err(self.err("invalid number"));
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
            float = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
            float = true;
        }
        if float {
            return Ok(Value::Float);
        }
        let mut v: u64 = 0;
        for &d in &self.b[int_start..int_start + n] {
            // Beyond u64: a valid number that no field of ours accepts. (Compared, not
            // `checked_mul`: on wasm32 that is a 128-bit multiply per digit.)
            let d = u64::from(d - b'0');
            if v > (u64::MAX - d) / 10 {
                return Ok(Value::Float);
            }
            v = v * 10 + d;
        }
        if neg && v == 0 {
            // As serde_json: `-0` is the float -0.0, which no integer field accepts.
            return Ok(Value::Float);
        }
        Ok(Value::Int(neg, v))
    }
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| (c as char).to_digit(16)).ok_or_else(|| self.err("invalid \\u escape"))?;
            v = v * 16 + d;
            self.i += 1;
        }
        Ok(v)
    }
    /// A string, starting at its opening quote. The bytes are checked as UTF-8 at the end.
    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            // Copy a run of plain bytes at once.
            let run = self.b[self.i..].iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(self.b.len() - self.i);
            out.extend_from_slice(&self.b[self.i..self.i + run]);
            self.i += run;
            let Some(c) = self.peek() else { return Err(self.err("unterminated string")) };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if !self.b[self.i..].starts_with(b"\\u") {
                                    return Err(self.err("lone surrogate in \\u escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("lone surrogate in \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(cp).ok_or_else(|| self.err("lone surrogate in \\u escape"))?
                        }
                        _ => return Err(self.err("invalid escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return Err(self.err("control character in string")),
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8"))
    }
}

/// Parse a whole document.
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut p = Parser { b: bytes, i: 0, depth: 0 };
    let v = p.value()?;
    p.ws();
    if p.i != bytes.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

/// Parse a document into `T`.
pub fn from_slice<T: FromJson>(bytes: &[u8]) -> Result<T, JsonError> {
    T::from_json(parse(bytes)?)
}

/// Build a value of our own types from JSON, strictly (unknown keys are errors).
pub trait FromJson: Sized {
    fn from_json(v: Value) -> Result<Self, JsonError>;
}

impl FromJson for String {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        match v {
            Value::Str(s) => Ok(s),
            _ => Err(JsonError::new("expected a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        match v {
            Value::Bool(b) => Ok(b),
            _ => Err(JsonError::new("expected true or false")),
        }
    }
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(v: Value) -> Result<Self, JsonError> {
                match v {
                    Value::Int(false, n) => <$t>::try_from(n).map_err(|_| JsonError::new("number out of range")),
                    Value::Int(true, n) if <$t>::MIN != 0 && n <= (<$t>::MAX as u64).wrapping_add(1) => Ok((n as $t).wrapping_neg()),
                    Value::Int(true, _) => Err(JsonError::new("number out of range")),
                    _ => Err(JsonError::new("expected an integer")),
                }
            }
        }
    )*};
}
ints!(u8, u32, u64, i64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        match v {
            Value::Arr(a) => {
                // A plain loop: `collect` into `Result` costs kilobytes per element type in the wasm.
                let mut out = Vec::with_capacity(a.len());
                for (i, v) in a.into_iter().enumerate() {
                    match T::from_json(v) {
                        Ok(t) => out.push(t),
                        Err(e) => return Err(e.at_index(i)),
                    }
                }
                Ok(out)
            }
            _ => Err(JsonError::new("expected an array")),
        }
    }
}

/// A repeated key keeps its last value, as serde_json does for maps.
impl<T: FromJson> FromJson for crate::Map<T> {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        let mut m = crate::Map::new();
        for (k, v) in Obj::of(v)?.fields {
            let v = T::from_json(v).map_err(|e| e.at(&k))?;
            m.insert(k, v);
        }
        Ok(m)
    }
}

/// The fields of an object while a struct is built from it; whatever is left is unknown.
///
/// Fields never fail one by one: the first error is kept and later fields get their
/// `Default` value, and `end` returns the error. A struct literal without `?` needs no
/// clean-up code per field, which keeps each struct's reader small in the wasm.
pub struct Obj {
    fields: Vec<(String, Value)>,
    err: Option<JsonError>,
}

impl Obj {
    pub fn of(v: Value) -> Result<Obj, JsonError> {
        match v {
            Value::Obj(fields) => Ok(Obj { fields, err: None }),
            _ => Err(JsonError::new("expected an object")),
        }
    }
    #[inline(never)]
    fn take(&mut self, key: &str, required: bool) -> Option<Value> {
        if self.err.is_some() {
            return None;
        }
        let Some(pos) = self.fields.iter().position(|(k, _)| k == key) else {
            if required {
                self.err = Some(JsonError::new(format!("missing field `{key}`")));
            }
            return None;
        };
        let (_, v) = self.fields.remove(pos);
        if self.fields.iter().any(|(k, _)| k == key) {
            self.err = Some(JsonError::new(format!("duplicate field `{key}`")));
            return None;
        }
        Some(v)
    }
    fn conv<T: FromJson + Default>(&mut self, v: Option<Value>, key: &str) -> T {
        match v.map(T::from_json) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                self.err = Some(e.at(key));
                T::default()
            }
            None => T::default(),
        }
    }
    /// A field that must be present.
    pub fn req<T: FromJson + Default>(&mut self, key: &str) -> T {
        let v = self.take(key, true);
        self.conv(v, key)
    }
    /// A field that may be left out (`#[serde(default)]`).
    pub fn opt<T: FromJson + Default>(&mut self, key: &str) -> T {
        let v = self.take(key, false);
        self.conv(v, key)
    }
    /// The first error, or whatever no field claimed.
    #[inline(never)]
    pub fn end(self) -> Result<(), JsonError> {
        if let Some(e) = self.err {
            return Err(e);
        }
        match self.fields.first() {
            Some((k, _)) => Err(JsonError::new(format!("unknown field `{k}`"))),
            None => Ok(()),
        }
    }
}

/// `FromJson` for a struct: fields that must be present, then fields that may be left out.
/// The struct literal makes a field missing from the list a compile error.
#[macro_export]
macro_rules! from_json_struct {
    ($t:ident { req: [$($r:ident),* $(,)?], opt: [$($o:ident),* $(,)?] $(,)? }) => {
        impl $crate::json::FromJson for $t {
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::JsonError> {
                let mut o = $crate::json::Obj::of(v)?;
                let r = $t { $($r: o.req(stringify!($r)),)* $($o: o.opt(stringify!($o)),)* };
                o.end()?;
                Ok(r)
            }
        }
    };
}

/// `FromJson` for an enum of unit variants, spelled as strings.
#[macro_export]
macro_rules! from_json_enum {
    ($t:ident { $($v:ident = $s:literal),* $(,)? }) => {
        impl $crate::json::FromJson for $t {
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::JsonError> {
                match <String as $crate::json::FromJson>::from_json(v)?.as_str() {
                    $($s => Ok($t::$v),)*
                    other => Err($crate::json::JsonError::new(format!("unknown variant `{other}`"))),
                }
            }
        }
    };
}

// ------------------------------------------------------------------ writing

/// Write our own small records (progress, the content cache) as compact JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
    fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s);
        s
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        // Runs that need no escaping are copied at once (the content cache is ~100 kB of text).
        let mut rest = self;
        while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
            out.push_str(&rest[..i]);
            let c = rest.as_bytes()[i] as char;
            rest = &rest[i + 1..];
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[(c as usize) >> 4] as char);
                    out.push(HEX[(c as usize) & 15] as char);
                }
                c => out.push(c),
            }
        }
        out.push_str(rest);
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out)
    }
}

macro_rules! int_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        }
    )*};
}
int_to_json!(u32, u64, i64);

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

/// `ToJson` for a struct: every field, in order.
#[macro_export]
macro_rules! to_json_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl $crate::json::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                let mut sep = '{';
                $(
                    out.push(sep);
                    sep = ',';
                    $crate::json::ToJson::write_json(stringify!($f), out);
                    out.push(':');
                    $crate::json::ToJson::write_json(&self.$f, out);
                )*
                let _ = sep;
                out.push('}');
            }
        }
    };
}

// ------------------------------------------------------------------ the model

mod model_impls {
    use super::{FromJson, JsonError, Obj, ToJson, Value};
    use crate::model::*;

    /// `{"nl": …, "<code>": …}`: Dutch required, every other key a language code, no duplicates.
    impl<T: FromJson> FromJson for Localized<T> {
        fn from_json(v: Value) -> Result<Self, JsonError> {
            let Value::Obj(fields) = v else { return Err(JsonError::new("expected an object")) };
            let mut nl = None;
            let mut tr: Vec<(Lang, T)> = Vec::new();
            for (k, v) in fields {
                let Some(lang) = Lang::parse(&k) else { return Err(JsonError::new(format!("unknown field `{k}`"))) };
                let v = T::from_json(v).map_err(|e| e.at(&k))?;
                if lang == Lang::Nl {
                    if nl.replace(v).is_some() {
                        return Err(JsonError::new("duplicate field `nl`"));
                    }
                } else if tr.iter().any(|(l, _)| *l == lang) {
                    return Err(JsonError::new(format!("duplicate field `{k}`")));
                } else {
                    tr.push((lang, v));
                }
            }
            let nl = nl.ok_or_else(|| JsonError::new("missing field `nl`"))?;
            Ok(Localized { nl, tr })
        }
    }
    impl FromJson for Lang {
        fn from_json(v: Value) -> Result<Self, JsonError> {
            Lang::parse(&String::from_json(v)?).ok_or_else(|| JsonError::new("not a language code"))
        }
    }
    from_json_struct!(Site { req: [schema, languages, ui, ui_lists, pages], opt: [] });
    from_json_struct!(Language { req: [code, name, dir, review], opt: [] });
    from_json_enum!(Dir { Ltr = "ltr", Rtl = "rtl" });
    from_json_struct!(Review { req: [status], opt: [by, date] });
    from_json_enum!(ReviewStatus { Source = "source", Reviewed = "reviewed", Unreviewed = "unreviewed" });
    from_json_struct!(Page { req: [id, title, sections], opt: [dutch_only] });
    from_json_struct!(Section { req: [], opt: [heading, a2, body, widget] });
    from_json_enum!(Widget { Consent = "consent", Helpdesk = "helpdesk", ContentDate = "content_date", EmbedCode = "embed_code" });
    from_json_enum!(Audience {
        PupilPrimary = "pupil_primary",
        PupilSecondary = "pupil_secondary",
        Parent = "parent",
        Employee = "employee",
        Leader = "leader",
    });
    from_json_struct!(Tree { req: [schema, start, crisis, always, nodes], opt: [topics, overview] });
    from_json_struct!(Overview { req: [audience, title, intro, rungs], opt: [] });
    from_json_struct!(Rung { req: [stage, org, does], opt: [does_not] });
    from_json_enum!(Stage { School = "school", Board = "board", National = "national", Support = "support" });
    from_json_enum!(Sensitive { Sexual = "sexual", Home = "home", Suicide = "suicide" });
    from_json_struct!(Always { req: [helpdesk, crisis, exit_url], opt: [escalation] });
    from_json_struct!(Topic { req: [id, label, keywords, entry], opt: [] });
    from_json_struct!(Question { req: [id, text, options], opt: [help, dont_know, session_only, sensitive] });
    from_json_struct!(Choice { req: [id, label, next], opt: [hint] });
    from_json_struct!(DontKnow { req: [next], opt: [label] });
    from_json_struct!(Info { req: [id, title, body, next], opt: [button, session_only, sensitive] });
    from_json_struct!(Outcome { req: [id, title, intro, steps], opt: [session_only, urgent, sensitive] });
    from_json_struct!(Step { req: [org, action], opt: [who, what_happens, duration, does_not, mandatory] });
    from_json_struct!(Directory { req: [schema, organisations], opt: [] });
    from_json_struct!(Organisation {
        req: [id, name, kind, purpose, can, cannot, audiences, cost, anonymous, human],
        opt: [topics, age, channels, source, domains],
    });
    from_json_enum!(OrgKind { InSchool = "in_school", External = "external", Crisis = "crisis" });
    from_json_enum!(Cost { Free = "free", Paid = "paid", Varies = "varies" });
    from_json_enum!(Anonymity { Yes = "yes", Optional = "optional", No = "no" });
    from_json_struct!(AgeRange { req: [], opt: [min, max] });
    from_json_struct!(Channel { req: [kind, value, source], opt: [label, hours, languages] });
    from_json_enum!(ChannelKind {
        Phone = "phone",
        Chat = "chat",
        Email = "email",
        Website = "website",
        Whatsapp = "whatsapp",
        Sms = "sms",
    });
    from_json_struct!(Source { req: [url, checked], opt: [exception] });
    from_json_struct!(Hours { req: [tz], opt: [always, weekly, exceptions] });
    from_json_struct!(WeeklyRange { req: [days, from, to], opt: [] });
    from_json_struct!(HoursException { req: [date], opt: [open] });
    from_json_struct!(TimeRange { req: [from, to], opt: [] });

    /// Internally tagged by `kind`, as the serde model.
    impl FromJson for Node {
        fn from_json(v: Value) -> Result<Self, JsonError> {
            let mut o = Obj::of(v)?;
            let kind: String = o.req("kind");
            if let Some(e) = o.err {
                return Err(e);
            }
            let rest = Value::Obj(o.fields);
            match kind.as_str() {
                "question" => Question::from_json(rest).map(Node::Question),
                "info" => Info::from_json(rest).map(Node::Info),
                "outcome" => Outcome::from_json(rest).map(Node::Outcome),
                other => Err(JsonError::new(format!("unknown variant `{other}`")).at("kind")),
            }
        }
    }

    impl ToJson for Lang {
        fn write_json(&self, out: &mut String) {
            self.code().write_json(out)
        }
    }
}
