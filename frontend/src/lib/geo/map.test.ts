import { describe, expect, it } from 'vitest';
import { MAP_HEIGHT, MAP_WIDTH, outlinePath, placePoints, project } from './map';

describe('map of Germany', () => {
  it('puts cities where they are: Hamburg north of Munich, Berlin east of Cologne', () => {
    const [hx, hy] = project(9.99, 53.55);
    const [mx, my] = project(11.58, 48.14);
    const [bx] = project(13.4, 52.52);
    const [kx] = project(6.96, 50.94);
    expect(hy).toBeLessThan(my);
    expect(bx).toBeGreaterThan(kx);
    for (const [x, y] of [project(9.99, 53.55), project(11.58, 48.14)]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
    }
    expect(hx).toBeLessThan(mx);
  });

  it('draws the outline from the shipped geodata inside the view box', () => {
    expect(outlinePath.startsWith('M')).toBe(true);
    const numbers = outlinePath.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(numbers.length).toBeGreaterThan(500);
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(Math.max(MAP_WIDTH, MAP_HEIGHT));
  });

  it('leaves out points outside Germany and sizes them by count', () => {
    const placed = placePoints([
      { id: 'a', label: 'Leipzig', href: '/', latitude: 51.34, longitude: 12.37, count: 1 },
      { id: 'b', label: 'Paris', href: '/', latitude: 48.85, longitude: 2.35, count: 4 },
      { id: 'c', label: 'Köln', href: '/', latitude: 50.94, longitude: 6.96, count: 9 },
    ]);
    expect(placed.map((p) => p.label)).toEqual(['Leipzig', 'Köln']);
    expect(placed[1]!.r).toBeGreaterThan(placed[0]!.r);
  });
});
