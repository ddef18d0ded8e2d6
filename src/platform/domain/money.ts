// Money is whole pence (DESIGN.md): parsed from what people type, shown the way councils write it.

/** "£28,900,000", "28900000.50", "1.2" → pence; null when it is not an amount of money. */
export function parsePounds(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds, pence = ''] = cleaned.split('.');
  const value = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** 2890000000 → "£28,900,000.00": always with its pence, so amounts line up and read alike everywhere. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const absolute = Math.abs(pence);
  const pounds = Math.floor(absolute / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(absolute % 100).padStart(2, '0')}`;
}
