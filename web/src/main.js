// Marsad's web map: loads events from the API, draws the map, the timeline and the list, and
// opens an event with its article. Every string from the data is set as text, never as HTML.
import 'leaflet/dist/leaflet.css';
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import './style.css';
import { el, bi, safeLink } from './dom.js';
import { EVENT_TYPES, typeInfo, typeClass, countryName } from './labels.js';
import { EventMap } from './map.js';
import { Timeline } from './timeline.js';
import { articleBody, entityLegend } from './article.js';

const MAX_EVENTS = 20000; // what the page loads at most (newest first): the API's largest columns page
const LIST_ROWS = 200;

const $ = (id) => document.getElementById(id);
const state = { events: [], range: null, docs: null, query: '', total: 0 };
window.__marsad = { ready: false };

async function api(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `${res.status}`);
  return body;
}

function status(ar, en) {
  $('status').replaceChildren(bi(ar, en));
}

function filterParams() {
  const p = new URLSearchParams();
  for (const [name, id] of [['type', 'type-filter'], ['country', 'country-filter'], ['actor', 'actor-filter']]) {
    const v = $(id).value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

// The URL of the events the map draws. Without filters it is the one index.html preloads, so
// the request starts while this script is still being parsed; keep the two the same.
function eventsUrl() {
  const params = filterParams();
  params.set('format', 'columns');
  params.set('limit', String(MAX_EVENTS));
  return `/api/events?${params}`;
}

// The columns format sends one array per field and each text once (in `values`); this turns it
// back into one object per event, as the rest of the page uses them.
function fromColumns({ count, columns: c, values: v }) {
  const text = (field, i) => {
    const code = c[field][i];
    return code == null ? null : v[field][code];
  };
  const events = new Array(count);
  for (let i = 0; i < count; i++) {
    events[i] = {
      id: c.id[i],
      date: text('date', i),
      event_type: text('event_type', i),
      sub_event_type: text('sub_event_type', i),
      plover: text('plover', i),
      lat: c.lat[i],
      lon: c.lon[i],
      place: text('place', i),
      place_ar: text('place_ar', i),
      country: text('country', i),
      admin1: text('admin1', i),
      actor1: text('actor1', i),
      actor1_ar: text('actor1_ar', i),
      actor2: text('actor2', i),
      actor2_ar: text('actor2_ar', i),
      fatalities: c.fatalities[i],
      n_sources: c.n_sources[i],
      documents: c.documents[i],
    };
  }
  return events;
}

async function loadEvents() {
  // no Accept header: the request must match the preload in index.html to reuse it
  const res = await fetch(eventsUrl());
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `${res.status}`);
  state.events = fromColumns(body);
  window.__marsadLoaded = performance.now();
  state.total = body.total;
}

async function runQuery() {
  const q = $('text-filter').value.trim();
  state.query = q;
  if (!q) {
    state.docs = null;
    return;
  }
  const { hits } = await api(`/api/search?${new URLSearchParams({ q, limit: '100' })}`);
  state.docs = new Set(hits.map((h) => h.document));
}

function visible() {
  return state.events.filter((e) => {
    if (state.range && (e.date < state.range[0] || e.date > state.range[1])) return false;
    if (state.docs && !e.documents.some((d) => state.docs.has(d))) return false;
    return true;
  });
}

function render({ timeline = true } = {}) {
  const shown = visible();
  const byQuery = state.docs ? state.events.filter((e) => e.documents.some((d) => state.docs.has(d))) : state.events;
  if (timeline) tl.draw(byQuery);
  const onMap = map.show(shown);
  renderList(shown);
  const more = state.total > state.events.length ? ` / ${state.total}` : '';
  $('count').textContent = `(${shown.length}${more})`;
  status(
    `${shown.length} حدثاً، منها ${onMap} على الخريطة`,
    `${shown.length} events, ${onMap} on the map${more ? `; newest ${state.events.length} of ${state.total} loaded` : ''}`,
  );
}

function renderList(events) {
  const rows = events.slice(0, LIST_ROWS).map((e) =>
    el(
      'li',
      { class: `event-row ${typeClass(e.event_type)}`, dataset: { id: String(e.id) }, tabindex: 0 },
      el('i', { class: `swatch ${typeClass(e.event_type)}` }),
      el('span', { class: 'date', dir: 'ltr' }, e.date),
      ' ',
      el('strong', {}, typeInfo(e.event_type).ar),
      ' · ',
      el('span', { class: 'sub', lang: 'en' }, e.sub_event_type),
      el('br'),
      el('bdi', { class: 'place' }, e.place_ar || e.place || '—'),
      e.country ? ` (${countryName(e.country, 'ar')})` : '',
      e.actor1 ? [' — ', el('bdi', { class: 'actor' }, e.actor1_ar || e.actor1)] : '',
      e.fatalities ? [' — ', bi(`قتلى: ${e.fatalities}`, `fatalities: ${e.fatalities}`)] : '',
    ),
  );
  if (events.length > LIST_ROWS) rows.push(el('li', { class: 'more' }, bi(`و${events.length - LIST_ROWS} غيرها`, `and ${events.length - LIST_ROWS} more`)));
  $('list').replaceChildren(...rows);
}

async function openEvent(id) {
  const detail = $('detail');
  detail.hidden = false;
  detail.replaceChildren(el('p', {}, bi('جارٍ التحميل…', 'Loading…')));
  try {
    const ev = await api(`/api/events/${encodeURIComponent(id)}`);
    // the store's location is the place itself, with its precision
    const place = ev.location ? (ev.location.place ?? ev.location) : null;
    map.focus(place?.lat, place?.lon);
    const sources = el('div', { class: 'sources' });
    const article = el('div', { class: 'article' });
    const head = el(
      'div',
      { class: 'event-head' },
      el('button', { type: 'button', class: 'close', 'aria-label': 'close' }, '×'),
      el('h2', {}, el('i', { class: `swatch ${typeClass(ev.event_type)}` }), ' ', typeInfo(ev.event_type).ar, ' · ', el('span', { lang: 'en', class: 'en' }, ev.event_type)),
      el(
        'dl',
        {},
        el('dt', {}, bi('النوع الفرعي', 'Sub-event')), el('dd', { lang: 'en' }, ev.sub_event_type),
        el('dt', {}, bi('التاريخ', 'Date')), el('dd', { dir: 'ltr' }, ev.event_date),
        el('dt', {}, bi('المكان', 'Place')), el('dd', {}, place ? [place.name_ar || '', place.name_ar ? ' · ' : '', el('span', { lang: 'en' }, [...new Set([place.name, place.admin1, ev.country].filter(Boolean))].join(', '))] : '—'),
        el('dt', {}, bi('الفاعل الأول', 'Actor 1')), el('dd', {}, actorText(ev.actor1)),
        el('dt', {}, bi('الفاعل الثاني', 'Actor 2')), el('dd', {}, actorText(ev.actor2)),
        el('dt', {}, bi('القتلى', 'Fatalities')), el('dd', {}, ev.fatalities ?? '—'),
        el('dt', {}, bi('المصادر', 'Sources')), el('dd', {}, String(ev.n_sources)),
      ),
    );
    head.querySelector('.close').addEventListener('click', () => {
      detail.hidden = true;
      detail.replaceChildren();
    });
    ev.sources.forEach((s, i) => {
      const b = el('button', { type: 'button', class: 'source' }, s.source || s.doc_id);
      b.addEventListener('click', () => showSource(article, s, sources, b));
      sources.append(b);
      if (i === 0) showSource(article, s, sources, b);
    });
    detail.replaceChildren(head, sources, article);
  } catch (err) {
    detail.replaceChildren(el('p', { class: 'error' }, bi('تعذّر التحميل', 'Could not load'), ': ', String(err.message)));
  }
}

function actorText(a) {
  if (!a) return '—';
  return [a.name_ar ? [el('bdi', {}, a.name_ar), ' · '] : '', el('bdi', { lang: 'en' }, a.name)];
}

async function showSource(node, source, bar, button) {
  for (const b of bar.querySelectorAll('button')) b.classList.toggle('active', b === button);
  node.replaceChildren(el('p', {}, bi('جارٍ التحميل…', 'Loading…')));
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(source.document)}`);
    const a = doc.article ?? {};
    node.replaceChildren(
      el('h3', { lang: 'ar', dir: 'auto' }, a.title || doc.id),
      el('p', { class: 'meta' }, [a.source, a.published].filter(Boolean).join(' · '), a.url ? [' · ', safeLink(a.url)] : ''),
      el('blockquote', { class: 'evidence-quote', lang: 'ar' }, source.sentence),
      entityLegend(doc),
      articleBody(doc, [{ span: source.span, trigger: source.trigger_span }]),
    );
    node.querySelector('mark.evidence')?.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    node.replaceChildren(el('p', { class: 'error' }, String(err.message)));
  }
}

// The filters' choices come from the events first loaded (all of them, or the newest
// MAX_EVENTS): /api/stats counts the whole store and is too slow to wait for on a large one.
function fillOptions(events) {
  const byType = new Map();
  const byCountry = new Map();
  for (const e of events) {
    byType.set(e.event_type, (byType.get(e.event_type) ?? 0) + 1);
    if (e.country) byCountry.set(e.country, (byCountry.get(e.country) ?? 0) + 1);
  }
  const types = [...new Set([...Object.keys(EVENT_TYPES), ...byType.keys()])].filter(Boolean);
  $('type-filter').append(...types.map((t) => el('option', { value: t }, `${typeInfo(t).ar} · ${t}`)));
  const countries = [...byCountry.keys()].sort((a, b) => byCountry.get(b) - byCountry.get(a));
  $('country-filter').append(...countries.map((c) => el('option', { value: c }, `${countryName(c, 'ar')} · ${countryName(c, 'en')}`)));
  map.legend(types.filter((t) => byType.has(t)));
}

async function refresh({ reload = true } = {}) {
  status('جارٍ التحميل…', 'Loading…');
  try {
    if (reload) await loadEvents();
    await runQuery();
    render();
  } catch (err) {
    status('خطأ', `Error: ${err.message}`);
  }
}

const map = new EventMap($('map'), openEvent);
const tl = new Timeline($('timeline'), (range) => {
  state.range = range;
  render({ timeline: false });
});

$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  state.range = null;
  tl.clear();
  refresh();
});
$('clear').addEventListener('click', () => {
  $('filters').reset();
  state.range = null;
  tl.clear();
  refresh();
});
$('type-filter').addEventListener('change', () => $('filters').requestSubmit());
$('country-filter').addEventListener('change', () => $('filters').requestSubmit());
$('list').addEventListener('click', (e) => {
  const row = e.target.closest('.event-row');
  if (row) openEvent(row.dataset.id);
});
$('list').addEventListener('keydown', (e) => {
  const row = e.target.closest('.event-row');
  if (row && e.key === 'Enter') openEvent(row.dataset.id);
});

(async () => {
  const marks = {};
  const base = map.loadBase().then(() => (marks.base = performance.now()), () => {});
  await refresh();
  fillOptions(state.events);
  marks.events = performance.now();
  await base;
  // first render: the base map, every loaded event on the map, the timeline and the list
  window.__marsad = { ready: true, firstRender: performance.now(), events: state.events.length, marks };
  document.body.dataset.ready = 'true';
  // then the detailed outlines, when the browser has a moment
  const later = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  later(() => map.refineBase().then(() => (document.body.dataset.detailed = 'true'), () => {}));
})();
