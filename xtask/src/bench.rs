//! `cargo xtask bench` (issue 6 item 3): release build, a second build whose content is a generated
//! 500-node tree signed with the same key, then tools/bench.mjs (Lighthouse + Playwright) prints the
//! table and appends it to docs/benchmarks.md.
use std::fs;

use crate::build::{build, cli, default_build, postbuild};
use crate::flags;
use crate::setup::{setup, Setup};
use crate::util::*;

pub fn bench(f: &flags::Bench) -> Result<(), String> {
    let (runs, steps) = (f.runs.to_string(), f.steps.to_string());
    let write = !f.no_write;
    setup(&Setup { browser: true })?;
    let root = root();
    let dist = root.join("dist-bench");
    let dist500 = root.join("dist-bench-500");
    let o = default_build(true, dist.clone(), true)?;
    build(&o)?;

    let mut have500 = false;
    if let Some(key) = &o.sign_key {
        step("bench: generated 500-node tree, signed with the same key, in dist-bench-500/");
        let gen = root.join("target/bench-content-500");
        let _ = fs::remove_dir_all(&gen);
        let _ = fs::remove_dir_all(&dist500);
        let g = gen.to_string_lossy().to_string();
        run("node", &["tools/gen-tree.mjs", "--content", "content", "--out", &g, "--nodes", "500"])?;
        copy_dir(&dist, &dist500)?;
        let _ = fs::remove_dir_all(dist500.join("content"));
        let out = dist500.join("content").to_string_lossy().to_string();
        let k = key.to_string_lossy().to_string();
        match cli(&["sign", "--content", &g, "--key", &k, "--out", &out]) {
            Ok(()) => {
                postbuild(&dist500, &o.frame_ancestors, &o.connect_src, &o.content_base)?;
                have500 = true;
            }
            Err(e) => warn(&format!("500-node content could not be signed: {e}")),
        }
    } else {
        warn("WEGWIJZER_PUBKEYS is set (no local key): the 500-node measurement is skipped");
    }

    step("bench: measuring (Lighthouse 12.2.3 x app + floor, Playwright); takes a few minutes");
    let d = dist.to_string_lossy().to_string();
    let d500 = dist500.to_string_lossy().to_string();
    let mut args = vec!["tools/bench.mjs", "--dist", &d, "--runs", &runs, "--steps", &steps];
    if have500 {
        args.extend(["--dist500", &d500]);
    }
    if write {
        args.extend(["--out", "docs/benchmarks.md"]);
    }
    run("node", &args)
}
