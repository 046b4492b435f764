// Embedded on a school's page (?embed=1&origin=…, set by public/embed.js): report the height of
// the app's content to the host page, which sizes the frame to it, on every change. Imported by
// the loader (window.wegwijzerEmbedFrame, tools/postbuild.mjs) only in such a frame, so a
// top-level visit does not carry it. src/embed.rs decides when; the origin was checked by
// wegwijzer_core::embed (`scheme://host[:port]`).
//
// The message goes only to that exact origin (a host at any other origin never receives it) and
// carries only a height. The height is <html>'s own box: the root element is a block formatting
// context, so it includes every margin; scrollHeight would never let the frame shrink, as it is
// at least the frame's own height.
export function report(origin) {
  if (parent === self) return;
  const root = document.documentElement;
  const post = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height > 0) parent.postMessage({ type: 'wegwijzer:height', height }, origin);
  };
  const watch = new ResizeObserver(post);
  watch.observe(root);
  watch.observe(document.body);
  post();
}
