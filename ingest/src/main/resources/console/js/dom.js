// Builds the DOM from data without ever parsing it as markup: text goes in as text nodes only.

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked') {
      element.checked = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends `children` (nodes, texts, nested arrays; null and false are left out) to `element`. */
export function add(element, ...children) {
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of `element` with `children`. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** An ISO instant as local date and time, with the exact value on hover. */
export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString());
}

export function ago(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)} %`;
}

export function ms(value) {
  return value === null || value === undefined ? '—' : `${value} ms`;
}

/** A live region's message: announced by screen readers, shown as a notice. */
export function announce(region, message, tone = '') {
  region.className = `notice ${tone}`.trim();
  fill(region, message);
}

/**
 * Asks, in `panel` under `trigger`, to confirm what `trigger` would do: `question`, then `confirm` (which runs
 * `onConfirm(close)`) and Cancel, which closes the panel and gives the focus back to `trigger`.
 */
export function askToConfirm(trigger, panel, question, confirm, onConfirm) {
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const close = () => {
    panel.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
  };
  confirm.addEventListener('click', () => onConfirm(close));
  cancel.addEventListener('click', () => { close(); trigger.focus(); });
  fill(panel, question, h('div', { class: 'actions' }, confirm, cancel));
  panel.hidden = false;
  trigger.setAttribute('aria-expanded', 'true');
  confirm.focus();
}

/** Disables a button while `work` runs, so a double click does not send twice. */
export async function busy(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}
