// The offline copy (templates/offline/sw.js): keeps the programme, its sessions and
// the agenda readable with no network. The page that installs the worker was fetched
// before it ran, so it asks the worker to keep this page too: one visit is enough.
if ("serviceWorker" in navigator) {
  const first = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready).then((registration) => {
    if (first) registration.active.postMessage({ keep: location.href });
  }).catch(() => {}); // no worker (private window, old browser): pages still work online
}
