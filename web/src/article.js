// An article in Arabic with its evidence sentence, trigger and entities highlighted.
// Spans are in characters (Unicode scalar values) into article.text, as the API gives them;
// JavaScript strings count UTF-16 units, so the text is split into code points first.
import { el } from './dom.js';
import { ENTITY_KINDS } from './labels.js';

/**
 * The text as nodes: each run between span boundaries becomes a text node, inside a <mark>
 * carrying the classes of every span that covers it.
 * `marks` = [{ start, end, cls, title? }].
 */
export function highlighted(text, marks) {
  const chars = Array.from(text ?? '');
  const n = chars.length;
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end && m.start >= 0 && m.end <= n);
  const cuts = new Set([0, n]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join('');
    const covering = valid.filter((m) => m.start <= a && b <= m.end);
    if (!covering.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const cls = [...new Set(covering.flatMap((m) => m.cls.split(' ')))].join(' ');
    const title = covering.map((m) => m.title).filter(Boolean).join(' | ');
    out.push(el('mark', { class: cls, title: title || undefined }, piece));
  }
  return out;
}

/** The article body: paragraphs split on blank lines, keeping offsets. */
export function articleBody(doc, evidence) {
  const text = doc.article?.text ?? '';
  const marks = [];
  for (const e of doc.entities ?? []) {
    const [start, end] = e.span ?? [];
    marks.push({ start, end, cls: `ent ent-${e.kind}`, title: `${ENTITY_KINDS[e.kind] ?? e.kind}: ${entityNote(e)}` });
  }
  for (const ev of evidence) {
    marks.push({ start: ev.span[0], end: ev.span[1], cls: 'evidence', title: 'جملة الدليل · evidence' });
    if (ev.trigger) marks.push({ start: ev.trigger[0], end: ev.trigger[1], cls: 'trigger', title: 'الكلمة المفتاح · trigger' });
  }
  const nodes = highlighted(text, marks);
  // paragraphs: split the rendered runs again on "\n\n" without touching the marks' text
  const body = el('div', { class: 'article-text', lang: 'ar', dir: 'rtl' });
  let p = el('p');
  for (const node of nodes) {
    if (node.nodeType === Node.TEXT_NODE && node.data.includes('\n\n')) {
      const parts = node.data.split(/\n\n+/);
      parts.forEach((part, i) => {
        if (i > 0) {
          body.append(p);
          p = el('p');
        }
        if (part) p.append(document.createTextNode(part));
      });
    } else {
      p.append(node);
    }
  }
  body.append(p);
  return body;
}

function entityNote(e) {
  if (e.place) return [e.place.name, e.place.admin1, e.place.country].filter(Boolean).join(', ');
  if (e.actor) return e.actor.name;
  if (e.value !== undefined && e.value !== null) return String(typeof e.value === 'object' ? JSON.stringify(e.value) : e.value);
  return e.text;
}

/** The entity legend under an article. */
export function entityLegend(doc) {
  const kinds = [...new Set((doc.entities ?? []).map((e) => e.kind))];
  return el(
    'p',
    { class: 'ent-legend' },
    el('mark', { class: 'evidence' }, 'جملة الدليل · evidence'),
    ' ',
    el('mark', { class: 'trigger' }, 'الكلمة المفتاح · trigger'),
    ...kinds.map((k) => [' ', el('mark', { class: `ent ent-${k}` }, ENTITY_KINDS[k] ?? k)]),
  );
}
