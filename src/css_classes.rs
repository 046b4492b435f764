//! Native test: every class the stylesheet styles is used somewhere (the app's views, the
//! static first screen in index.html, the build tools, the content's widgets), so rules for
//! screens that are gone do not ride along in the app shell's first download.

#[test]
fn every_styled_class_is_used() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let css = std::fs::read_to_string(root.join("style/main.css")).expect("main.css");
    // Without comments.
    let mut rules = String::new();
    let mut rest = css.as_str();
    while let Some(i) = rest.find("/*") {
        rules.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    rules.push_str(rest);
    let mut users = String::new();
    let mut dirs = vec![root.join("src"), root.join("tools"), root.join("public")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() && p.file_name().is_some_and(|n| n != "node_modules") {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "mjs" || x == "js" || x == "html")
                && p != root.join("src/css_classes.rs")
            {
                users.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    users.push_str(&std::fs::read_to_string(root.join("index.html")).expect("index.html"));
    users.push_str(&std::fs::read_to_string(root.join("content/site.json")).expect("site.json"));
    let mut classes: Vec<&str> = Vec::new();
    for (i, _) in rules.match_indices('.') {
        let name: &str = rules[i + 1..].split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).next().unwrap_or("");
        // `.5rem` and the like are numbers, not classes.
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && !classes.contains(&name) {
            classes.push(name);
        }
    }
    assert!(classes.len() > 50, "found only {} classes", classes.len());
    let unused: Vec<&str> = classes.into_iter().filter(|c| !users.contains(c)).collect();
    assert!(unused.is_empty(), "classes styled in style/main.css but used nowhere: {unused:?}");
}
