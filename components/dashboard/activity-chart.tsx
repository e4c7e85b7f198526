"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/i18n/money";
import type { ActivityDay } from "@/lib/portal/overview";

export interface ActivityChartLabels {
  sales: string;
  refundsAndChargebacks: string;
  fees: string;
  deposits: string;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function shortDay(date: string, locale: Locale): string {
  let formatter = dayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
    dayFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(`${date}T12:00:00Z`));
}

/**
 * The overview's 30 days, drawn by recharts: sales, refunds and chargebacks and fees as bars, net
 * deposits as a line, in the business's currency and the reader's locale.
 */
export function ActivityChart({ days, currency, locale, labels }: { days: ActivityDay[]; currency: "CAD" | "USD"; locale: Locale; labels: ActivityChartLabels }) {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const compactMoney = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol", notation: "compact", maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="date" tickFormatter={(d: string) => shortDay(d, locale)} tick={{ fontSize: 12 }} minTickGap={16} />
        <YAxis tickFormatter={(minor: number) => compactMoney.format(minor / 100)} tick={{ fontSize: 12 }} width={64} />
        <Tooltip formatter={(value) => money(Number(value))} labelFormatter={(d) => shortDay(String(d), locale)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="salesMinor" name={labels.sales} fill="#15803d" />
        <Bar dataKey="refundsAndChargebacksMinor" name={labels.refundsAndChargebacks} fill="#b91c1c" />
        <Bar dataKey="feesMinor" name={labels.fees} fill="#d97706" />
        <Line dataKey="depositsMinor" name={labels.deposits} type="monotone" stroke="#1d4ed8" strokeWidth={2} dot={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
