import type { DocumentData, FieldError } from './field-errors';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A date of known precision: "2010", "2011-05" or "2011-05-14" (ISO 8601 reduced precision).
 * The source text often gives only a year or a month, and the model does not invent a day.
 * Returns null when the value is not such a date on the calendar.
 */
/** How many days month `month` (1–12) of `year` has. */
export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

export const parsePartialDate = (value: string): { year: number; month?: number; day?: number } | null => {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (day !== undefined && month !== undefined) {
    if (day < 1 || day > daysInMonth(year, month)) return null;
  }
  return { year, month, day };
};

/**
 * Whether `end` is before `start`, compared at the precision both share: "2011" is not before
 * "2011-05" (the end may be any day of 2011), "2010-12" is before "2011".
 */
export const isBefore = (end: string, start: string): boolean => {
  const length = Math.min(end.length, start.length);
  return end.slice(0, length) < start.slice(0, length);
};

const isPresent = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Checks partial-date fields on the calendar. */
export const partialDateErrors = (data: DocumentData, fields: string[]): FieldError[] =>
  fields
    .filter((field) => isPresent(data[field]) && parsePartialDate(data[field]) === null)
    .map((field) => ({
      path: [field],
      message: `${field} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
    }));

/** Checks `startDate` and `endDate`: each a real partial date, the end not before the start. */
export const dateRangeErrors = (data: DocumentData): FieldError[] => {
  const problems = partialDateErrors(data, ['startDate', 'endDate']);
  const { startDate, endDate } = data;
  if (problems.length === 0 && isPresent(startDate) && isPresent(endDate) && isBefore(endDate, startDate)) {
    problems.push({ path: ['endDate'], message: 'endDate must not be before startDate' });
  }
  return problems;
};
