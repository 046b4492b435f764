//! The command-line grammar of `cargo xtask`, parsed with `lexopt` (ARCHITECTURE.md says why):
//! an unknown or misspelt flag, a missing or malformed value, or a stray argument is an error
//! that prints the usage text, never a silently different build.

use std::path::PathBuf;

use lexopt::prelude::*;

pub const USAGE: &str = "usage: cargo xtask <command> [flags]

commands:
  setup [--no-browser]                 install what is missing (wasm32 target, rust-src, trunk, wasm-bindgen-cli,
                                       npm packages in tools/ (wasm-opt, terser) and tests/, Debian chromium,
                                       chromium-driver, brotli, minisign) - idempotent
  serve [--release] [--no-build-std] [--port 8080] [--host 127.0.0.1]
                                       build, sign content with a local dev key, serve on http://127.0.0.1:8080
  test [--dev] [--no-browser-tests]    fmt + clippy (native and wasm32), cargo tests, content CLI checks, release
                                       build (and the --no-build-std fallback), budgets, browser tests
  bench [--runs 3] [--steps 20] [--no-write]
                                       benchmark table (printed and appended to docs/benchmarks.md)
  dist --pubkeys K1[,K2] [--content-base URL] [--signed-content DIR] [--frame-ancestors LIST] [--out DIR] [--no-build-std]
                                       production build (content signed offline, see docs/signing.md);
                                       --pubkeys defaults to $WEGWIJZER_PUBKEYS
  help                                 this text

  --no-build-std (serve --release, dist): release wasm on plain stable Rust, std not rebuilt
                                       (the fallback when the pinned toolchain's unstable flags fail; +16 kB)
  Flags take their value as `--port 8081` or `--port=8081`.";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Setup(Setup),
    Serve(Serve),
    Test(Test),
    Bench(Bench),
    Dist(Dist),
    Help,
}

