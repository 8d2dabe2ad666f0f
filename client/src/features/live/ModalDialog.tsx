// The live session's dialogs: the shared ones in the live style.
import type { ComponentProps, ReactNode } from 'react';
import {
  ConfirmDialog as SharedConfirmDialog,
  ModalDialog as SharedModalDialog,
} from '../../lib/ModalDialog.tsx';

export function ModalDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  return <SharedModalDialog className="live-dialog" {...props} />;
}

type ConfirmProps = Omit<
  ComponentProps<typeof SharedConfirmDialog>,
  'ns' | 'className' | 'errorClassName' | 'confirmTestId'
>;

/** "Are you sure?" for a step that affects others (ending for everyone, stepping in). */
export function ConfirmDialog({ testId, ...props }: ConfirmProps) {
  return (
    <SharedConfirmDialog
      ns="live"
      className="live-dialog"
      errorClassName="live-error"
      confirmTestId={testId}
      {...props}
    />
  );
}
