// Links under one name in the main menu (the coordinator's administration pages). In the row it
// is a disclosure: a button that shows and hides the list, Escape or a click elsewhere closes it.
// In the folded menu (a phone) the list is simply shown, under its name.
import { useEffect, useId, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, ReactNode } from 'react';

export function NavGroup({
  label,
  active,
  children,
}: {
  label: string;
  /** The current page is one of the group's: the button is marked like a current link. */
  active: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!item.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation(); // this list closes, not the whole folded menu
    setOpen(false);
    button.current?.focus();
  };
  const onBlur = (event: FocusEvent) => {
    if (!item.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <li className="nav-group" ref={item} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        className="nav-group-button"
        aria-expanded={open}
        aria-controls={id}
        data-active={active}
        onClick={() => setOpen(!open)}
      >
        {label}
        <span className="disclosure-icon" aria-hidden="true" />
      </button>
      <span className="nav-group-caption" aria-hidden="true">
        {label}
      </span>
      {/* A followed link closes the list (the click bubbles up from it). */}
      <ul id={id} aria-label={label} data-open={open} onClick={() => setOpen(false)}>
        {children}
      </ul>
    </li>
  );
}
