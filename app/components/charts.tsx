import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { ReactNode } from "react";
import { useEffect, useState } from "react";

/**
 * Polaris Viz measures its container in the browser, so charts render after hydration; the server
 * sends a placeholder of the same height (and a table beside each chart carries the figures).
 */
function ClientOnly({ height, children }: { height: number; children: () => ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <div style={{ height }}>{mounted ? children() : null}</div>;
}

export interface Series {
  name: string;
  points: Array<{ key: string; value: number | null }>;
  color?: string;
  dashed?: boolean;
}

export function LineChartCard({ series, height = 260, testId }: { series: Series[]; height?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ClientOnly height={height}>
        {() => (
          <PolarisVizProvider>
            <LineChart
              theme="Light"
              data={series.map((s) => ({
                name: s.name,
                ...(s.color ? { color: s.color } : {}),
                data: s.points,
                ...(s.dashed ? { styleOverride: { line: { strokeDasharray: "4 4" } } } : {}),
              }))}
            />
          </PolarisVizProvider>
        )}
      </ClientOnly>
    </div>
  );
}

export function BarChartCard({ series, height = 260, testId, stacked = false, horizontal = false }: { series: Series[]; height?: number; testId?: string; stacked?: boolean; horizontal?: boolean }) {
  return (
    <div data-testid={testId}>
      <ClientOnly height={height}>
        {() => (
          <PolarisVizProvider>
            <BarChart
              theme="Light"
              type={stacked ? "stacked" : "default"}
              direction={horizontal ? "horizontal" : "vertical"}
              data={series.map((s) => ({ name: s.name, ...(s.color ? { color: s.color } : {}), data: s.points.map((p) => ({ key: p.key, value: p.value ?? 0 })) }))}
            />
          </PolarisVizProvider>
        )}
      </ClientOnly>
    </div>
  );
}
