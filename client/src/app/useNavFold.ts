// Whether the main menu folds behind its "Menu" button. Measured rather than a fixed breakpoint:
// how wide the row is depends on the language, the person's roles and the badges, and the row
// must never wrap onto a second line. Measuring happens before paint, so nothing flickers.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** `area` holds the menu button and the <nav>; `content` changes whenever the links' text may. */
export function useNavFold(area: RefObject<HTMLElement | null>, content: string): boolean {
  const [fold, setFold] = useState(false);
  const [measured, setMeasured] = useState(content);
  const needed = useRef(0);
  // Other links or words: lay them out in the row again and measure that.
  if (measured !== content) {
    setMeasured(content);
    setFold(false);
  }

  useLayoutEffect(() => {
    const element = area.current;
    const header = element?.parentElement;
    const list = element?.querySelector('nav > ul');
    if (!element || !header || !list) return;
    const measure = () => {
      if (!fold) {
        needed.current = rowWidth(list);
        if (needed.current > element.clientWidth + 0.5) setFold(true);
      } else if (spaceInRow(header, element) >= needed.current + 0.5) setFold(false);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, [area, fold, content]);

  return fold;
}

/** The links side by side: their widths and the gaps between them. */
function rowWidth(list: Element): number {
  const items = [...list.children];
  const gap = parseFloat(getComputedStyle(list).columnGap) || 0;
  const widths = items.reduce((sum, item) => sum + item.getBoundingClientRect().width, 0);
  return widths + gap * Math.max(items.length - 1, 0);
}

/** What the header's row leaves for the menu beside its other items (the brand, the language). */
function spaceInRow(header: HTMLElement, area: HTMLElement): number {
  const style = getComputedStyle(header);
  const others = [...header.children].filter((child) => child !== area);
  const gap = parseFloat(style.columnGap) || 0;
  return (
    header.clientWidth -
    (parseFloat(style.paddingInlineStart) || 0) -
    (parseFloat(style.paddingInlineEnd) || 0) -
    others.reduce((sum, child) => sum + child.getBoundingClientRect().width + gap, 0)
  );
}
