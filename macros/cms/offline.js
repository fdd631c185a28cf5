// The browser editor makes no request to another origin but GitHub's API.
//
// Sveltia CMS fetches its interface strings from unpkg.com, GitHub's status
// from githubstatus.com, and its three fonts from cdn.jsdelivr.net. This
// script, loaded before it, serves the French strings (locales/fr.json) and the
// fonts (polices/) from this site, copied from the pinned npm packages, and
// refuses every other request to another origin. The page's
// Content-Security-Policy says the same to the browser. French is the default
// language of the interface (each person may change it in the CMS's settings).
(function () {
  "use strict";
  // Another site could show the editor in a frame and lead a signed-in person
  // to click where it wants (a Content-Security-Policy given in a <meta> cannot
  // forbid framing): in a frame, the editor does not start.
  if (window.top !== window.self) {
    window.CMS_MANUAL_INIT = true;
    document.addEventListener("DOMContentLoaded", function () {
      document.body.textContent = "L’éditeur du plan ne s’ouvre pas dans un cadre : " +
        "ouvrez son adresse directement.";
    });
    return;
  }

  var script = document.currentScript;
  var version = script.getAttribute("data-version");
  var here = new URL(".", script.src);
  var locales = "https://unpkg.com/@sveltia/cms@" + version + "/locales/";
  var allowed = [location.origin, "https://api.github.com"];
  var fetchFromNetwork = window.fetch.bind(window);

  function target(input) {
    if (typeof input === "string" || input instanceof URL) {
      return new URL(String(input), location.href);
    }
    return new URL(input.url, location.href);
  }

  window.fetch = function (input, init) {
    var url = target(input);
    if (url.href.indexOf(locales) === 0) {
      return fetchFromNetwork(new URL("locales/" + url.href.slice(locales.length), here), init);
    }
    if (allowed.indexOf(url.origin) === -1) {
      return Promise.reject(new TypeError("Requête vers " + url.origin + " refusée par le site."));
    }
    return fetchFromNetwork(input, init);
  };

  // The CMS writes its @font-face rules into <style> elements: point them at
  // this site's copies before the browser needs the fonts (a mutation
  // observer runs before the next layout).
  var fonts = /https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(?::vf)?@[0-9.]+\/([a-z0-9-]+\.woff2)/g;

  function localFonts(style) {
    var text = style.textContent;
    if (text.indexOf("cdn.jsdelivr.net/fontsource/") === -1) {
      return;
    }
    style.textContent = text.replace(fonts, function (whole, family, file) {
      return new URL("polices/" + family + "-" + file, here).href;
    });
  }

  // The CMS adds a viewport that forbids zooming; people who enlarge text
  // need it (WCAG 1.4.4): the page's own viewport stays the only one.
  var viewport = document.querySelector('meta[name="viewport"]');

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.target.nodeName === "STYLE") {
        localFonts(change.target);
      }
      change.addedNodes.forEach(function (node) {
        if (node.nodeName === "STYLE") {
          localFonts(node);
        }
        if (node.nodeName === "META" && node.name === "viewport" && node !== viewport) {
          node.remove();
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  try {
    if (!window.localStorage.getItem("sveltia-cms.prefs")) {
      window.localStorage.setItem("sveltia-cms.prefs", JSON.stringify({ locale: "fr" }));
    }
  } catch (error) {
    // Storage refused (private browsing): the browser's language is used.
  }
})();
