import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsFrom, useFormErrors, type Validated } from './errors.ts';

interface SubmitOptions<T> {
  /** Success takes the person elsewhere: the button stays disabled until the page goes. */
  leaves?: boolean;
  /** Runs before the server's errors are shown, for a page that answers one error specially. */
  onError?: (error: unknown, data: T) => void;
}

/**
 * A form's errors and its submit: invalid input is shown and not sent; valid input is sent
 * with the button disabled meanwhile, and the server's errors show like our own.
 */
export function useFormSubmit() {
  const { t } = useTranslation();
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);

  const submit = async <T>(
    checked: Validated<T>,
    send: (data: T) => Promise<void>,
    { leaves = false, onError }: SubmitOptions<T> = {},
  ) => {
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await send(checked.data);
      if (!leaves) setBusy(false);
    } catch (error) {
      onError?.(error, checked.data);
      setErrors(errorsFrom(error, t));
      setBusy(false);
    }
  };

  return { errors, setErrors, fieldId, busy, submit };
}
