// The map: country outlines from the world-atlas package (no tile server), event markers
// clustered with supercluster and coloured by event type. supercluster indexes every event once
// (a k-d tree per zoom level, tens of milliseconds for 10,000 events); only the clusters and
// markers in view are Leaflet markers, redrawn when the view moves.
import L from 'leaflet';
import Supercluster from 'supercluster';
import { feature } from 'topojson-client';
import coarseUrl from 'world-atlas/countries-110m.json?url';
import detailedUrl from 'world-atlas/countries-50m.json?url';
import { el } from './dom.js';
import { typeClass, typeInfo } from './labels.js';

const MAX_ZOOM = 13;

const icons = new Map();
function iconFor(type) {
  const cls = typeClass(type);
  if (!icons.has(cls)) {
    icons.set(cls, L.divIcon({ className: `ev-marker ${cls}`, iconSize: [14, 14] }));
  }
  return icons.get(cls);
}

// A cluster takes the colour of its most frequent type, with a dashed ring when types mix.
function clusterIcon(props) {
  let top = '';
  let best = -1;
  let types = 0;
  for (const k in props) {
    if (!k.startsWith('n:')) continue;
    types += 1;
    if (props[k] > best) [top, best] = [k.slice(2), props[k]];
  }
  const count = props.point_count;
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
  return L.divIcon({
    html: el('span', {}, String(count)),
    className: `ev-cluster ${typeClass(top)}${types > 1 ? ' mixed' : ''}`,
    iconSize: [size, size],
  });
}

async function outlines(url) {
  const topo = await (await fetch(url)).json();
  return L.geoJSON(feature(topo, topo.objects.countries), {
    interactive: false,
    style: { color: '#8a8f98', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1 },
  });
}

export class EventMap {
  constructor(node, onOpen) {
    this.map = L.map(node, { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: MAX_ZOOM });
    this.map.setView([31, 40], 5);
    this.map.attributionControl.addAttribution('Natural Earth (world-atlas)');
    this.layer = L.layerGroup().addTo(this.map);
    this.index = null;
    this.onOpen = onOpen;
    this.map.on('moveend', () => this.draw());
    this.fitted = false;
  }

  /**
   * Loads the country outlines (files of this page): the coarse ones (1:110m, 8,000 points)
   * draw quickly for the first view; `refineBase` swaps in the detailed ones (1:50m, 80,000
   * points, about half a second of work) once the page is up.
   */
  async loadBase() {
    this.base = await outlines(coarseUrl);
    this.base.addTo(this.map);
    this.base.bringToBack();
  }

  async refineBase() {
    const detailed = await outlines(detailedUrl);
    detailed.addTo(this.map);
    detailed.bringToBack();
    this.base?.remove();
    this.base = detailed;
  }

  /** Shows `events` (summaries with lat/lon) instead of what was shown; returns how many have a place. */
  show(events) {
    const points = [];
    let south = 90;
    let north = -90;
    let west = 180;
    let east = -180;
    for (const e of events) {
      if (e.lat == null || e.lon == null) continue;
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
        properties: { id: e.id, type: e.event_type },
      });
      if (e.lat < south) south = e.lat;
      if (e.lat > north) north = e.lat;
      if (e.lon < west) west = e.lon;
      if (e.lon > east) east = e.lon;
    }
    this.index = new Supercluster({
      radius: 50, // pixels of a 256-pixel tile, as Leaflet draws them
      extent: 256,
      maxZoom: MAX_ZOOM - 1,
      minZoom: 2,
      // counts by type as flat properties (`n:Battles`): supercluster copies them shallowly
      map: (p) => ({ [`n:${p.type}`]: 1 }),
      reduce: (acc, p) => {
        for (const k in p) if (k.startsWith('n:')) acc[k] = (acc[k] ?? 0) + p[k];
      },
    }).load(points);
    const before = this.map.getBounds();
    const zoom = this.map.getZoom();
    if (!this.fitted && points.length) {
      this.fitted = true;
      this.map.fitBounds([[south, west], [north, east]], { padding: [20, 20], maxZoom: 8, animate: false });
    }
    // a view that moved has drawn through 'moveend' already
    if (this.map.getZoom() === zoom && this.map.getBounds().equals(before)) this.draw();
    return points.length;
  }

  /** Draws the clusters and markers of the current view. */
  draw() {
    if (!this.index) return;
    const b = this.map.getBounds().pad(0.1);
    const bbox = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -85), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 85)];
    const zoom = Math.round(this.map.getZoom());
    const markers = this.index.getClusters(bbox, zoom).map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      if (p.cluster) {
        const m = L.marker([lat, lon], { icon: clusterIcon(p), keyboard: false });
        m.on('click', () => {
          const z = Math.min(this.index.getClusterExpansionZoom(p.cluster_id), MAX_ZOOM);
          this.map.setView([lat, lon], z);
        });
        return m;
      }
      const m = L.marker([lat, lon], { icon: iconFor(p.type), keyboard: false, title: typeInfo(p.type).ar });
      m.on('click', () => this.onOpen(p.id));
      return m;
    });
    this.layer.clearLayers();
    for (const m of markers) this.layer.addLayer(m);
  }

  focus(lat, lon) {
    if (lat != null && lon != null) this.map.setView([lat, lon], Math.max(this.map.getZoom(), 7));
  }

  legend(types) {
    const control = L.control({ position: 'bottomleft' });
    control.onAdd = () =>
      el(
        'div',
        { class: 'legend', dir: 'rtl' },
        types.map((t) =>
          el('div', {}, el('i', { class: `swatch ${typeClass(t)}` }), ` ${typeInfo(t).ar} · `, el('span', { lang: 'en', class: 'en' }, t)),
        ),
      );
    control.addTo(this.map);
  }
}
