/** What a remembered reading keeps for an answer of `undefined`: one look-up tells it from no answer. */
const NOTHING = {};

/**
 * A pure reading remembered per distinct key: a sheet repeats its labels, formats and numbers
 * form after form, and each is read once. The memory stays bounded whatever a sheet holds: the
 * map starts again when it holds `entries` answers, and a text key longer than `longest` is read
 * each time, never kept (20,000 long texts would be gigabytes).
 */
export function remembered<K extends string | number, V>(
  read: (key: K) => V,
  entries = 20000,
  longest = 200,
): (key: K) => V {
  const known = new Map<K, unknown>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return (hit === NOTHING ? undefined : hit) as V;
    const value = read(key);
    if (known.size >= entries) known.clear();
    if (typeof key !== 'string' || key.length <= longest)
      known.set(key, value === undefined ? NOTHING : value);
    return value;
  };
}
