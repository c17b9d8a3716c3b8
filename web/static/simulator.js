/* The simulator page: be someone, talk to the real bot through /callback, see its answers. */
(function () {
  "use strict";

  // the page's settings come as a JSON data block: no inline script (the page's CSP)
  const cfg = JSON.parse(document.getElementById("simulator-config").textContent);
  const $ = (id) => document.getElementById(id);
  const chat = $("chat");
  const quick = $("quick");
  const who = $("who");
  const state = { people: [], user: null, lastSeq: 0, shownSeqs: new Set(), polling: null };

  /* -- talking to the server ---------------------------------------------------------- */

  async function api(path, options = {}) {
    const response = await fetch(cfg.api + path, {
      headers: { "Content-Type": "application/json" },
      ...options,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  }

  async function sendEvent(kind, payload) {
    const built = await api("/events", { method: "POST", body: JSON.stringify({ user: state.user.id, kind, ...payload }) });
    const response = await fetch(cfg.callback, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Line-Signature": built.signature },
      body: built.body,
    });
    if (!response.ok) throw new Error(`callback: ${response.status}`);
    pollSoon();
  }

  /* -- who one is ---------------------------------------------------------------------- */

  async function loadPeople(keep) {
    const data = await api("/people");
    state.people = data.people;
    $("clock").textContent = data.now;
    if (data.jobs && data.jobs.length) $("jobs").hidden = false;
    who.innerHTML = "";
    for (const person of state.people) {
      const option = document.createElement("option");
      option.value = person.id;
      option.textContent = `${person.name} — ${person.role}`;
      who.appendChild(option);
    }
    const fresh = document.createElement("option");
    fresh.value = "new";
    fresh.textContent = cfg.text.newUser;
    who.appendChild(fresh);
    const wanted = keep && [...who.options].some((o) => o.value === keep) ? keep : who.options[0].value;
    who.value = wanted;
    await become(wanted);
  }

  function newUserId() {
    let id = sessionStorage.getItem("sim-new-user");
    if (!id) {
      id = "Unew" + Math.random().toString(16).slice(2, 14);
      sessionStorage.setItem("sim-new-user", id);
    }
    return id;
  }

  async function become(id) {
    // busy until this person's chat and menu are shown (the browser tests wait for it)
    document.body.dataset.switching = id;
    try {
      await showPerson(id);
    } finally {
      if (document.body.dataset.switching === id) delete document.body.dataset.switching;
    }
  }

  async function showPerson(id) {
    const person = id === "new"
      ? { id: newUserId(), name: cfg.text.newUser, kind: "new" }
      : state.people.find((p) => p.id === id);
    state.user = person;
    state.menuId = undefined;
    state.lastSeq = 0;
    state.shownSeqs = new Set();
    chat.innerHTML = "";
    setQuickReplies(null);
    const code = $("code");
    code.hidden = !person.code;
    if (person.code) code.innerHTML = `${cfg.text.codeHint}: <strong>${person.code}</strong>`;
    for (const entry of mine()) addMine(entry, false);
    await poll();
    await loadRichMenu();
    if (id === "new" && !sessionStorage.getItem("sim-followed-" + person.id)) {
      // a new user first adds the bot as a friend: LINE sends a follow event
      sessionStorage.setItem("sim-followed-" + person.id, "1");
      await sendEvent("follow", {});
    }
  }

  /* -- the person's own messages (kept in this tab) ----------------------------------- */

  function mine() {
    return JSON.parse(sessionStorage.getItem("sim-mine-" + state.user.id) || "[]");
  }

  function remember(entry) {
    const list = mine();
    list.push(entry);
    sessionStorage.setItem("sim-mine-" + state.user.id, JSON.stringify(list.slice(-200)));
  }

  function addMine(entry, store = true) {
    entry.after = entry.after ?? state.lastSeq;
    if (store) remember(entry);
    const item = document.createElement("li");
    item.className = "mine";
    item.dataset.after = entry.after;
    if (entry.image) {
      const img = document.createElement("img");
      img.className = "sent";
      img.src = entry.image;
      item.appendChild(img);
    } else {
      const bubble = document.createElement("div");
      bubble.className = "bubble";
      bubble.textContent = entry.text;
      item.appendChild(bubble);
    }
    placeMine(item, entry.after);
    scrollDown();
  }

  function placeMine(item, after) {
    // after the bot message it followed, before any later ones
    const later = [...chat.children].find((li) => li.classList.contains("bot") && Number(li.dataset.seq) > after);
    chat.insertBefore(item, later || null);
  }

  /* -- what the bot sent -------------------------------------------------------------- */

  async function poll() {
    if (!state.user) return;
    const chatId = state.user.id;
    const data = await api(`/messages?chat=${encodeURIComponent(chatId)}&after=${state.lastSeq}`);
    if (!state.user || state.user.id !== chatId) return;
    let fresh = false;
    for (const item of data.messages) {
      if (state.shownSeqs.has(item.seq)) continue;
      state.shownSeqs.add(item.seq);
      addBot(item);
      state.lastSeq = Math.max(state.lastSeq, item.seq);
      fresh = true;
    }
    if (fresh) {
      await loadRichMenu();
      if (state.user.code) await refreshCode();
    }
  }

  async function refreshCode() {
    // once the person has linked, the page stops offering the used code
    const data = await api("/people");
    const now = data.people.find((p) => p.id === state.user.id);
    if (now && !now.code) {
      state.people = data.people;
      state.user = now;
      $("code").hidden = true;
    }
  }

  function pollSoon() {
    setTimeout(poll, 150);
    setTimeout(poll, 500);
  }

  function addBot(item) {
    const li = document.createElement("li");
    li.className = "bot";
    li.dataset.seq = item.seq;
    li.dataset.via = item.via;
    li.appendChild(window.FlexRenderer.render(item.message, act));
    if (item.via !== "reply") {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = cfg.text.push;
      li.appendChild(tag);
    }
    chat.appendChild(li);
    setQuickReplies(item.message.quickReply || null);
    scrollDown();
  }

  function scrollDown() {
    chat.scrollTop = chat.scrollHeight;
  }

  /* -- quick replies, buttons and the rich menu all end here --------------------------- */

  function setQuickReplies(quickReply) {
    quick.innerHTML = "";
    const items = (quickReply && quickReply.items) || [];
    quick.hidden = items.length === 0;
    for (const item of items) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = item.action.label;
      button.addEventListener("click", () => act(item.action));
      quick.appendChild(button);
    }
  }

  /* A link of this app's own pages (the month page, the photos) opens in a pane over the
     chat, as LINE's in-app browser would; anything else in a new tab. */
  function openUri(uri) {
    const url = new URL(uri, window.location.href);
    if (!/^\/(month|photos)\//.test(url.pathname)) {
      window.open(uri, "_blank", "noopener");
      return undefined;
    }
    $("pane-frame").src = url.pathname + url.search;
    $("pane").hidden = false;
    return undefined;
  }

  $("pane-close").addEventListener("click", () => {
    $("pane").hidden = true;
    $("pane-frame").src = "about:blank";
  });

  function act(action) {
    if (!action) return;
    setQuickReplies(null);
    switch (action.type) {
      case "message":
        addMine({ text: action.text });
        return sendEvent("text", { text: action.text });
      case "postback":
        if (action.displayText || action.text) addMine({ text: action.displayText || action.text });
        return sendEvent("postback", { data: action.data });
      case "uri":
        return openUri(action.uri);
      case "camera":
      case "cameraRoll":
        $("file").click();
        return undefined;
      case "location":
        return shareLocation();
      case "datetimepicker": {
        const value = window.prompt(action.label, new Date().toISOString().slice(0, 10));
        if (!value) return undefined;
        addMine({ text: value });
        return sendEvent("postback", { data: action.data, params: { [action.mode || "date"]: value } });
      }
      default:
        return undefined;
    }
  }

  async function shareLocation() {
    addMine({ text: cfg.text.location });
    await sendEvent("location", {});
  }

  async function loadRichMenu() {
    // the menu the platform holds for this user (it changes when a staff member links)
    const forUser = state.user.id;
    let menu = { areas: [] };
    try {
      menu = await api(`/richmenu?user=${encodeURIComponent(forUser)}`);
    } catch (error) {
      menu = { areas: [] };
    }
    if (!state.user || state.user.id !== forUser || menu.id === state.menuId) return;
    state.menuId = menu.id;
    const nav = $("rich-menu");
    const bar = $("menu-bar");
    nav.innerHTML = "";
    const areas = menu.areas || [];
    const open = !nav.hidden;
    bar.hidden = areas.length === 0;
    // open at first on a desktop; on a phone, closed until the chat bar is tapped, as in
    // LINE (and left open if it was: a menu that changes does not close under a finger)
    nav.hidden = areas.length === 0 || (onPhone() && !open);
    bar.textContent = menu.chatBarText || "";
    nav.classList.toggle("pictured", Boolean(menu.image));
    if (menu.image) {
      const picture = document.createElement("img");
      picture.src = menu.image;
      picture.alt = "";
      nav.appendChild(picture);
    }
    for (const area of areas) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.testid = "rich-menu-area";
      if (menu.image) {
        // a transparent area over the picture, where LINE would take the tap
        const b = area.bounds;
        Object.assign(button.style, {
          left: `${(100 * b.x) / menu.size.width}%`,
          top: `${(100 * b.y) / menu.size.height}%`,
          width: `${(100 * b.width) / menu.size.width}%`,
          height: `${(100 * b.height) / menu.size.height}%`,
        });
        button.setAttribute("aria-label", area.label);
        button.title = area.label;
      } else {
        button.textContent = area.label;
      }
      button.addEventListener("click", () => {
        if (onPhone()) nav.hidden = true; // leave the small screen to the answer
        act(area.action);
      });
      nav.appendChild(button);
    }
  }

  function onPhone() {
    return window.matchMedia("(max-width: 720px)").matches;
  }

  /* -- the composer ------------------------------------------------------------------- */

  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("message");
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    addMine({ text });
    await sendEvent("text", { text });
  });

  $("picture").addEventListener("click", () => $("file").click());
  $("location").addEventListener("click", shareLocation);
  $("sticker").addEventListener("click", async () => {
    addMine({ text: cfg.text.sticker });
    await sendEvent("sticker", {});
  });
  $("menu-bar").addEventListener("click", () => { $("rich-menu").hidden = !$("rich-menu").hidden; });

  $("file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    const dataUrl = await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.readAsDataURL(file);
    });
    addMine({ image: dataUrl.length < 400000 ? dataUrl : "", text: cfg.text.image });
    await sendEvent("image", { data: dataUrl.split(",")[1], contentType: file.type || "image/jpeg" });
  });

  who.addEventListener("change", () => become(who.value));

  for (const button of document.querySelectorAll("[data-job]")) {
    button.addEventListener("click", async () => {
      const result = await api(`/jobs/${button.dataset.job}`, { method: "POST" });
      $("job-result").textContent = result.note;
      pollSoon();
    });
  }

  $("reset").addEventListener("click", async () => {
    await api("/reset", { method: "POST" });
    for (const key of Object.keys(sessionStorage)) if (key.startsWith("sim-")) sessionStorage.removeItem(key);
    $("job-result").textContent = cfg.text.resetDone;
    await loadPeople(null);
  });

  loadPeople(null).then(() => {
    state.polling = setInterval(poll, 1000);
  });
})();
