/**
 * The input of `global::choix` (src/content-manager/custom-fields.ts): an enumeration chosen by its
 * French label, its value stored as it is. The labels come from public/portail/choix.js, shared
 * with the association portal and the README.
 */
import { forwardRef } from 'react';
import { useField } from '@strapi/strapi/admin';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { labelOf } from './labels';

interface ChoiceInputProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  attribute: { enum?: string[] };
}

export const ChoiceInput = forwardRef<HTMLDivElement, ChoiceInputProps>(
  ({ name, label, hint, required, disabled, attribute }, ref) => {
    const field = useField<string | null>(name);
    const attributeName = name.split('.').at(-1) ?? name;
    return (
      <Field.Root name={name} hint={hint} error={field.error} required={required} ref={ref}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect
          value={field.value ?? undefined}
          disabled={disabled}
          placeholder="Choisir…"
          onChange={(value: string | number) => field.onChange(name, String(value))}
          onClear={required ? undefined : () => field.onChange(name, null)}
        >
          {(attribute.enum ?? []).map((value) => (
            <SingleSelectOption key={value} value={value}>
              {labelOf(attributeName, value)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  },
);

export default ChoiceInput;
