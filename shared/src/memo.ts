/**
 * What rules derive from a parsed object and several of them ask for (the RUNs of a Dockerfile,
 * the services of a Compose file, the pod spec of a Kubernetes object), kept on that object: each
 * parsed object that has such caches carries a `memo`, created with it.
 *
 * Not in module-level WeakMaps keyed by the object: V8's young-generation collector keeps the
 * values of a WeakMap alive until the next full collection, so every parse such a cache held
 * (a whole shell parse per Dockerfile) survived, and was copied by, each minor collection. Over
 * the corpus's Dockerfiles that was a third of all the bytes a lint allocates.
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
