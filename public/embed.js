/*! Wegwijzer embed (EUPL-1.2). <script src="https://APP/embed.js" data-lang="nl" data-audience="pupil_secondary" async></script>
 or <div data-wegwijzer data-lang="en"></div> plus the script. Options: lang nl|en|ar|tr|pl|uk, audience, compact 1, exit-url. */
(function (w, d) {
  'use strict';
  if (w.__wegwijzerEmbed) return;
  w.__wegwijzerEmbed = 1;
  var s = d.currentScript || d.querySelector('script[src*="embed.js"]');
  if (!s) return;
  var app = new URL('index.html', s.src), origin = app.origin, exitDefault = 'https://www.google.nl/';
  var allow = { lang: ['nl', 'en', 'ar', 'tr', 'pl', 'uk'], audience: ['pupil_primary', 'pupil_secondary', 'parent', 'employee', 'leader'], compact: ['1'] };
  var frames = [], exitUrl = exitDefault, presses = 0, timer;
  function warn(m) { if (w.console) console.warn('[wegwijzer embed] ' + m); }
  function opts(el) {
    var o = {}, k, v;
    for (k in el.dataset) {
      v = el.dataset[k];
      if (k === 'wegwijzer') continue;
      if (k === 'exitUrl') {
        try { var u = new URL(v, d.baseURI); if (u.protocol === 'https:') exitUrl = u.href; else warn('exit-url ignored'); } catch (e) { warn('exit-url ignored'); }
      } else if (!allow[k]) warn('unknown option "' + k + '" ignored');
      else if (allow[k].indexOf(v) < 0) warn('value "' + v + '" for ' + k + ' ignored');
      else o[k] = v;
    }
    return o;
  }
  function make(o) {
    var f = d.createElement('iframe'), u = new URL(app.href), k;
    u.searchParams.set('embed', '1');
    for (k in o) u.searchParams.set(k, o[k]);
    u.searchParams.set('origin', location.origin);
    if (exitUrl !== exitDefault) u.searchParams.set('exit', exitUrl);
    f.src = u.href;
    f.title = 'Wegwijzer sociale veiligheid';
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-top-navigation-by-user-activation');
    f.setAttribute('referrerpolicy', 'no-referrer');
    f.setAttribute('scrolling', 'no');
    f.style.cssText = 'width:100%;border:0;display:block;min-height:320px;height:640px;overflow:hidden';
    frames.push(f);
    return f;
  }
  function mount() {
    var divs = d.querySelectorAll('[data-wegwijzer]'), base = opts(s), i, o, k;
    if (divs.length) {
      for (i = 0; i < divs.length; i++) {
        o = {};
        for (k in base) o[k] = base[k];
        var own = opts(divs[i]);
        for (k in own) o[k] = own[k];
        divs[i].appendChild(make(o));
      }
    } else if (s.parentNode && s.parentNode !== d.head) s.parentNode.insertBefore(make(base), s.nextSibling);
    else d.body.appendChild(make(base));
  }
  function leave() {
    for (var i = 0; i < frames.length; i++) frames[i].style.visibility = 'hidden';
    d.title = 'Google';
    location.replace(exitUrl);
  }
  w.addEventListener('message', function (e) {
    var m = e.data, i, f;
    if (e.origin !== origin || !m || typeof m !== 'object') return;
    for (i = 0; i < frames.length; i++) if (e.source === frames[i].contentWindow) f = frames[i];
    if (!f) return;
    if (m.type === 'wegwijzer:height' && typeof m.height === 'number' && m.height > 0 && m.height < 1e5) f.style.height = Math.ceil(m.height) + 'px';
    else if (m.type === 'wegwijzer:exit') leave();
  });
  d.addEventListener('keydown', function (e) {
    if (e.key !== 'Shift' || e.repeat) return;
    clearTimeout(timer);
    if (++presses >= 3) return leave();
    timer = setTimeout(function () { presses = 0; }, 5000);
  }, true);
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', mount); else mount();
})(window, document);
