// Quire's live preview. Only the development server puts this script in a page
// (quire-host's live mode, as it serves the page); a built site never has it.
(() => {
  const me = document.currentScript;
  const root = document.documentElement;
  // The app, once running, owns the page's markup, so the preview keeps it from
  // starting (pages that need it, search and not-found, have started it already).
  // Links are then ordinary page loads of the prerendered pages, and a save can
  // swap the new page in where the reader is.
  const starts = ['pointermove', 'pointerdown', 'wheel', 'scroll', 'touchstart', 'keydown', 'focusin'];
  if (window.quireStart) starts.forEach((e) => removeEventListener(e, window.quireStart, true));
  root.dataset.preview = 'live';
  root.dataset.previewSwaps = '0';

  // Where a reload (for a new app) left the reader.
  const KEY = 'quire-preview-scroll';
  const kept = sessionStorage.getItem(KEY);
  if (kept !== null) {
    sessionStorage.removeItem(KEY);
    addEventListener('load', () => scrollTo(0, Number(kept)));
  }
  const reload = () => {
    sessionStorage.setItem(KEY, String(scrollY));
    location.reload();
  };

  const problems = (text) => {
    // The stream tells a new tab its state as it connects, which can be before the
    // page below this script is parsed: whether it is the unbuilt page, and where
    // the box goes, are known only then.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => problems(text), { once: true });
      return;
    }
    let box = document.getElementById('quire-problems');
    if (!box) {
      box = document.createElement('section');
      box.id = 'quire-problems';
      box.setAttribute('role', 'alert');
      box.setAttribute('aria-labelledby', 'quire-problems-heading');
      const heading = document.createElement('h2');
      heading.id = 'quire-problems-heading';
      heading.textContent = document.getElementById('quire-unbuilt')
        ? 'The content has a problem, so there is no page to show yet.'
        : 'This save has a problem. The page below is the last good build.';
      box.append(heading, document.createElement('pre'));
      document.body.append(box);
    }
    // Text, never markup: it quotes what the author wrote.
    box.querySelector('pre').textContent = text;
  };
  const fixed = () => document.getElementById('quire-problems')?.remove();

  let pending = null;
  const swap = async () => {
    if (document.readyState === 'loading') {
      await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
    }
    fixed();
    if (root.dataset.app === 'running') return reload();
    const response = await fetch(location.href, { cache: 'no-store' });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = next.getElementById('prerendered');
    const here = document.getElementById('prerendered');
    if (!fresh || !here) return reload();
    if (fresh.innerHTML !== here.innerHTML) {
      here.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
      document.title = next.title;
    }
    root.dataset.previewSwaps = String(Number(root.dataset.previewSwaps) + 1);
  };
  // Saves in quick succession: one fetch at a time, the last one wins.
  const refresh = () => {
    pending = (pending || Promise.resolve()).then(swap, swap);
  };

  const events = new EventSource(me.dataset.events);
  events.addEventListener('built', refresh);
  events.addEventListener('reload', reload);
  events.addEventListener('problems', (e) => problems(e.data));
  events.addEventListener('open', () => { root.dataset.previewConnected = 'yes'; });
})();
