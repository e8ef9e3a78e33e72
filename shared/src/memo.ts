/**
 * What rules derive from a parsed object and several of them ask for (the RUNs of a Dockerfile,
 * the services of a Compose file, the pod spec of a Kubernetes object), kept on that object: each
 * parsed object that has such caches carries a `memo`, created with it.
 *
 * The caches live on the object rather than in module-level WeakMaps keyed by it: V8 keeps a
 * WeakMap's values alive through its minor collections, so every cached value would be copied and
 * promoted to the old generation, while values held by a short-lived object die with it.
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
