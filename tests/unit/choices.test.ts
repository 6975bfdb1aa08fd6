import fs from 'node:fs';
import path from 'node:path';

/**
 * The French labels of the enumerations (public/portail/choix.js) are the one source the admin
 * panel, the association portal and the README share: every value of every enumeration of the
 * schemas has one, every enumeration uses the labelled custom field, and the README lists them as
 * they are.
 */

const ROOT = path.join(__dirname, '..', '..');

/** The labels, read from the browser module (written as JSON between its export and its end). */
export const readChoices = (): Record<string, Record<string, string>> => {
  const source = fs.readFileSync(path.join(ROOT, 'public', 'portail', 'choix.js'), 'utf8');
  const start = source.indexOf('export const CHOICES = ') + 'export const CHOICES = '.length;
  const end = source.indexOf('\n};', start) + 2;
  return JSON.parse(source.slice(start, end)) as Record<string, Record<string, string>>;
};

interface Attribute {
  type: string;
  customField?: string;
  enum?: string[];
}

const enumerations = (): Array<[where: string, name: string, attribute: Attribute]> => {
  const api = path.join(ROOT, 'src', 'api');
  return fs.readdirSync(api).flatMap((folder) => {
    const file = path.join(api, folder, 'content-types', folder, 'schema.json');
    if (!fs.existsSync(file)) return [];
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { attributes: Record<string, Attribute> };
    return Object.entries(schema.attributes)
      .filter(([, attribute]) => Array.isArray(attribute.enum))
      .map(([name, attribute]): [string, string, Attribute] => [folder, name, attribute]);
  });
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row of the README's table of labels, whatever the padding Prettier gives its columns. */
const rowOf = (name: string, value: string, label: string): RegExp =>
  new RegExp(
    `^\\|\\s*\`${escape(name)}\`\\s*\\|\\s*\`${escape(value)}\`\\s*\\|\\s*${escape(label)}\\s*\\|$`,
    'm',
  );

describe('the French labels of the enumerations', () => {
  const choices = readChoices();

  it('there are enumerations to label', () => {
    expect(enumerations().length).toBeGreaterThan(10);
  });

  it.each(enumerations())('%s.%s: the labelled field, and a label for every value', (_, name, attribute) => {
    expect(attribute).toMatchObject({ type: 'customField', customField: 'global::choix' });
    const labels = choices[name] ?? {};
    expect((attribute.enum ?? []).filter((value) => !labels[value])).toEqual([]);
  });

  it('the README lists every label as it is', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const missing = Object.entries(choices).flatMap(([name, labels]) =>
      Object.entries(labels)
        .filter(([value, label]) => !rowOf(name, value, label).test(readme))
        .map(([value]) => `${name}.${value}`),
    );
    expect(missing).toEqual([]);
  });
});
