/* Inside LINE: boot the LIFF SDK, hand the person's ID token to the server (which has LINE
   verify it) and go on to their own month page. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("liff-config").textContent);
  const failed = () => {
    document.getElementById("liff-status").hidden = true;
    document.getElementById("liff-failed").hidden = false;
  };
  window.liff
    .init({ liffId: config.liffId })
    .then(() => {
      if (!window.liff.isLoggedIn()) {
        window.liff.login({ redirectUri: window.location.href });
        return undefined;
      }
      return fetch(config.tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ idToken: window.liff.getIDToken() }),
      })
        .then((answer) => answer.json())
        .then((found) => {
          if (found.url) window.location.replace(found.url);
          else failed();
        });
    })
    .catch(failed);
})();
