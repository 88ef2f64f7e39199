// The floor's alerts: one EventSource on /console/alerts/stream; each `alert` frame is an alert after a change.
// Unresolved alerts are listed (operators get an acknowledge form, rendered with its antiforgery token from the page's
// template); resolved ones leave the list. Each tile shows how many unresolved alerts its slot has.
const section = document.getElementById('alerts');
const list = document.getElementById('alert-list');
const none = document.getElementById('alerts-none');
const template = document.getElementById('alert-ack');
const floor = document.getElementById('floor');
const text = (name) => section.dataset['text' + name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())];

function markTiles() {
  const counts = new Map();
  for (const item of list.querySelectorAll('li[data-slot]')) counts.set(item.dataset.slot, (counts.get(item.dataset.slot) || 0) + 1);
  for (const tile of floor ? floor.querySelectorAll('.tile[data-slot]') : []) {
    const n = counts.get(tile.dataset.slot) || 0;
    tile.dataset.alerts = String(n);
    let marker = tile.querySelector('.alert-marker');
    if (n === 0) {
      if (marker) marker.remove();
      continue;
    }
    if (!marker) {
      marker = document.createElement('span');
      marker.className = 'alert-marker';
      tile.querySelector('h3').append(marker);
    }
    marker.textContent = `⚠ ${n}`;
  }
  none.hidden = list.children.length > 0;
}

function render(alert) {
  const item = document.createElement('li');
  item.dataset.alert = alert.alertId;
  item.dataset.slot = alert.slotId;
  item.dataset.kind = alert.kind;
  item.dataset.state = alert.state;
  const part = (tag, cls, value) => {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value;
    item.append(el, ' ');
    return el;
  };
  part('span', 'alert-kind', text(alert.kind) || alert.kind).dataset.field = 'kind';
  part('span', 'slot-id', alert.slotId);
  const time = part('time', null, new Date(alert.openedAt).toLocaleString());
  time.dateTime = alert.openedAt;
  part('span', 'alert-state', text(alert.state)).dataset.field = 'alertState';
  if (template && alert.state === 'open') {
    const form = template.content.firstElementChild.cloneNode(true);
    form.querySelector('input[name=alertId]').value = alert.alertId;
    item.append(form);
  }
  return item;
}

function show(alert) {
  const existing = list.querySelector(`li[data-alert="${CSS.escape(alert.alertId)}"]`);
  if (alert.state === 'resolved') {
    if (existing) existing.remove();
  } else if (existing) {
    if (existing.dataset.state !== alert.state) existing.replaceWith(render(alert));
  } else {
    list.prepend(render(alert));
  }
  markTiles();
}

markTiles();
const source = new EventSource('/console/alerts/stream');
source.addEventListener('alert', (event) => show(JSON.parse(event.data)));
source.addEventListener('keep-alive', () => { section.dataset.live = 'open'; });
source.addEventListener('error', () => { section.dataset.live = 'closed'; });
