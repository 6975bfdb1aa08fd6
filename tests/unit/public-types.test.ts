import path from 'node:path';
import ts from 'typescript';
import { declaredKeys } from '../helpers/public-types';

const ROOT = path.join(__dirname, '..', '..');

/** The compiler's errors for `file`, compiled with the tests' settings. */
const typeErrors = (file: string): string[] => {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tests', 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tests/tsconfig.json could not be read');
  // The whole program, as `npm run typecheck` compiles it: each type folder's contributions.ts
  // adds itself to the declarations' registry, which the schemas' enums are derived from.
  const program = ts.createProgram([...config.fileNames, path.join(__dirname, file)], {
    ...config.options,
    noEmit: true,
  });
  const source = program.getSourceFile(path.join(__dirname, file));
  if (!source) throw new Error(`${file} is not in the program`);
  return ts
    .getPreEmitDiagnostics(program, source)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
};

describe('types/public-api.ts', () => {
  it('matches the schemas the website endpoints are documented with (compiled here)', () => {
    expect(typeErrors('type-checks/public-types.ts')).toEqual([]);
  });

  it('the comparison refuses a drift (a search hit type the server does not send)', () => {
    expect(typeErrors('fixtures/drift/public-types.ts').join('\n')).toMatch(/not assignable/);
  });

  it('reads interface keys (the API test relies on it)', () => {
    expect(declaredKeys('Theme')).toEqual(
      expect.arrayContaining(['name', 'partnerships', 'id', 'documentId', 'slug', 'locale']),
    );
  });
});
