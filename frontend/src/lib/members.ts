export const SECTORS = [
  'VERWALTUNG',
  'WISSENSCHAFT',
  'SOZIALWESEN',
  'WOHNUNGSWIRTSCHAFT',
  'PROJEKTPRAXIS',
  'SONSTIGE',
] as const;
export type SectorName = (typeof SECTORS)[number];
export const isSector = (value: string): value is SectorName =>
  (SECTORS as readonly string[]).includes(value);
