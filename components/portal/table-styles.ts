/** Shared Tailwind classes of the portal's data tables, so every list reads the same way. */
export const tableClasses = {
  wrapper: "mt-6 overflow-x-auto rounded-lg bg-white shadow-sm",
  table: "min-w-full divide-y divide-slate-200 text-sm",
  caption: "px-4 py-3 text-left font-medium text-slate-700",
  headerCell: "whitespace-nowrap px-4 py-2 text-left font-medium text-slate-600",
  headerCellNumeric: "whitespace-nowrap px-4 py-2 text-right font-medium text-slate-600",
  row: "border-t border-slate-100",
  cell: "whitespace-nowrap px-4 py-2",
  cellNumeric: "whitespace-nowrap px-4 py-2 text-right",
  footerRow: "border-t-2 border-slate-300 bg-slate-50 font-semibold",
} as const;
