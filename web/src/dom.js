// Building the page without HTML strings: every string from the data becomes a text node.

/** An element with attributes (strings only, never event handlers) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) throw new Error(`el(): no inline handlers (${k})`);
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

/** An SVG element (attributes as above). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) throw new Error(`svg(): no inline handlers (${k})`);
    if (k === 'class') node.setAttribute('class', v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Arabic and English side by side: «العربية · English». */
export function bi(ar, en) {
  return el('span', { class: 'bi' }, ar, ' ', el('span', { lang: 'en', class: 'en' }, en));
}

/** A link only to http(s) addresses; anything else is shown as text. */
export function safeLink(url, text) {
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
    return el('a', { href: url, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, text ?? url);
  }
  return el('span', { dir: 'ltr' }, text ?? url ?? '');
}
