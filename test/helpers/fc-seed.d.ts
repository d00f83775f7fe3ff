declare const seed: string;
export default seed;
