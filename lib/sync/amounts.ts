/** QuickBooks amounts (numbers with up to two decimals) to integer minor units, exactly. */
export function toMinor(amount: unknown): number | null {
  if (amount === undefined || amount === null || amount === "") return null;
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 100);
}
