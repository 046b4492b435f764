// "Lees voor": read the screen aloud with the browser's own speech synthesis (no library, no
// network). Imported by the loader (window.wegwijzerRead, tools/postbuild.mjs) on the first
// tap of the button, so it costs the first visit nothing. src/read_aloud.rs decides when
// (the button, and stopping: navigation, a language switch and, before anything else, quick
// exit, which cancel the speech synthesis there).
//
// It reads the heading first, then the texts and the options of #main in document order, one
// utterance per element, in the screen's language, and marks the element being read
// (.reading). The promise settles when the last one has been read; a cancelled reading ends
// with an error event instead, so its promise never settles.
const READ = '#main h1, #main h2, #main h3, #main p, #main li, #main legend, #main button.option, #main a.option';

const unmark = () => {
  for (const e of document.querySelectorAll('.reading')) e.classList.remove('reading');
};

export function read(lang) {
  const synth = speechSynthesis;
  synth.cancel();
  unmark();
  const items = [];
  for (const e of document.querySelectorAll(READ)) {
    // Not inside something read already (a <p> in an <li>), not hidden.
    if (items.some(([p]) => p.contains(e)) || e.closest('[hidden], .visually-hidden')) continue;
    const text = e.textContent.split(/\s+/).filter(Boolean).join(' ');
    if (text) items.push([e, text]);
  }
  const h1 = items.findIndex(([e]) => e.tagName === 'H1');
  if (h1 > 0) items.unshift(...items.splice(h1, 1));
  return new Promise((done) => {
    if (!items.length) return done();
    items.forEach(([e, text], i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.onstart = () => {
        unmark();
        e.classList.add('reading');
      };
      if (i === items.length - 1) {
        u.onend = () => {
          unmark();
          done();
        };
      }
      synth.speak(u);
    });
  });
}
