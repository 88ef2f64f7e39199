// The phone order page: /order/{slotId}. Reads the slot (GET /api/v1/slots/{slotId} -> productId) and the product,
// then places the order with POST /api/v1/orders. Each order attempt carries its own Idempotency-Key, kept until the
// attempt has a final answer, so a double tap or a retry after a dropped connection can never order twice.
(function () {
  "use strict";

  var STATUS = {
    placed: "已提交，正在锁定库存",
    reserved: "库存已保留，待付款",
    paid: "已付款",
    shipped: "已发货",
    delivered: "已送达",
    inspected: "已验收",
    cancelled: "已取消",
    refunded: "已退款",
    rejected: "未成功"
  };
  var WAITING = { placed: true, reserved: true, paid: true, shipped: true, delivered: true };

  var slotId = decodeURIComponent(location.pathname.replace(/\/+$/, "").split("/").pop() || "");
  var product = null;
  var attempt = null; // { key, body } of the order attempt in flight or awaiting a retry
  var pollTimer = null;

  function $(id) { return document.getElementById(id); }
  function show(id, visible) { $(id).hidden = !visible; }
  function yuan(fen) { return (fen / 100).toFixed(2); }

  // A random UUID (v4). crypto.randomUUID needs a secure context, which a showroom's LAN address often is not.
  function newKey() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function problem(text) {
    $("problem").textContent = text;
    show("problem", !!text);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { status: r.status, body: body }; });
    });
  }

  function quantity() {
    var q = parseInt($("quantity").value, 10);
    return isNaN(q) ? 0 : q;
  }

  function maxQuantity() { return Math.max(1, Math.min(999, product ? product.available : 999)); }

  function setQuantity(q) {
    $("quantity").value = String(Math.max(1, Math.min(maxQuantity(), q)));
    changed();
  }

  // Any change to what is ordered makes a new attempt, with a new key.
  function changed() {
    attempt = null;
    $("total").textContent = product ? yuan(product.priceFen * Math.max(0, quantity())) : "";
  }

  function showProduct(p) {
    product = p;
    $("name").textContent = p.name;
    $("price").textContent = yuan(p.priceFen);
    $("origin").textContent = p.originCounty;
    $("supplier").textContent = p.supplier;
    $("available").textContent = p.available > 0 ? p.available + " 件" : "暂时缺货";
    $("intro").textContent = p.intro;
    $("story").textContent = p.story;
    show("certified", !!p.certifiedPovertyAlleviation);
    show("loading", false);
    show("product", true);
    show("order-form", true);
    $("submit").disabled = p.available <= 0;
    changed();
  }

  function load() {
    getJson("/api/v1/slots/" + encodeURIComponent(slotId)).then(function (slot) {
      if (slot.status === 404) throw new Error("该货位暂未上架商品，请咨询工作人员。");
      if (slot.status !== 200 || !slot.body.productId) throw new Error("暂时无法读取货位信息，请稍后刷新。");
      return getJson("/api/v1/products/" + encodeURIComponent(slot.body.productId));
    }).then(function (p) {
      if (p.status !== 200) throw new Error("暂时无法读取商品信息，请稍后刷新。");
      showProduct(p.body);
    }).catch(function (e) {
      show("loading", false);
      problem(e.message || "网络异常，请稍后刷新。");
    });
  }

  function submit(event) {
    event.preventDefault();
    if (!product || $("submit").disabled) return;
    var q = quantity();
    if (q < 1 || q > maxQuantity()) { problem("请选择 1 到 " + maxQuantity() + " 件。"); return; }
    var buyer = $("buyer").value.trim();
    if (!attempt) {
      var body = { channel: "qr", slotId: slotId, lines: [{ productId: product.productId, quantity: q }] };
      if (buyer) body.buyerId = buyer;
      attempt = { key: newKey(), body: JSON.stringify(body) };
    }
    problem("");
    $("submit").disabled = true;
    $("submit").textContent = "正在提交…";
    fetch("/api/v1/orders", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": attempt.key },
      body: attempt.body
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (answer) { finish(r.status, answer); });
    }).catch(function () {
      // No answer: the order may or may not exist. Keep the key so the retry gets the same order.
      problem("网络异常，订单可能已提交。请再次点击“提交订单”确认，不会重复下单。");
    }).then(function () {
      $("submit").disabled = false;
      $("submit").textContent = "提交订单";
    });
  }

  function finish(status, answer) {
    if (status === 201) {
      attempt = null;
      showOrder(answer);
      return;
    }
    if (status === 503 || status === 0) {
      problem("服务繁忙，请再次点击“提交订单”，不会重复下单。");
      return;
    }
    attempt = null;
    var detail = answer.detail || "下单失败。";
    if (status === 409) detail = "库存不足：" + detail;
    if (answer.field === "buyerId") detail = status === 422 ? "采购账户不存在，请核对编号，或不填账户直接下单。" : "采购账户编号格式不正确。";
    if (answer.field === "slotId") detail = "该货位暂未上架商品，请咨询工作人员。";
    problem(detail);
    if (status === 409) load();
  }

  function showOrder(order) {
    $("order-id").textContent = order.orderId;
    $("order-total").textContent = yuan(order.totalFen) + " 元";
    $("order-expires").textContent = order.expiresAt ? new Date(order.expiresAt).toLocaleString("zh-CN") : "—";
    showStatus(order.status);
    show("order-form", false);
    show("result", true);
    clearInterval(pollTimer);
    pollTimer = setInterval(function () { poll(order.orderId); }, 5000);
  }

  function showStatus(status) {
    $("order-status").textContent = STATUS[status] || status;
    if (!WAITING[status]) clearInterval(pollTimer);
  }

  function poll(orderId) {
    getJson("/api/v1/orders/" + encodeURIComponent(orderId)).then(function (r) {
      if (r.status === 200) showStatus(r.body.status);
    }).catch(function () { /* keep the last known status; the next poll tries again */ });
  }

  $("less").addEventListener("click", function () { setQuantity(quantity() - 1); });
  $("more").addEventListener("click", function () { setQuantity(quantity() + 1); });
  $("quantity").addEventListener("input", changed);
  $("buyer").addEventListener("input", changed);
  $("order-form").addEventListener("submit", submit);
  $("again").addEventListener("click", function () {
    clearInterval(pollTimer);
    show("result", false);
    show("order-form", true);
    load();
  });

  if (!slotId) problem("二维码地址不完整。"); else load();
})();
