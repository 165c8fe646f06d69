// Registers the service worker and announces a new build ("update available") without ever
// switching builds under the user's feet: the new worker waits until the user accepts.
// The app listens for the `butler-update` event and calls `window.butlerApplyUpdate()`.
// It also keeps the browser's install offer for the app (`butler-storage` event).
(function () {
  "use strict";
  // The browser's offer to install the app comes once, early: keep it for the app's own
  // install button (its storage card) instead of the browser's mini bar.
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    window.butlerInstallPrompt = e;
    window.dispatchEvent(new Event("butler-storage"));
  });
  window.addEventListener("appinstalled", function () {
    window.butlerInstallPrompt = undefined;
    window.dispatchEvent(new Event("butler-storage"));
  });
  if (!("serviceWorker" in navigator)) return;

  function announce(worker) {
    window.butlerUpdateWaiting = true;
    window.butlerApplyUpdate = function () {
      window.butlerUpdateAccepted = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    };
    window.dispatchEvent(new Event("butler-update"));
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // Reload only when the user asked for the update (the first install also changes the
    // controller, through clients.claim, and must not reload the page).
    if (window.butlerUpdateAccepted && !window.butlerReloading) {
      window.butlerReloading = true;
      window.location.reload();
    }
  });

  function register() {
    navigator.serviceWorker
      .register("/sw.js", { scope: "/", updateViaCache: "none" })
      .then(function (reg) {
        if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
        reg.addEventListener("updatefound", function () {
          var worker = reg.installing;
          if (!worker) return;
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
          });
        });
        function check() {
          reg.update().catch(function () {});
        }
        setInterval(check, 30 * 60 * 1000);
        window.addEventListener("online", check);
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState === "visible") check();
        });
      })
      .catch(function (e) {
        console.warn("service worker registration failed", e);
      });
  }

  // After the app is interactive (hydrated or mounted), so that the worker's precache of
  // every chunk does not compete with the page; after 15 s in any case (a page whose app
  // failed to start still gets a worker, and so the next build).
  var registered = false;
  function once() {
    if (registered) return;
    registered = true;
    register();
  }
  if (document.documentElement.hasAttribute("data-butler-ready")) once();
  else {
    window.addEventListener("butler-ready", once);
    setTimeout(once, 15000);
  }
})();
