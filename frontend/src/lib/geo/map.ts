// Germany in SVG coordinates: an equirectangular projection scaled by cos(51°) so that the country keeps
// its shape. The outline is shipped (germany.json, Natural Earth 1:50m); no tile server is involved.
import germany from './germany.json';

const WEST = 5.6;
const EAST = 15.3;
const SOUTH = 47.1;
const NORTH = 55.2;
const SCALE = 60; // SVG units per degree of latitude
const COS = Math.cos((51 * Math.PI) / 180);

export const MAP_WIDTH = Math.round((EAST - WEST) * COS * SCALE);
export const MAP_HEIGHT = Math.round((NORTH - SOUTH) * SCALE);

/** [x, y] in the map's viewBox for a longitude and latitude. */
export function project(longitude: number, latitude: number): [number, number] {
  return [
    Math.round((longitude - WEST) * COS * SCALE * 10) / 10,
    Math.round((NORTH - latitude) * SCALE * 10) / 10,
  ];
}

/** The SVG path of Germany's outline, computed once. */
export const outlinePath: string = (germany.rings as number[][][])
  .map((ring) => `M${ring.map(([lon, lat]) => project(lon!, lat!).join(',')).join('L')}Z`)
  .join('');

export interface MapPoint {
  id: string;
  /** What a screen reader says for the point ("Leipzig: 4 Projekte"). */
  label: string;
  /** The name written beside the point on the map, for the points that get one. */
  name?: string;
  href: string;
  latitude: number;
  longitude: number;
  count: number;
}

/**
 * Points inside the map, with an area growing with the count: from 4 units for the fewest to 12 for the most,
 * so that the difference shows even when counts are close (1 to 3 projects).
 */
export function placePoints(points: MapPoint[]) {
  const inside = points.filter(
    (p) => p.longitude >= WEST && p.longitude <= EAST && p.latitude >= SOUTH && p.latitude <= NORTH,
  );
  const most = Math.max(1, ...inside.map((p) => p.count));
  return inside.map((p) => {
    const [x, y] = project(p.longitude, p.latitude);
    const r = 4 + 8 * Math.sqrt(Math.max(0, p.count) / most);
    return { ...p, x, y, r: Math.round(r * 10) / 10 };
  });
}

export interface MapLabel {
  id: string;
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

/** About how wide a label of `text` is in the map's units (font size 11, a sans-serif average). */
const labelWidth = (text: string) => text.length * 6.2;
const LABEL_HEIGHT = 12;

/**
 * Names for the points that matter most — the chosen ones first, then by count — beside their circle (to the
 * left where the right runs out of map), skipping any that would cover another label or a larger circle.
 */
export function labelPoints(
  placed: (MapPoint & { x: number; y: number; r: number })[],
  options: { max: number; always?: readonly string[] },
): MapLabel[] {
  const always = new Set(options.always ?? []);
  const order = [...placed]
    .filter((p) => p.name)
    .sort((a, b) => Number(always.has(b.id)) - Number(always.has(a.id)) || b.count - a.count);
  const boxes: { left: number; right: number; top: number; bottom: number }[] = [];
  const labels: MapLabel[] = [];
  const overlaps = (box: (typeof boxes)[number]) =>
    boxes.some((o) => box.left < o.right && box.right > o.left && box.top < o.bottom && box.bottom > o.top) ||
    placed.some(
      (p) =>
        p.r >= 6 &&
        p.x + p.r > box.left &&
        p.x - p.r < box.right &&
        p.y + p.r > box.top &&
        p.y - p.r < box.bottom,
    );
  for (const point of order) {
    if (labels.length >= options.max && !always.has(point.id)) break;
    const width = labelWidth(point.name!);
    const right = point.x + point.r + 3 + width <= MAP_WIDTH;
    const left = right ? point.x + point.r + 3 : point.x - point.r - 3 - width;
    const box = {
      left,
      right: left + width,
      top: point.y - LABEL_HEIGHT / 2,
      bottom: point.y + LABEL_HEIGHT / 2,
    };
    if (!always.has(point.id) && overlaps(box)) continue;
    boxes.push(box);
    labels.push({
      id: point.id,
      text: point.name!,
      x: right ? box.left : box.right,
      y: point.y + 4,
      anchor: right ? 'start' : 'end',
    });
  }
  return labels;
}
