/** public/portail/choix.js, a browser module checked by its JSDoc (src/portal/tsconfig.public.json). */
declare module '*/portail/choix.js' {
  export const CHOICES: Record<string, Record<string, string>>;
  export const MONTHS: string[];
  export const choicesOf: (attribute: string) => Array<[string, string]>;
}
