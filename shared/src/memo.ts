/**
 * What rules derive from a parsed object and several of them ask for (the RUNs of a Dockerfile,
 * the services of a Compose file, the pod spec of a Kubernetes object), kept on that object: each
 * parsed object that has such caches carries a `memo`, created with it.
 *
 * Not in module-level WeakMaps keyed by the object: under Node 20's V8 the values of such a
 * WeakMap survived V8's minor collections (measured with --trace-gc-nvp: parsing the corpus's
 * Dockerfiles and their RUNs with the RUNs in a WeakMap, 56 % of the bytes allocated survived each
 * scavenge; with the RUNs on the file, 1 %), so every cached parse was copied and promoted, and
 * scavenge pauses were most of the time spent in GC.
 */

/** A typed key of a {@link Memo}: one per kind of cached value, at module level. */
export class MemoKey<T> {
  declare private readonly value: T;
  constructor(readonly name: string) {}
}

/** The caches of one parsed object. */
export class Memo {
  private values: Map<MemoKey<unknown>, unknown> | undefined = undefined;

  /** The value cached under `key`, computed (once) by `compute` when there is none yet. */
  get<T>(key: MemoKey<T>, compute: () => T): T {
    const values = (this.values ??= new Map());
    if (values.has(key)) return values.get(key) as T;
    const value = compute();
    values.set(key, value);
    return value;
  }
}
