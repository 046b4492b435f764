//! Parsing the content documents with errors that name file, line and column.

use crate::model::{Directory, Tree, SCHEMA_VERSION};
use std::fmt;

/// Why a document could not be read. `line`/`column` are 1-based (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

#[cfg(feature = "serde")]
fn parse<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| LoadError {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

fn check_schema(file: &str, schema: u32) -> Result<(), LoadError> {
    if schema == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(LoadError {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: format!(
                "schema version {schema} is not supported (this build reads version {SCHEMA_VERSION}); \
                 convert the file or update the app"
            ),
        })
    }
}

pub fn load_error(file: &str, e: crate::json::JsonError) -> LoadError {
    LoadError { file: file.to_string(), line: e.line, column: e.column, message: e.to_string() }
}

fn read<T: crate::json::FromJson>(file: &str, bytes: &[u8]) -> Result<T, LoadError> {
    crate::json::from_slice(bytes).map_err(|e| load_error(file, e))
}

/// Read `tree.json` with the small reader of [`crate::json`] (the browser's path; same
/// acceptance as [`parse_tree`], checked by `tests/json_parity.rs`).
pub fn read_tree(bytes: &[u8]) -> Result<Tree, LoadError> {
    decode_tree(read_tree_value(bytes)?)
}

/// The first half of [`read_tree`]: the JSON syntax. The browser does the two halves in
/// separate tasks (the tree is the largest file), so neither blocks input for long.
pub fn read_tree_value(bytes: &[u8]) -> Result<crate::json::Value, LoadError> {
    crate::json::parse(bytes).map_err(|e| load_error("tree.json", e))
}

/// The second half of [`read_tree`]: the model and its schema version.
pub fn decode_tree(v: crate::json::Value) -> Result<Tree, LoadError> {
    let t = <Tree as crate::json::FromJson>::from_json(v).map_err(|e| load_error("tree.json", e))?;
    check_schema("tree.json", t.schema)?;
    Ok(t)
}

/// The JSON syntax of one file (the browser's first half of reading it).
pub fn read_value(file: &str, bytes: &[u8]) -> Result<crate::json::Value, LoadError> {
    crate::json::parse(bytes).map_err(|e| load_error(file, e))
}

/// The model of `organisations.json` from its syntax.
pub fn decode_directory(v: crate::json::Value) -> Result<Directory, LoadError> {
    let d = <Directory as crate::json::FromJson>::from_json(v).map_err(|e| load_error("organisations.json", e))?;
    check_schema("organisations.json", d.schema)?;
    Ok(d)
}

/// The model of `site.json` from its syntax.
pub fn decode_site(v: crate::json::Value) -> Result<crate::model::Site, LoadError> {
    let s = <crate::model::Site as crate::json::FromJson>::from_json(v).map_err(|e| load_error("site.json", e))?;
    check_schema("site.json", s.schema)?;
    Ok(s)
}

/// Read `site.json` with the small reader.
pub fn read_site(bytes: &[u8]) -> Result<crate::model::Site, LoadError> {
    decode_site(read_value("site.json", bytes)?)
}

/// Parse `site.json` (serde).
#[cfg(feature = "serde")]
pub fn parse_site(bytes: &[u8]) -> Result<crate::model::Site, LoadError> {
    let s: crate::model::Site = parse("site.json", bytes)?;
    check_schema("site.json", s.schema)?;
    Ok(s)
}

/// Read `organisations.json` with the small reader (see [`read_tree`]).
pub fn read_directory(bytes: &[u8]) -> Result<Directory, LoadError> {
    let d: Directory = read("organisations.json", bytes)?;
    check_schema("organisations.json", d.schema)?;
    Ok(d)
}

/// Parse `tree.json`.
#[cfg(feature = "serde")]
pub fn parse_tree(bytes: &[u8]) -> Result<Tree, LoadError> {
    let t: Tree = parse("tree.json", bytes)?;
    check_schema("tree.json", t.schema)?;
    Ok(t)
}

/// Parse `organisations.json`.
#[cfg(feature = "serde")]
pub fn parse_directory(bytes: &[u8]) -> Result<Directory, LoadError> {
    let d: Directory = parse("organisations.json", bytes)?;
    check_schema("organisations.json", d.schema)?;
    Ok(d)
}
