// Small DOM helpers of the web page: elements by id, element building, and
// the text of an error as the page shows it.
import { ApiError } from '../src/client/http-api.js';
import { CommandError } from '../src/client/sdk.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};
export const input = (id: string) => $<HTMLInputElement>(id);

/** An element with attributes (`class` as className; undefined ones left out) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'network_error' ? 'The server cannot be reached.' : err.message;
  if (err instanceof CommandError) return err.code === 3 ? 'Not allowed (too late to recall?).' : `${err.message} (code ${err.code})`;
  return err instanceof Error ? err.message : String(err);
}
