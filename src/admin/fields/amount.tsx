/**
 * The input of `global::montant` (src/content-manager/custom-fields.ts): an amount held in cents
 * (`2300050`) typed and shown in euros (« 23 000,50 »), converted as text, never through a float
 * (src/validation/money.ts). What is not an amount of euros is said at once and not stored.
 */
import { forwardRef, useState } from 'react';
import { useField } from '@strapi/strapi/admin';
import { Field, TextInput } from '@strapi/design-system';
import { frenchEuros, parseCents, parseEuros } from '../../validation/money';

interface AmountInputProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

export const AmountInput = forwardRef<HTMLDivElement, AmountInputProps>(
  ({ name, label, hint, required, disabled }, ref) => {
    const field = useField<string | number | null>(name);
    const stored = parseCents(field.value);
    // What is being typed; otherwise the stored amount, in euros.
    const [typed, setTyped] = useState<string | null>(null);
    const text = typed ?? (stored === null ? '' : frenchEuros(stored));
    const invalid = typed !== null && typed.trim() !== '' && parseEuros(typed) === null;
    return (
      <Field.Root
        name={name}
        hint={hint}
        error={
          invalid ? 'Un montant en euros, avec deux décimales au plus : 23 000 ou 23 000,50.' : field.error
        }
        required={required}
        ref={ref}
      >
        <Field.Label>{label}</Field.Label>
        <TextInput
          value={text}
          disabled={disabled}
          inputMode="decimal"
          placeholder="0,00"
          endAction={<span aria-hidden>€</span>}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
            const next = event.target.value;
            setTyped(next);
            const cents = parseEuros(next);
            if (next.trim() === '') field.onChange(name, null);
            else if (cents !== null) field.onChange(name, cents.toString());
          }}
          onBlur={() => {
            if (!invalid) setTyped(null);
          }}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  },
);

export default AmountInput;
