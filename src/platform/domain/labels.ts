// A list of values and the words shown for each, written once: the labels' keys, in their order,
// are the values.

/** The values a label map names, in its order, typed as the union of its keys. */
export const valuesOf = <K extends string>(labels: Record<K, string>): readonly K[] => Object.keys(labels) as K[];
