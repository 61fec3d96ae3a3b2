// The offline copy (templates/offline/sw.js): keeps the programme, its sessions and
// the agenda readable with no network. The page that installs the worker was fetched
// before it ran, and so were its CSS and JS: it asks the worker to keep them too, so
// one visit is enough.
if ("serviceWorker" in navigator) {
  const first = !navigator.serviceWorker.controller;
  const assets = [...document.querySelectorAll('link[rel="stylesheet"], script[src]')]
    .map((el) => el.href || el.src);
  navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready).then((registration) => {
    if (first) registration.active.postMessage({ keep: location.href, assets });
  }).catch(() => {}); // no worker (private window, old browser): pages still work online
}
