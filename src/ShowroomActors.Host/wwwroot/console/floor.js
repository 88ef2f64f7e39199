// The live floor: one EventSource on /console/floor/stream; each `slot` frame is a tile's new state.
const floor = document.getElementById('floor');
const status = document.getElementById('live-status');
const text = (name) => floor.dataset['text' + name];

function set(tile, field, value) {
  const cell = tile.querySelector(`[data-field="${field}"]`);
  if (cell && cell.textContent !== value) cell.textContent = value;
}

function show(slot) {
  const tile = floor.querySelector(`.tile[data-slot="${CSS.escape(slot.slotId)}"]`);
  if (!tile) return;
  tile.dataset.lifted = String(slot.lifted);
  tile.dataset.online = slot.online === null ? 'none' : String(slot.online);
  tile.dataset.batteryLow = String(slot.batteryLow);
  set(tile, 'state', slot.lifted ? text('Lifted') : text('Idle'));
  set(tile, 'productName', slot.productName);
  set(tile, 'itemsOnShelf', slot.itemsOnShelf === null ? text('Unknown') : String(slot.itemsOnShelf));
  set(tile, 'lifts', String(slot.lifts));
  set(tile, 'orders', String(slot.orders));
  set(tile, 'device', slot.deviceId === null ? text('NoDevice') : `${slot.deviceId} · ${slot.online ? text('Online') : text('Offline')}`);
  set(tile, 'battery', slot.battery === null ? text('Unknown') : `${slot.battery}%`);
  set(tile, 'lastSeen', slot.lastSeen);
}

const source = new EventSource('/console/floor/stream');
source.addEventListener('slot', (event) => show(JSON.parse(event.data)));
source.addEventListener('open', () => {
  floor.dataset.live = 'open';
  status.textContent = status.dataset.textOpen;
});
source.addEventListener('error', () => {
  floor.dataset.live = 'closed';
  status.textContent = status.dataset.textClosed;
});
