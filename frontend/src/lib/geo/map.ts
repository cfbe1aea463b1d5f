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
  label: string;
  href: string;
  latitude: number;
  longitude: number;
  count: number;
}

/** Points inside the map, with a radius growing with the square root of the count. */
export function placePoints(points: MapPoint[]) {
  return points
    .filter((p) => p.longitude >= WEST && p.longitude <= EAST && p.latitude >= SOUTH && p.latitude <= NORTH)
    .map((p) => {
      const [x, y] = project(p.longitude, p.latitude);
      return { ...p, x, y, r: Math.round((3 + Math.sqrt(p.count) * 2.5) * 10) / 10 };
    });
}
