export declare function normalizeName(text: string): string;