#[derive(Debug, PartialEq, Eq, Default)]
pub struct Setup {
    pub no_browser: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Serve {
    pub release: bool,
    pub no_build_std: bool,
    pub port: u16,
    pub host: String,
}

#[derive(Debug, PartialEq, Eq, Default)]
pub struct Test {
    pub dev: bool,
    pub no_browser_tests: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Bench {
    pub runs: u32,
    pub steps: u32,
    pub no_write: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Dist {
    /// None: take `WEGWIJZER_PUBKEYS` (the command fails when neither is given).
    pub pubkeys: Option<String>,
    pub content_base: String,
    pub signed_content: Option<PathBuf>,
    pub frame_ancestors: String,
    pub out: PathBuf,
    pub no_build_std: bool,
}

/// Parse the arguments after `cargo xtask`. The error text ends with the usage.
pub fn parse<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator,
    I::Item: Into<std::ffi::OsString>,
{
    parse_inner(lexopt::Parser::from_args(args)).map_err(|e| format!("{e}\n\n{USAGE}"))
}

fn parse_inner(p: lexopt::Parser) -> Result<Command, lexopt::Error> {
    match parse_command(p) {
        Err(Help) => Ok(Command::Help),
        Err(Bad(e)) => Err(e),
        Ok(c) => Ok(c),
    }
}

/// `--help`/`-h` anywhere asks for the usage; anything else unexpected is an error.
enum Stop {
    Help,
    Bad(lexopt::Error),
}
use Stop::{Bad, Help};

impl From<lexopt::Error> for Stop {
    fn from(e: lexopt::Error) -> Self {
        Bad(e)
    }
}

fn unexpected(a: lexopt::Arg) -> Stop {
    match a {
        Long("help") | Short('h') => Help,
        a => Bad(a.unexpected()),
    }
}

fn parse_command(mut p: lexopt::Parser) -> Result<Command, Stop> {
    let cmd = match p.next()? {
        None => return Ok(Command::Help),
        Some(Value(v)) => v.string()?,
        Some(other) => return Err(unexpected(other)),
    };
    let c = match cmd.as_str() {
        "setup" => {
            let mut s = Setup::default();
            while let Some(a) = p.next()? {
                match a {
                    Long("no-browser") => s.no_browser = true,
                    a => return Err(unexpected(a)),
                }
            }
            Command::Setup(s)
        }
        "serve" => {
            let mut s = Serve { release: false, no_build_std: false, port: 8080, host: "127.0.0.1".into() };
            while let Some(a) = p.next()? {
                match a {
                    Long("release") => s.release = true,
                    Long("no-build-std") => s.no_build_std = true,
                    Long("port") => s.port = p.value()?.parse()?,
                    Long("host") => s.host = p.value()?.string()?,
                    a => return Err(unexpected(a)),
                }
            }
            if s.no_build_std && !s.release {
                return Err(Bad("--no-build-std applies to a release build only: add --release".into()));
            }
            Command::Serve(s)
        }
        "test" => {
            let mut t = Test::default();
            while let Some(a) = p.next()? {
                match a {
                    Long("dev") => t.dev = true,
                    Long("no-browser-tests") => t.no_browser_tests = true,
                    a => return Err(unexpected(a)),
                }
            }
            Command::Test(t)
        }
        "bench" => {
            let mut b = Bench { runs: 3, steps: 20, no_write: false };
            while let Some(a) = p.next()? {
                match a {
                    Long("runs") => b.runs = p.value()?.parse()?,
                    Long("steps") => b.steps = p.value()?.parse()?,
                    Long("no-write") => b.no_write = true,
                    a => return Err(unexpected(a)),
                }
            }
            Command::Bench(b)
        }
        "dist" => {
            let mut d = Dist {
                pubkeys: None,
                content_base: "content/".into(),
                signed_content: None,
                frame_ancestors: "https:".into(),
                out: PathBuf::from("dist"),
                no_build_std: false,
            };
            while let Some(a) = p.next()? {
                match a {
                    Long("pubkeys") => d.pubkeys = Some(p.value()?.string()?),
                    Long("content-base") => d.content_base = p.value()?.string()?,
                    Long("signed-content") => d.signed_content = Some(p.value()?.into()),
                    Long("frame-ancestors") => d.frame_ancestors = p.value()?.string()?,
                    Long("out") => d.out = p.value()?.into(),
                    Long("no-build-std") => d.no_build_std = true,
                    a => return Err(unexpected(a)),
                }
            }
            Command::Dist(d)
        }
        "help" => {
            if let Some(a) = p.next()? {
                return Err(unexpected(a));
            }
            Command::Help
        }
        other => return Err(Bad(format!("unknown command `{other}`").into())),
    };
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(args: &[&str]) -> Command {
        parse(args.iter().copied()).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }
    fn err(args: &[&str]) -> String {
        match parse(args.iter().copied()) {
            Ok(c) => panic!("{args:?} parsed as {c:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn no_command_or_help_prints_usage() {
        assert_eq!(ok(&[]), Command::Help);
        assert_eq!(ok(&["help"]), Command::Help);
        assert_eq!(ok(&["--help"]), Command::Help);
        assert_eq!(ok(&["-h"]), Command::Help);
        assert_eq!(ok(&["serve", "--release", "--help"]), Command::Help);
        assert_eq!(ok(&["dist", "-h"]), Command::Help);
    }

    #[test]
    fn unknown_command_is_an_error_with_usage() {
        let e = err(&["sevre"]);
        assert!(e.contains("unknown command `sevre`"), "{e}");
        assert!(e.contains("usage: cargo xtask"), "{e}");
    }

    #[test]
    fn misspelt_flag_is_an_error_not_a_debug_build() {
        let e = err(&["serve", "--relase"]);
        assert!(e.contains("--relase"), "{e}");
        assert!(e.contains("usage: cargo xtask"), "{e}");
        err(&["test", "--release"]);
        err(&["setup", "--browser"]);
        err(&["bench", "--run", "3"]);
        err(&["dist", "--pubkey", "RWQ"]);
    }

    #[test]
    fn stray_argument_is_an_error() {
        err(&["test", "dev"]);
        err(&["serve", "8081"]);
        err(&["help", "serve"]);
    }

    #[test]
    fn serve_defaults_and_values() {
        assert_eq!(ok(&["serve"]), Command::Serve(Serve { release: false, no_build_std: false, port: 8080, host: "127.0.0.1".into() }));
        assert_eq!(
            ok(&["serve", "--release", "--port", "8081", "--host=0.0.0.0", "--no-build-std"]),
            Command::Serve(Serve { release: true, no_build_std: true, port: 8081, host: "0.0.0.0".into() })
        );
        assert_eq!(
            ok(&["serve", "--port=9000"]),
            Command::Serve(Serve { release: false, no_build_std: false, port: 9000, host: "127.0.0.1".into() })
        );
    }

    #[test]
    fn missing_or_malformed_value_is_an_error() {
        let e = err(&["serve", "--port"]);
        assert!(e.contains("missing argument") && e.contains("--port"), "{e}");
        let e = err(&["serve", "--port", "eighty"]);
        assert!(e.contains("eighty") || e.contains("invalid"), "{e}");
        err(&["serve", "--port", "70000"]);
        err(&["bench", "--runs", "-1"]);
        err(&["dist", "--out"]);
    }

    #[test]
    fn value_flag_given_to_a_switch_is_an_error() {
        err(&["test", "--dev=yes"]);
    }

    #[test]
    fn no_build_std_needs_a_release_build_in_serve() {
        let e = err(&["serve", "--no-build-std"]);
        assert!(e.contains("--release"), "{e}");
    }

    #[test]
    fn test_setup_bench_dist() {
        assert_eq!(ok(&["test"]), Command::Test(Test { dev: false, no_browser_tests: false }));
        assert_eq!(ok(&["test", "--dev", "--no-browser-tests"]), Command::Test(Test { dev: true, no_browser_tests: true }));
        assert_eq!(ok(&["setup", "--no-browser"]), Command::Setup(Setup { no_browser: true }));
        assert_eq!(ok(&["bench"]), Command::Bench(Bench { runs: 3, steps: 20, no_write: false }));
        assert_eq!(ok(&["bench", "--runs", "5", "--steps=7", "--no-write"]), Command::Bench(Bench { runs: 5, steps: 7, no_write: true }));
        assert_eq!(
            ok(&[
                "dist",
                "--pubkeys",
                "RWQa,RWQb",
                "--signed-content",
                "signed/",
                "--out",
                "out",
                "--content-base",
                "https://c.example/w/"
            ]),
            Command::Dist(Dist {
                pubkeys: Some("RWQa,RWQb".into()),
                content_base: "https://c.example/w/".into(),
                signed_content: Some("signed/".into()),
                frame_ancestors: "https:".into(),
                out: "out".into(),
                no_build_std: false,
            })
        );
    }
}
