export declare const ALPHABET: string;
export declare function encodeNumbers(values: readonly number[]): string;
export declare function decodeNumbers(text: string): number[];
export declare const zigzag: (n: number) => number;
export declare const unzigzag: (n: number) => number;
export declare const encodePopulation: (population: number) => number;
export declare const decodePopulation: (code: number) => number;
export declare function rankDistance(lat: number, lng: number, lat2: number, lng2: number): number;
