// The map: country outlines from the world-atlas package (no tile server), event markers
// clustered with leaflet.markercluster and coloured by event type.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { el } from './dom.js';
import { typeClass, typeInfo } from './labels.js';

const icons = new Map();
function iconFor(type) {
  const cls = typeClass(type);
  if (!icons.has(cls)) {
    icons.set(cls, L.divIcon({ className: `ev-marker ${cls}`, iconSize: [14, 14] }));
  }
  return icons.get(cls);
}

function clusterIcon(cluster) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) {
    counts.set(m.options.eventType, (counts.get(m.options.eventType) ?? 0) + 1);
  }
  let top = '';
  let best = -1;
  for (const [t, n] of counts) if (n > best) [top, best] = [t, n];
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
  return L.divIcon({
    html: el('span', {}, String(n)),
    className: `ev-cluster ${typeClass(top)}${counts.size > 1 ? ' mixed' : ''}`,
    iconSize: [size, size],
  });
}

export class EventMap {
  constructor(node, onOpen) {
    this.map = L.map(node, { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 13 });
    this.map.setView([31, 40], 5);
    this.map.attributionControl.addAttribution('Natural Earth (world-atlas)');
    this.clusters = L.markerClusterGroup({
      // synchronous: the page is ready when every marker is in its cluster (10,000 take ~0.2 s)
      chunkedLoading: false,
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: clusterIcon,
    });
    this.clusters.on('click', (e) => onOpen(e.layer.options.eventId));
    this.map.addLayer(this.clusters);
    this.fitted = false;
  }

  /** Loads the country outlines (a file of this page, fetched once). */
  async loadBase() {
    const topo = await (await fetch(countriesUrl)).json();
    const land = feature(topo, topo.objects.countries);
    L.geoJSON(land, {
      interactive: false,
      style: { color: '#8a8f98', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1 },
    }).addTo(this.map);
    this.clusters.bringToFront?.();
  }

  /** Shows `events` (summaries with lat/lon) instead of what was shown. */
  show(events) {
    this.clusters.clearLayers();
    const markers = [];
    for (const e of events) {
      if (e.lat == null || e.lon == null) continue;
      const m = L.marker([e.lat, e.lon], {
        icon: iconFor(e.event_type),
        eventId: e.id,
        eventType: e.event_type,
        keyboard: false,
        title: typeInfo(e.event_type).ar,
      });
      markers.push(m);
    }
    this.clusters.addLayers(markers);
    if (!this.fitted && markers.length) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
      this.fitted = true;
    }
    return markers.length;
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
