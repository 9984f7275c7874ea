/**
 * The form names are stored and searched in: lower case, accents removed, anything but letters
 * and digits turned into single spaces. "Clínica  Santa-María, P.A." → "clinica santa maria p a".
 */
export function searchText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a query, normalized as names are. */
export function searchWords(query: string): string[] {
  return [
    ...new Set(
      searchText(query)
        .split(' ')
        .filter((word) => word.length > 0),
    ),
  ];
}
