//! Remove insignificant JSON whitespace, keeping key order and every string byte-exact.
//! The result is checked by the caller to parse to the same model as the source.

pub fn minify_json(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len());
    let mut in_string = false;
    let mut escaped = false;
    for &c in src {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
        } else {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'"' => {
                    in_string = true;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::minify_json;

    #[test]
    fn keeps_strings() {
        let src = br#"{ "a" : "x  y \" z\\" ,
            "b": [1, 2,	3] }"#;
        assert_eq!(minify_json(src), br#"{"a":"x  y \" z\\","b":[1,2,3]}"#.to_vec());
    }
}
