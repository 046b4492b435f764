//! Unit tests of the DOM builder, in headless Chromium (wasm-bindgen-test).
