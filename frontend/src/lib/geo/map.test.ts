import { describe, expect, it } from 'vitest';
import { MAP_HEIGHT, MAP_WIDTH, labelPoints, outlinePath, placePoints, project } from './map';

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

  it('names the biggest and the chosen points without labels covering each other', () => {
    const placed = placePoints([
      { id: 'b', label: 'Berlin', name: 'Berlin', href: '/', latitude: 52.52, longitude: 13.4, count: 9 },
      { id: 'p', label: 'Potsdam', name: 'Potsdam', href: '/', latitude: 52.39, longitude: 13.06, count: 2 },
      { id: 'h', label: 'Hamburg', name: 'Hamburg', href: '/', latitude: 53.55, longitude: 9.99, count: 5 },
      { id: 'm', label: 'München', name: 'München', href: '/', latitude: 48.14, longitude: 11.58, count: 1 },
    ]);
    const labels = labelPoints(placed, { max: 2 });
    expect(labels.map((l) => l.text)).toEqual(['Berlin', 'Hamburg']);
    // Chosen ones are always named, even past the maximum.
    expect(labelPoints(placed, { max: 2, always: ['m'] }).map((l) => l.text)).toContain('München');
    // Berlin's label would run off the map's right edge: it goes to the left of its circle.
    const berlin = labels.find((l) => l.id === 'b')!;
    expect(berlin.x).toBeLessThanOrEqual(MAP_WIDTH);
  });
});
