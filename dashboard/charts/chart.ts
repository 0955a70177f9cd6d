import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";
import { useEffect, useRef } from "preact/hooks";

/*
 * Chart.js with only what the reports draw — stacked bars and the matrix
 * (heatmap) — registered, so the bundle carries nothing else. Charts are
 * drawn on canvas (allowed by the CSP); every chart also has a table beside
 * it for screen readers and print.
 */
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
  MatrixController,
  MatrixElement,
);
Chart.defaults.font.family =
  '"Atkinson Hyperlegible", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.font.size = 15;
Chart.defaults.color = "#14212b";

/**
 * A canvas drawing `config`, redrawn when it changes (a new object), and
 * destroyed with the component. Animation off: the figures appear at once and
 * print as drawn.
 */
export function useChart<T extends ChartType>(config: ChartConfiguration<T>) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        ...config.options,
      },
    } as ChartConfiguration<T>);
    // Printing resizes the page: redraw the chart for the paper's width.
    const beforePrint = () => chart.resize();
    window.addEventListener("beforeprint", beforePrint);
    return () => {
      window.removeEventListener("beforeprint", beforePrint);
      chart.destroy();
    };
  }, [config]);
  return canvas;
}
