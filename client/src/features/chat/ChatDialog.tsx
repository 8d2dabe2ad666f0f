// The chat's dialogs: the shared ones in the chat style.
import type { ComponentProps, ReactNode } from 'react';
import {
  ConfirmDialog as SharedConfirmDialog,
  ModalDialog as SharedModalDialog,
} from '../../lib/ModalDialog.tsx';

export function ChatDialog(props: {
  title: string;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return <SharedModalDialog className="chat-dialog" {...props} />;
}

type ConfirmProps = Omit<
  ComponentProps<typeof SharedConfirmDialog>,
  'ns' | 'className' | 'errorClassName' | 'testId' | 'confirmTestId' | 'danger'
>;

/** "Are you sure?" before deleting or hiding. */
export function ConfirmDialog(props: ConfirmProps) {
  return (
    <SharedConfirmDialog
      ns="chat"
      className="chat-dialog"
      errorClassName="chat-error"
      testId="chat-confirm"
      confirmTestId="chat-confirm-button"
      danger
      {...props}
    />
  );
}
