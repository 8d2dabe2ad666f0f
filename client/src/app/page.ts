import { lazy, type ComponentType } from 'react';

/** A page loaded on demand from its module's named export (React.lazy wants a default one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- lazy() itself takes any props
export function page<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
