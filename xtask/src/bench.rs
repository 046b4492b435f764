//! `cargo xtask bench` (issue 6 item 3).
pub fn bench(_rest: &[String]) -> Result<(), String> {
    Err("bench: not implemented yet".into())
}
