/**
 * « Déclaration e-APD »: the official development assistance of a fiscal year, as the national form
 * asks for it (totals by category and by recipient country, with the lines behind each total and the
 * lines left out, and why), with the CSV for a spreadsheet. Read from /admin/mission/e-apd/{year}
 * (src/api/export/admin-routes.ts): for staff who may publish funding lines.
 */
import { useEffect, useState } from 'react';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Main, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { euroText } from '../../validation/money';

interface Line {
  documentId: string;
  title: string;
  amountCents: string;
  category: string;
  categoryLabel: string;
  country: { isoCode: string; name: string } | null;
  beneficiary: string | null;
  declared: boolean;
  exclusion: { reason: string; label: string } | null;
}
interface Total {
  amountCents: string;
  lineCount: number;
}
interface Declaration {
  year: number;
  lines: Line[];
  totals: {
    declared: Total;
    excluded: Total;
    byCategory: Array<{ category: string; label: string } & Total>;
    byCountry: Array<{ isoCode: string | null; name: string } & Total>;
  };
}

/** Cents as euros in French: "1 234 567,89 €" (exact: through BigInt, never a float). */
export const euros = (cents: string): string => euroText(BigInt(cents));

const FIRST_YEAR = 2000;

const LinesTable = ({ lines, caption }: { lines: Line[]; caption: string }) => (
  <Table colCount={4} rowCount={lines.length + 1} aria-label={caption}>
    <Thead>
      <Tr>
        <Th>
          <Typography variant="sigma">Objet</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Pays</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Montant</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Motif</Typography>
        </Th>
      </Tr>
    </Thead>
    <Tbody>
      {lines.map((line) => (
        <Tr key={line.documentId}>
          <Td>
            <Typography>{line.title}</Typography>
          </Td>
          <Td>
            <Typography>{line.country?.name ?? '—'}</Typography>
          </Td>
          <Td>
            <Typography>{euros(line.amountCents)}</Typography>
          </Td>
          <Td>
            <Typography>{line.exclusion?.label ?? line.categoryLabel}</Typography>
          </Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);

const TotalsTable = ({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<{ key: string; label: string; total: Total }>;
}) => (
  <Table colCount={3} rowCount={rows.length + 1} aria-label={caption}>
    <Thead>
      <Tr>
        <Th>
          <Typography variant="sigma">{caption}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Lignes</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">Montant</Typography>
        </Th>
      </Tr>
    </Thead>
    <Tbody>
      {rows.map((row) => (
        <Tr key={row.key}>
          <Td>
            <Typography>{row.label}</Typography>
          </Td>
          <Td>
            <Typography>{row.total.lineCount}</Typography>
          </Td>
          <Td>
            <Typography>{euros(row.total.amountCents)}</Typography>
          </Td>
        </Tr>
      ))}
    </Tbody>
  </Table>
);

export const DeclarationPage = () => {
  const { get } = useFetchClient();
  // The campaign declares the previous year.
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [declaration, setDeclaration] = useState<Declaration | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setDeclaration(null);
    setError(null);
    get<{ data: Declaration }>(`/admin/mission/e-apd/${year}`)
      .then(({ data }) => {
        if (current) setDeclaration(data.data);
      })
      .catch(() => {
        if (current) setError('La déclaration n’a pas pu être lue. Réessayez dans un instant.');
      });
    return () => {
      current = false;
    };
  }, [get, year]);

  const download = async () => {
    const { data } = await get<Blob>(`/admin/mission/e-apd/${year}.csv`, { responseType: 'blob' });
    const url = URL.createObjectURL(data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `declaration-e-apd-${year}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  const years = Array.from(
    { length: new Date().getFullYear() - FIRST_YEAR + 1 },
    (_, index) => FIRST_YEAR + index,
  ).reverse();
  const excluded = declaration?.lines.filter((line) => !line.declared) ?? [];

  return (
    <Main>
      <Layouts.Header
        title={`Déclaration e-APD ${year}`}
        subtitle="L’aide publique au développement versée dans l’exercice, à déclarer sur la plateforme de la CNCD (art. L1115-6 du CGCT)."
        primaryAction={
          <Button onClick={() => void download()} disabled={!declaration}>
            Télécharger le tableur (CSV)
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box>
            <label htmlFor="e-apd-year">
              <Typography variant="pi" fontWeight="bold">
                Exercice
              </Typography>
            </label>{' '}
            <select id="e-apd-year" value={year} onChange={(event) => setYear(Number(event.target.value))}>
              {years.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </Box>
          {error && (
            <Typography role="alert" textColor="danger600">
              {error}
            </Typography>
          )}
          {!declaration && !error && <Typography>Lecture des lignes de financement…</Typography>}
          {declaration && (
            <>
              <Typography variant="beta" tag="h2">
                Total déclaré : {euros(declaration.totals.declared.amountCents)} (
                {declaration.totals.declared.lineCount} lignes)
              </Typography>
              <TotalsTable
                caption="Par catégorie"
                rows={declaration.totals.byCategory.map((total) => ({
                  key: total.category,
                  label: total.label,
                  total,
                }))}
              />
              <TotalsTable
                caption="Par pays bénéficiaire"
                rows={declaration.totals.byCountry.map((total) => ({
                  key: total.isoCode ?? '-',
                  label: total.name,
                  total,
                }))}
              />
              {declaration.totals.byCategory.map((total) => (
                <Box key={total.category}>
                  <Typography variant="delta" tag="h3">
                    {total.label} — {euros(total.amountCents)}
                  </Typography>
                  <LinesTable
                    caption={total.label}
                    lines={declaration.lines.filter(
                      (line) => line.declared && line.category === total.category,
                    )}
                  />
                </Box>
              ))}
              <Box>
                <Typography variant="delta" tag="h3">
                  Lignes exclues — {euros(declaration.totals.excluded.amountCents)}
                </Typography>
                {excluded.length === 0 ? (
                  <Typography>Aucune ligne exclue.</Typography>
                ) : (
                  <LinesTable caption="Lignes exclues" lines={excluded} />
                )}
              </Box>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Main>
  );
};

export default DeclarationPage;
