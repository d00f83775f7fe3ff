/**
 * US states, DC and Puerto Rico, and Canadian provinces and territories, by postal code: the
 * place search reads them after a town's name ("Springfield, IL"), and the overdose card reads a
 * finder's `place-region` as the country they are in.
 */
export const REGION_COUNTRY: ReadonlyMap<string, 'US' | 'CA'> = new Map([
  ...'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'
    .split(' ')
    .map((code) => [code, 'US'] as const),
  ...'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ').map((code) => [code, 'CA'] as const),
]);
