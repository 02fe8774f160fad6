/**
 * One test case of a compliance test document: its id, name and block. `name` is null where only
 * the id is known.
 *
 * @example
 * ```ts
 * const entry: CatalogueEntry = { id: 'TC_001_CSMS', name: 'Cold Boot Charge Point', block: 'Core', documented: true };
 * ```
 */
export interface CatalogueEntry {
  readonly id: string;
  readonly name: string | null;
  readonly block: string;
  /** False when the case's description could not be found (its steps are unknown). */
  readonly documented: boolean;
}
