// A histogram of events by day (or by week or month when the range is long); dragging across
// it selects a range of days, a click without a drag clears the selection.
import { el, svg } from './dom.js';

const DAY = 86400000;
const W = 1000;
const H = 110;
const PAD = { l: 34, r: 8, t: 8, b: 22 };

const toDay = (s) => Date.parse(`${s}T00:00:00Z`);
const fmt = (t) => new Date(t).toISOString().slice(0, 10);

export class Timeline {
  constructor(node, onBrush) {
    this.node = node;
    this.onBrush = onBrush;
    this.range = null;
  }

  /** Draws `events` (with `date`); keeps the selection if it still lies inside. */
  draw(events) {
    this.node.replaceChildren();
    const days = events.map((e) => toDay(e.date)).filter((t) => !Number.isNaN(t));
    if (!days.length) {
      this.node.append(el('p', { class: 'empty' }, 'لا أحداث · No events'));
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const t of days) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const span = (max - min) / DAY + 1;
    const step = span <= 180 ? 1 : span <= 1300 ? 7 : 30;
    const nbins = Math.ceil(span / step);
    const bins = new Array(nbins).fill(0);
    for (const t of days) bins[Math.floor((t - min) / DAY / step)] += 1;
    const top = Math.max(...bins);
    const iw = W - PAD.l - PAD.r;
    const ih = H - PAD.t - PAD.b;
    const bw = iw / nbins;
    const x = (t) => PAD.l + ((t - min) / DAY / step) * bw;
    this.scale = { min, step, bw, nbins };

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', 'aria-label': 'Events by day' });
    root.append(svg('text', { x: 2, y: PAD.t + 8, class: 'axis' }, String(top)));
    bins.forEach((n, i) => {
      if (!n) return;
      const h = (n / top) * ih;
      const t0 = min + i * step * DAY;
      root.append(
        svg('rect', { class: 'bar', x: PAD.l + i * bw, y: PAD.t + ih - h, width: Math.max(bw - 1, 1), height: h, 'data-day': fmt(t0) },
          svg('title', {}, `${fmt(t0)}${step > 1 ? ` (+${step - 1})` : ''}: ${n}`)),
      );
    });
    root.append(svg('line', { x1: PAD.l, x2: W - PAD.r, y1: PAD.t + ih, y2: PAD.t + ih, class: 'base' }));
    const ticks = Math.min(6, Math.max(span - 1, 0));
    for (let k = 0; k <= ticks; k++) {
      const t = min + Math.round(((span - 1) * k) / (ticks || 1)) * DAY;
      root.append(svg('text', { x: x(t), y: H - 6, class: 'axis', 'text-anchor': k === 0 ? 'start' : k === ticks ? 'end' : 'middle' }, fmt(t)));
    }
    const sel = svg('rect', { class: 'brush', x: 0, y: PAD.t, width: 0, height: ih, visibility: 'hidden' });
    const overlay = svg('rect', { class: 'overlay', x: PAD.l, y: 0, width: iw, height: H });
    root.append(sel, overlay);
    this.sel = sel;
    this.node.append(root);
    this.attach(root, overlay, x, iw);
    if (this.range) this.paint(x);
  }

  attach(root, overlay, x, iw) {
    const toSvgX = (ev) => {
      const r = root.getBoundingClientRect();
      return ((ev.clientX - r.left) / r.width) * W;
    };
    const clamp = (v) => Math.min(Math.max(v, PAD.l), PAD.l + iw);
    const dayAt = (sx) => {
      const { min, step, bw } = this.scale;
      return min + Math.floor((clamp(sx) - PAD.l) / bw) * step * DAY;
    };
    let start = null;
    overlay.addEventListener('pointerdown', (ev) => {
      start = toSvgX(ev);
      overlay.setPointerCapture(ev.pointerId);
    });
    overlay.addEventListener('pointermove', (ev) => {
      if (start === null) return;
      const a = clamp(Math.min(start, toSvgX(ev)));
      const b = clamp(Math.max(start, toSvgX(ev)));
      this.sel.setAttribute('x', a);
      this.sel.setAttribute('width', b - a);
      this.sel.setAttribute('visibility', 'visible');
    });
    overlay.addEventListener('pointerup', (ev) => {
      if (start === null) return;
      const end = toSvgX(ev);
      const moved = Math.abs(end - start) > 3;
      const a = dayAt(Math.min(start, end));
      const b = dayAt(Math.max(start, end)) + (this.scale.step - 1) * DAY;
      start = null;
      this.range = moved ? [fmt(a), fmt(b)] : null;
      this.paint(x);
      this.onBrush(this.range);
    });
  }

  paint(x) {
    if (!this.range) {
      this.sel.setAttribute('visibility', 'hidden');
      return;
    }
    const a = x(toDay(this.range[0]));
    const b = x(toDay(this.range[1]) + DAY);
    this.sel.setAttribute('x', a);
    this.sel.setAttribute('width', Math.max(b - a, 1));
    this.sel.setAttribute('visibility', 'visible');
  }

  clear() {
    this.range = null;
    if (this.sel) this.sel.setAttribute('visibility', 'hidden');
  }
}
