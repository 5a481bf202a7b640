// Figures as text for KPIs and backtests: one decimal by default; a missing figure shows as an en dash.

export function fmtDays(days: number | null): string {
  return days === null ? '–' : days.toFixed(1);
}

export function fmtPct(pct: number | null, digits = 1): string {
  return pct === null ? '–' : `${pct.toFixed(digits)}%`;
}

export function fmtNumber(n: number | null, digits = 1): string {
  return n === null ? '–' : n.toFixed(digits);
}
