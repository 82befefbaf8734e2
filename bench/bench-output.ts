/** Benchmark figures are printed one JSON object per line: {"name", "value", "unit", ...context}. */
export function report(name: string, value: number, unit: string, context: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(4)), unit, ...context }));
}
