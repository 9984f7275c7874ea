export const textSizes = ['small', 'medium', 'large'] as const;
export type TextSize = (typeof textSizes)[number];

export const textSizeStorageKey = 'rolecall.textSize';

function isTextSize(value: string | null): value is TextSize {
  return textSizes.some((size) => size === value);
}

export function readTextSize(): TextSize {
  try {
    const stored = window.localStorage.getItem(textSizeStorageKey);
    return isTextSize(stored) ? stored : 'medium';
  } catch {
    return 'medium';
  }
}

// The size is a class on <html> because USWDS sizes type in rem: changing the root font size
// scales every text style together, and the CSP-friendly stylesheet holds the actual sizes.
export function applyTextSize(size: TextSize): void {
  const classes = document.documentElement.classList;
  for (const other of textSizes) classes.remove(`rc-text-${other}`);
  classes.add(`rc-text-${size}`);
}

export function storeTextSize(size: TextSize): void {
  try {
    window.localStorage.setItem(textSizeStorageKey, size);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
