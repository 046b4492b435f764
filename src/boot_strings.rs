//! Native test: the few interface strings built into `src/i18n.rs` (for the screens before
//! content loads) are the same as the content's (`content/site.json`), so they cannot drift.

#[test]
fn built_in_strings_equal_the_content() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = wegwijzer_core::load::parse_site(&std::fs::read(root.join("content/site.json")).expect("site.json")).expect("site parses");
    let src = std::fs::read_to_string(root.join("src/i18n.rs")).expect("i18n.rs");
    // The Dutch block comes first, then the English one.
    let (nl, en) = src.split_once("} else {").expect("two blocks");
    let mut n = 0;
    for (block, lang) in [(nl, wegwijzer_core::Lang::Nl), (en, wegwijzer_core::Lang::En)] {
        for line in block.lines().map(str::trim) {
            let Some((key, rest)) = line.split_once(": \"") else { continue };
            let Some(value) = rest.strip_suffix("\",") else { continue };
            let want = site.ui.get(key).unwrap_or_else(|| panic!("`{key}` is not in site.json"));
            assert_eq!(value.replace("\\\"", "\""), want.in_lang(lang), "{key} ({})", lang.code());
            n += 1;
        }
    }
    assert!(n > 40, "found {n} built-in strings");
}
