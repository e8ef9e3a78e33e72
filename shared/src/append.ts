/**
 * Appends `items` to `target` and returns `target`. `target.push(...items)` passes every item as an
 * argument, and beyond about 100,000 of them (the findings of a generated file, the commands of a
 * long script) the call overflows the stack.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}
