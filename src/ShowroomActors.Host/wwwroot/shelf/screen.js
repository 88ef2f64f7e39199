// The shelf screen of one slot (/screens/{slotId}). Shows the lifted product at once, an attract loop through the
// showroom's products when idle. Display changes arrive over Server-Sent Events; EventSource reconnects by itself and
// resumes with Last-Event-ID, so a restart of the host or a network blip needs no one to touch the screen.
(function () {
  "use strict";
  const slotId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
  const $ = (id) => document.getElementById(id);
  const yuan = (fen) => (fen / 100).toFixed(2);
  const ATTRACT_EVERY_MS = 7000;

  let version = -1;
  let products = [];
  let attractIndex = 0;
  let attractTimer = null;

  function setStatus(text, ok) {
    $("status").textContent = text;
    $("status").classList.toggle("ok", !!ok);
  }

  function showProduct(p) {
    $("p-name").textContent = p.name;
    $("p-origin").textContent = p.originCounty;
    $("p-supplier").textContent = p.supplier;
    $("p-intro").textContent = p.intro;
    $("p-story").textContent = p.story;
    $("p-price").textContent = yuan(p.priceFen);
    $("p-cert").textContent = p.certificateNo ? "扶贫产品认定编号 " + p.certificateNo : "";
    $("product").hidden = false;
    $("attract").hidden = true;
    $("screen").className = "product";
    stopAttract();
  }

  function showIdle() {
    $("product").hidden = true;
    $("attract").hidden = false;
    $("screen").className = "idle";
    startAttract();
  }

  function apply(display) {
    if (display.version < version) return; // never go backwards
    version = display.version;
    if (display.mode === "product" && display.product) showProduct(display.product);
    else showIdle();
  }

  function nextAttract() {
    if (products.length === 0) return;
    const p = products[attractIndex++ % products.length];
    const card = $("attract");
    card.classList.add("fading");
    setTimeout(() => {
      $("a-name").textContent = p.name;
      $("a-origin").textContent = p.originCounty + " · " + p.supplier;
      $("a-intro").textContent = p.intro;
      $("a-price").textContent = yuan(p.priceFen);
      card.classList.remove("fading");
    }, 600);
  }

  function startAttract() {
    if (attractTimer) return;
    nextAttract();
    attractTimer = setInterval(nextAttract, ATTRACT_EVERY_MS);
  }

  function stopAttract() {
    clearInterval(attractTimer);
    attractTimer = null;
  }

  async function loadProducts() {
    try {
      const response = await fetch("/api/v1/products");
      if (response.ok) products = await response.json();
    } catch (e) {
      // The loop simply waits for the next try.
    }
    if (products.length === 0) setTimeout(loadProducts, 10000);
    else if (!$("attract").hidden) { stopAttract(); startAttract(); }
  }

  function connect() {
    // A new EventSource cannot send Last-Event-ID; the query parameter carries the version this screen shows.
    const resume = version >= 0 ? "?lastEventId=" + version : "";
    const source = new EventSource("/api/v1/slots/" + encodeURIComponent(slotId) + "/display/stream" + resume);
    source.addEventListener("display", (e) => {
      apply(JSON.parse(e.data));
      setStatus("货架 " + slotId + " · 实时", true);
    });
    source.onopen = () => setStatus("货架 " + slotId + " · 已连接", true);
    source.onerror = () => {
      setStatus("货架 " + slotId + " · 重新连接中…", false);
      // The browser retries a dropped stream by itself, but gives up after an error status (e.g. 503 while the
      // host starts): then start a new one.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
  }

  const qr = $("qr");
  qr.onerror = () => { qr.closest("figure").hidden = true; };
  qr.src = "/qr/" + encodeURIComponent(slotId) + ".png";
  showIdle();
  loadProducts();
  connect();
})();
