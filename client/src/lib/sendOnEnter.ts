import type { KeyboardEvent } from 'react';

/**
 * A message box (the chat composer, the whisper box): Enter sends,
 * Shift+Enter starts a new line. Not while an input method is composing a word, where Enter
 * picks the word.
 */
export function sendOnEnter(send: () => void) {
  return (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
}
