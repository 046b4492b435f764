//! Project automation for Wegwijzer: `cargo xtask <command>` (the usage is in `flags.rs`).
//! This file only dispatches; each command lives in its own module (ARCHITECTURE.md, "xtask").
//!
//! Environment:
//!   WEGWIJZER_PUBKEYS       comma-separated minisign public keys (base64). When set, serve/test/bench
//!                           pin these keys and expect content signed offline in WEGWIJZER_SIGNED_CONTENT.
//!   WEGWIJZER_SIGNED_CONTENT  directory with content already signed by the production key.
//!   WEGWIJZER_CONTENT_BASE  where the app fetches content from (default `content/`; written into
//!                           index.html and sw.js by tools/postbuild.mjs, its origin into connect-src).
//!   WEGWIJZER_TEST_PORT     first test port (default 8090: app; +1: other-origin host pages).

mod bench;
mod budget;
mod build;
mod flags;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

use flags::Command;

fn main() -> ExitCode {
    let cmd = match flags::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            return ExitCode::from(2);
        }
    };
    std::env::set_current_dir(util::root()).expect("cd to workspace root");
    let (name, r) = match &cmd {
        Command::Setup(f) => ("setup", setup::setup(&setup::Setup { browser: !f.no_browser })),
        Command::Serve(f) => ("serve", build::serve(f)),
        Command::Test(f) => return test::test(f),
        Command::Bench(f) => ("bench", bench::bench(f)),
        Command::Dist(f) => ("dist", build::dist(f)),
        Command::Help => {
            println!("{}", flags::USAGE);
            return ExitCode::SUCCESS;
        }
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {name}: error: {e}");
            ExitCode::FAILURE
        }
    }
}
