export declare const REQUIRED_SHARE: number;
export declare function descriptionCoverage(sdl: string): {
  total: number;
  described: number;
  share: number;
  missing: string[];
};
