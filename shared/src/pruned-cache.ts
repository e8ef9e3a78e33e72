/**
 * A map that remembers which keys were read or written since its last {@link PrunedCache.prune},
 * which drops all others: kept across edits of one document, it never outgrows what the last
 * lint of that document used.
 */
export class PrunedCache<V> extends Map<string, V> {
  private used = new Set<string>();

  override get(key: string): V | undefined {
    const hit = super.get(key);
    if (hit !== undefined) this.used.add(key);
    return hit;
  }

  override set(key: string, value: V): this {
    this.used?.add(key); // `used` is not yet there while Map's constructor runs
    return super.set(key, value);
  }

  /** Deletes every entry not read or written since the last prune, and starts tracking afresh. */
  prune(): void {
    for (const key of this.keys()) if (!this.used.has(key)) this.delete(key);
    this.used = new Set();
  }

  override clear(): void {
    super.clear();
    this.used = new Set();
  }
}
