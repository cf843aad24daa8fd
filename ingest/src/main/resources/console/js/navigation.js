// Moving between pages, and a message carried to the next one (e.g. "Webhook created").
const FLASH = 'chatplugify.flash';

export function navigate(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

export function flash(message) {
  sessionStorage.setItem(FLASH, message);
}

export function takeFlash() {
  const message = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  return message;
}
