/*
 * A caller's standing holds id lists (the organizations an approver approves for: a thousand for
 * a big approver), and a list page asks whether each row's id is in one. Scanning the list per row
 * made a 50-row page compare 50,000 strings; a set made once per list answers in constant time.
 * The lists are readonly: a set built for one stays true to it.
 */
const setsOfLists = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Lists this short are scanned: building a set would cost more than it saves. */
const SCAN_UP_TO = 16;

/** Whether `id` is one of `ids`. */
export function includesId(ids: readonly string[], id: string): boolean {
  if (ids.length <= SCAN_UP_TO) return ids.includes(id);
  let set = setsOfLists.get(ids);
  if (!set) {
    set = new Set(ids);
    setsOfLists.set(ids, set);
  }
  return set.has(id);
}

/** Pairs grouped by their first id: for each key, the set of ids it goes with. */
export function groupIds<K extends string, V extends string>(pairs: Iterable<readonly [K, V]>): Map<K, Set<V>> {
  const groups = new Map<K, Set<V>>();
  for (const [key, value] of pairs) {
    const group = groups.get(key) ?? new Set<V>();
    group.add(value);
    groups.set(key, group);
  }
  return groups;
}
