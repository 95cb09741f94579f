/**
 * In-memory Web Storage: one instance per origin for `localStorage`, one per tab for
 * `sessionStorage` (it survives the tab's reloads, never crosses tabs).
 */
import type { StorageLike } from '../../src/page/environment.js';

export class FakeStorage implements StorageLike {
  readonly #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#items.get(String(key)) ?? null;
  }

  /** Values are stringified, as Web Storage does. */
  setItem(key: string, value: string): void {
    this.#items.set(String(key), String(value));
  }

  removeItem(key: string): void {
    this.#items.delete(String(key));
  }

  clear(): void {
    this.#items.clear();
  }
}
