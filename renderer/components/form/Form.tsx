// A form built with useContractForm: the <form> (no browser validation: the schema's messages
// are better), the error summary at its top and the context its Fields read their errors from.
import type { FormHTMLAttributes, ReactNode } from 'react';
import { FormProvider, type FieldValues } from 'react-hook-form';
import type { ChannelName } from '../../../shared/contract/index';
import type { ContractForm } from './use-contract-form';
import { ErrorSummary } from './ErrorSummary';
import { FieldIdPrefix, PendingWork } from './field-id';
import { FormLayout } from './FormLayout';

export function Form<C extends ChannelName, V extends FieldValues, P>({
  of,
  heading,
  actions,
  children,
  className,
  ...attributes
}: {
  of: ContractForm<C, V, P>;
  /** Shown above the error summary (a form's own heading). */
  heading?: ReactNode;
  /** The Save bar of a long form: kept below the fields' scrolling region, never over a field. */
  actions?: ReactNode;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate' | 'children'>) {
  return (
    <FormProvider {...of.form}>
      <FieldIdPrefix.Provider value={of.idPrefix}>
        <PendingWork.Provider value={of.track}>
          <form
            {...attributes}
            className={actions ? ['form-layout', className].filter(Boolean).join(' ') : className}
            noValidate
            onSubmit={(e) => void of.submit(e)}
          >
            {actions ? (
              <FormLayout actions={actions}>
                {heading}
                <ErrorSummary problems={of.problems} focusKey={of.failedSubmits} idPrefix={of.idPrefix} />
                {children}
              </FormLayout>
            ) : (
              <>
                {heading}
                <ErrorSummary problems={of.problems} focusKey={of.failedSubmits} idPrefix={of.idPrefix} />
                {children}
              </>
            )}
          </form>
        </PendingWork.Provider>
      </FieldIdPrefix.Provider>
    </FormProvider>
  );
}
