import { SECRET_NAMES } from '../../src/platform/secrets';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });

describe('.env.example', () => {
  it('lists, with a comment, every variable the code reads', () => {
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
    // A variable is documented when the nearest line above it that is not another variable is a comment.
    const documented = new Map<string, boolean>();
    example.forEach((line, index) => {
      const match = /^([A-Z][A-Z0-9_]*)=/.exec(line);
      if (!match) return;
      let above = index - 1;
      while (above >= 0 && /^[A-Z][A-Z0-9_]*=/.test(example[above])) above -= 1;
      documented.set(match[1], above >= 0 && example[above].startsWith('#'));
    });

    const used = new Set<string>();
    for (const file of [
      ...sourceFiles('config'),
      ...sourceFiles('src'),
      ...sourceFiles('database'),
      ...sourceFiles('tests'),
    ]) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/env(?:\.(?:int|bool|float|array|json))?\('([A-Z][A-Z0-9_]*)'/g))
        used.add(match[1]);
      for (const match of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) used.add(match[1]);
    }
    // The secrets are read by name from a list.
    for (const name of SECRET_NAMES) used.add(name);
    // Set by the test harness for the tests themselves, not configuration.
    for (const internal of ['TEST_BASE_URL', 'TEST_FULL_ACCESS_TOKEN', 'TEST_PROBE_URL', 'TEST_ADMIN_TOKEN'])
      used.delete(internal);

    const missing = [...used].filter((name) => !documented.has(name)).sort();
    expect(missing).toEqual([]);
    const uncommented = [...used].filter((name) => documented.get(name) === false).sort();
    expect(uncommented).toEqual([]);
  });
});
