// The one source of the labels, shared with the association portal and the README.
import { CHOICES } from '../../../public/portail/choix.js';

/** The French label of a value of an enumeration (the value itself when it has none). */
export const labelOf = (attribute: string, value: unknown): string =>
  typeof value === 'string' ? (CHOICES[attribute]?.[value] ?? value) : '';

/** Whether the labels know this enumeration. */
export const hasLabels = (attribute: string): boolean => attribute in CHOICES;
