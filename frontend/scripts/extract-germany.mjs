#!/usr/bin/env node
// Writes src/lib/geo/germany.json: Germany's outline (Natural Earth 1:50m, from the world-atlas package) as
// rings of [longitude, latitude] rounded to 0.01°. Run once when the source changes; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const [sx, sy] = topology.transform.scale;
const [tx, ty] = topology.transform.translate;

// Delta-decoded, de-quantised arcs.
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

const germany = topology.objects.countries.geometries.find((g) => g.properties?.name === 'Germany');
if (!germany) throw new Error('Germany not found in world-atlas');

function ring(indexes) {
  const points = [];
  for (const index of indexes) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  // Round and drop repeated points: enough detail for a map a few hundred pixels tall.
  const rounded = [];
  for (const [lon, lat] of points) {
    const point = [Math.round(lon * 100) / 100, Math.round(lat * 100) / 100];
    const last = rounded.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) rounded.push(point);
  }
  return rounded;
}

const polygons = germany.type === 'Polygon' ? [germany.arcs] : germany.arcs;
const rings = polygons.flatMap((polygon) => polygon.map(ring)).filter((r) => r.length > 3);
const out = path.resolve(import.meta.dirname, '../src/lib/geo/germany.json');
writeFileSync(
  out,
  `${JSON.stringify({ source: 'Natural Earth 1:50m via world-atlas 2.0.2 (public domain)', rings })}\n`,
);
console.log(`wrote ${rings.length} rings, ${rings.reduce((n, r) => n + r.length, 0)} points to ${out}`);
