// The audit explorer's time slider: moving it shows the state as of that event (the form is sent when it settles).
const form = document.getElementById('as-of');
if (form) {
  const slider = document.getElementById('up-to');
  slider.addEventListener('change', () => form.requestSubmit());
}
