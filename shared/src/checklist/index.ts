import type { Level, Localized } from '../types';
import data from './items.json';

/** One of the five seed documents, or CSVS. */
export interface ChecklistDocument {
  readonly id: string;
  readonly file: string;
  readonly language: 'en' | 'de';
  readonly title: Localized;
  readonly idScheme?: string;
}

/** One checklist item, in its original wording and translated. */
export interface ChecklistItem {
  readonly id: string;
  readonly document: string;
  readonly section: { readonly id: string; readonly title: Localized };
  readonly text: Localized;
  readonly original: 'en' | 'de';
  /** CSVS levels with a ✓ (CSVS items only). */
  readonly levels?: readonly Level[];
  /** True when a static check of the files can decide the item. */
  readonly checkable: boolean;
  /** Why no file can show it (manual items only). */
  readonly manual?: Localized;
}

/** The checklist documents, in seed order. */
export const DOCUMENTS: readonly ChecklistDocument[] = data.documents as ChecklistDocument[];

/** Every checklist item, in document order. */
export const ITEMS: readonly ChecklistItem[] = data.items as ChecklistItem[];

const byId = new Map(ITEMS.map((i) => [i.id, i]));

/** The item with this id, or undefined. */
export function itemById(id: string): ChecklistItem | undefined {
  return byId.get(id);
}

/** The document with this id, or undefined. */
export function documentById(id: string): ChecklistDocument | undefined {
  return DOCUMENTS.find((d) => d.id === id);
}
