import fs from 'node:fs';
import path from 'node:path';

/** The property names an interface of types/public-api.ts declares (own and EntryBase's). */
export const declaredKeys = (name: string): string[] => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'types', 'public-api.ts'), 'utf8');
  const block = new RegExp(`export interface ${name}\\b([^{]*)\\{([\\s\\S]*?)\\n\\}`).exec(source);
  if (!block) throw new Error(`no interface ${name}`);
  const own = [...block[2].matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]);
  const base = /extends (?:Omit<)?(\w+)/.exec(block[1])?.[1];
  return base ? [...own, ...declaredKeys(base)] : own;
};
