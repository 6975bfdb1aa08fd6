/**
 * The input of `global::date-partielle` (src/content-manager/custom-fields.ts): a date known to the
 * year, the month or the day, stored as `2010`, `2011-05` or `2011-05-14` as before. Staff choose
 * the precision, then the year, the month and the day it asks for. An end date before the start
 * date (compared at the precision both share, src/validation/partial-dates.ts) is said at once,
 * before saving; the server refuses it anyway.
 */
import { forwardRef, useState } from 'react';
import { useField, useForm } from '@strapi/strapi/admin';
import { Field, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { daysInMonth, isBefore, parsePartialDate } from '../../validation/partial-dates';
import { MONTHS } from '../../../public/portail/choix.js';

type Precision = 'year' | 'month' | 'day';

const PRECISIONS: Array<[Precision, string]> = [
  ['year', 'Année seulement'],
  ['month', 'Mois et année'],
  ['day', 'Jour précis'],
];

interface PartialDateInputProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The value of `path` in the form's values (`a.b.c`). */
const valueAt = (values: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (current, key) =>
        current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
      values,
    );

export const PartialDateInput = forwardRef<HTMLDivElement, PartialDateInputProps>(
  ({ name, label, hint, required, disabled }, ref) => {
    const field = useField<string | null>(name);
    const value = typeof field.value === 'string' && field.value !== '' ? field.value : null;
    const parsed = value ? parsePartialDate(value) : null;
    // What staff chose or are typing; otherwise what the stored value says (it arrives after the
    // first render, and changes when another locale's value is copied in).
    const [chosenPrecision, setPrecision] = useState<Precision | null>(null);
    const [typedYear, setYearText] = useState<string | null>(null);
    const precision: Precision =
      chosenPrecision ?? (parsed?.day !== undefined ? 'day' : parsed?.month !== undefined ? 'month' : 'year');
    const yearText = typedYear ?? (parsed ? String(parsed.year) : '');
    const month = parsed?.month ?? 1;
    const day = parsed?.day ?? 1;

    // The end of a range is checked against its start as soon as either is typed.
    const segments = name.split('.');
    const isEnd = segments.at(-1) === 'endDate';
    const startPath = [...segments.slice(0, -1), 'startDate'].join('.');
    const start = useForm('PartialDateInput', (form) =>
      isEnd ? valueAt(form.values, startPath) : undefined,
    );
    const beforeStart =
      isEnd && value && typeof start === 'string' && start !== '' && isBefore(value, start)
        ? `La fin (${value}) ne peut pas précéder le début (${start}).`
        : undefined;

    const write = (next: { precision?: Precision; year?: string; month?: number; day?: number }): void => {
      const nextPrecision = next.precision ?? precision;
      const year = next.year ?? yearText;
      if (!/^\d{4}$/.test(year)) {
        field.onChange(name, year === '' ? null : year);
        return;
      }
      const nextMonth = next.month ?? month;
      const nextDay = Math.min(next.day ?? day, daysInMonth(Number(year), nextMonth));
      field.onChange(
        name,
        nextPrecision === 'year'
          ? year
          : nextPrecision === 'month'
            ? `${year}-${pad(nextMonth)}`
            : `${year}-${pad(nextMonth)}-${pad(nextDay)}`,
      );
    };

    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    const days = year ? daysInMonth(year, month) : 31;

    return (
      <Field.Root name={name} hint={hint} error={beforeStart ?? field.error} required={required} ref={ref}>
        <Field.Label>{label}</Field.Label>
        <Flex gap={2} alignItems="flex-start" wrap="wrap">
          <SingleSelect
            aria-label={`${label} : précision`}
            value={precision}
            disabled={disabled}
            onChange={(next: string | number) => {
              setPrecision(next as Precision);
              write({ precision: next as Precision });
            }}
          >
            {PRECISIONS.map(([option, text]) => (
              <SingleSelectOption key={option} value={option}>
                {text}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          {precision === 'day' && (
            <SingleSelect
              aria-label={`${label} : jour`}
              value={String(day)}
              disabled={disabled || !year}
              onChange={(next: string | number) => write({ day: Number(next) })}
            >
              {Array.from({ length: days }, (_, index) => (
                <SingleSelectOption key={index + 1} value={String(index + 1)}>
                  {String(index + 1)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          )}
          {precision !== 'year' && (
            <SingleSelect
              aria-label={`${label} : mois`}
              value={String(month)}
              disabled={disabled || !year}
              onChange={(next: string | number) => write({ month: Number(next) })}
            >
              {MONTHS.map((text, index) => (
                <SingleSelectOption key={text} value={String(index + 1)}>
                  {text}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          )}
          <TextInput
            aria-label={`${label} : année`}
            placeholder="AAAA"
            inputMode="numeric"
            maxLength={4}
            value={yearText}
            disabled={disabled}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
              const text = event.target.value.replace(/\D/g, '').slice(0, 4);
              setYearText(text);
              write({ year: text });
            }}
          />
        </Flex>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  },
);

export default PartialDateInput;
