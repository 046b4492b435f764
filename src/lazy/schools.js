// "Voor scholen": makes the embed-code form work that src/pages/info_pages.rs (embed_code)
// draws. Imported by the loader (window.wegwijzerSchools, tools/postbuild.mjs) when that page
// opens, so nobody else's first visit carries it.
//
// From the controls it writes the one-line code a school pastes (read by public/embed.js) and
// points the live preview at the app as embed.js would frame it with those options, plus
// preview=1: the frame has this page's own origin, so it must not use this page's storage
// (wegwijzer_core::embed). "Kopieer code" copies the code and says where the user is whether
// that worked. No HTML is written: text and attributes only.
let frame = null;
// The frame reports its height, as it does to embed.js on a school's page.
addEventListener('message', (e) => {
  const m = e.data;
  if (frame && e.origin === location.origin && e.source === frame.contentWindow && m && m.type === 'wegwijzer:height' && m.height > 0 && m.height < 1e5) {
    frame.style.height = Math.ceil(m.height) + 'px';
  }
});

export function wire(root) {
  const $ = (s) => root.querySelector(s);
  const lang = $('#s-lang');
  const audience = $('#s-aud');
  const compact = $('#s-compact');
  const code = $('#snippet');
  const status = $('.local-status');
  const f = (frame = $('iframe'));
  const app = new URL('index.html', location.href);
  f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-top-navigation-by-user-activation');
  f.setAttribute('referrerpolicy', 'no-referrer');
  const update = () => {
    const options = { lang: lang.value };
    if (audience.value) options.audience = audience.value;
    if (compact.checked) options.compact = '1';
    let attrs = '';
    for (const [k, v] of Object.entries(options)) attrs += ` data-${k}="${v}"`;
    code.textContent = `<script src="${new URL('embed.js', app).href}"${attrs} async></script>`;
    const u = new URL(app);
    u.searchParams.set('embed', '1');
    for (const [k, v] of Object.entries(options)) u.searchParams.set(k, v);
    u.searchParams.set('origin', location.origin);
    u.searchParams.set('preview', '1');
    f.src = u.href;
    status.textContent = '';
  };
  for (const c of [lang, audience, compact]) c.addEventListener('change', update);
  $('button').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      status.textContent = root.dataset.copied;
    } catch {
      status.textContent = root.dataset.copyFailed;
    }
  });
  update();
}
