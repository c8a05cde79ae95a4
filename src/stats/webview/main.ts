/**
 * The stats page: five live charts (uPlot) and a sortable table of the running containers, fed by the panel's
 * messages (see ../protocol.ts). Colours come from VS Code's theme variables; nothing is fetched.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './stats.css';
import { bytesSize, humanSize } from '../cliFormat';
import { HostMessage, StatsPoint, StatsRow, statsColumns, WebviewMessage } from '../protocol';

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);

type Series = { key: keyof StatsPoint; label: string; colour: string; format: (value: number) => string };
interface ChartSpec {
  id: string;
  title: string;
  series: Series[];
  /** The heading's figure for the latest point. */
  headline: (point: StatsPoint) => string;
}

const percent = (value: number) => `${value.toFixed(2)}%`;
const perSecond = (value: number) => `${humanSize(value)}/s`;
const count = (value: number) => String(Math.round(value));

const charts: ChartSpec[] = [
  { id: 'cpu', title: 'CPU', series: [{ key: 'cpuPercent', label: 'CPU %', colour: 'charts-blue', format: percent }], headline: (p) => percent(p.cpuPercent) },
  {
    id: 'memory',
    title: 'Memory',
    series: [
      { key: 'memoryUsed', label: 'used', colour: 'charts-purple', format: bytesSize },
      { key: 'memoryCache', label: 'cache (not counted)', colour: 'charts-yellow', format: bytesSize },
    ],
    headline: (p) => `${bytesSize(p.memoryUsed)} / ${bytesSize(p.memoryLimit)}`,
  },
  {
    id: 'network',
    title: 'Network',
    series: [
      { key: 'netRxPerSec', label: 'rx', colour: 'charts-green', format: perSecond },
      { key: 'netTxPerSec', label: 'tx', colour: 'charts-orange', format: perSecond },
    ],
    headline: (p) => `↓ ${perSecond(p.netRxPerSec)} ↑ ${perSecond(p.netTxPerSec)}`,
  },
  {
    id: 'block',
    title: 'Block I/O',
    series: [
      { key: 'blockReadPerSec', label: 'read', colour: 'charts-green', format: perSecond },
      { key: 'blockWritePerSec', label: 'write', colour: 'charts-red', format: perSecond },
    ],
    headline: (p) => `read ${perSecond(p.blockReadPerSec)} · write ${perSecond(p.blockWritePerSec)}`,
  },
  { id: 'pids', title: 'PIDs', series: [{ key: 'pids', label: 'PIDs', colour: 'charts-blue', format: count }], headline: (p) => count(p.pids) },
];

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(`--vscode-${name}`).trim() || fallback;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

class Chart {
  readonly root = element('section', { class: 'chart' });
  private readonly headline = element('span', { class: 'headline' });
  private readonly plot: uPlot;
  private readonly data: number[][];

  constructor(private readonly spec: ChartSpec) {
    const heading = element('h2', {}, spec.title);
    heading.append(' ', this.headline);
    const area = element('div', { class: 'plot', 'data-chart': spec.id, 'data-points': '0' });
    this.root.append(heading, area);
    this.data = [[], ...spec.series.map(() => [])];
    const foreground = themeColour('foreground', '#ccc');
    const grid = themeColour('editorWidget-border', 'rgba(128,128,128,0.3)');
    const axis = (format?: (value: number) => string): uPlot.Axis => ({
      stroke: foreground,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      ...(format ? { values: (_u: uPlot, values: number[]) => values.map(format), size: 70 } : {}),
    });
    this.plot = new uPlot(
      {
        width: 400,
        height: 150,
        legend: { show: true },
        // Room on the right for the last time label.
        padding: [8, 36, 0, 0],
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          {
            ...axis(),
            // Whole seconds and up (a chart spans seconds to an hour), as the local time of day.
            incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800],
            space: 70,
            values: (_u: uPlot, values: number[]) => values.map((seconds) => new Date(seconds * 1000).toLocaleTimeString()),
          },
          axis(spec.series[0].format),
        ],
        series: [
          {},
          ...spec.series.map((series) => ({
            label: series.label,
            stroke: themeColour(series.colour, '#3794ff'),
            width: 1.5,
            value: (_u: uPlot, value: number | null) => (value === null ? '–' : series.format(value)),
          })),
        ],
      },
      this.data as uPlot.AlignedData,
      area,
    );
  }

  resize(width: number): void {
    this.plot.setSize({ width: Math.max(200, width), height: 150 });
  }

  setPoints(points: readonly StatsPoint[]): void {
    this.data[0] = points.map((point) => point.t);
    this.spec.series.forEach((series, index) => (this.data[index + 1] = points.map((point) => point[series.key])));
    this.redraw(points.at(-1));
  }

  addPoint(point: StatsPoint, windowSeconds: number): void {
    this.data[0].push(point.t);
    this.spec.series.forEach((series, index) => this.data[index + 1].push(point[series.key]));
    let drop = 0;
    while (drop < this.data[0].length && this.data[0][drop] < point.t - windowSeconds) drop++;
    if (drop > 0) for (const column of this.data) column.splice(0, drop);
    this.redraw(point);
  }

  private redraw(latest: StatsPoint | undefined): void {
    this.plot.setData(this.data as uPlot.AlignedData);
    this.headline.textContent = latest ? this.spec.headline(latest) : '';
    this.root.querySelector('.plot')?.setAttribute('data-points', String(this.data[0].length));
  }
}

type SortKey = (typeof statsColumns)[number][0];

class Table {
  readonly root = element('table', { class: 'containers' });
  private readonly body = element('tbody');
  private rows: StatsRow[] = [];
  private sortKey: SortKey = 'cpuPercent';
  private descending = true;
  private readonly headers = new Map<SortKey, HTMLElement>();

  constructor() {
    const head = element('thead');
    const line = element('tr');
    for (const [key, label] of statsColumns) {
      const cell = element('th', { scope: 'col', 'data-key': key });
      const button = element('button', { type: 'button' }, label);
      button.addEventListener('click', () => this.sortBy(key));
      cell.append(button);
      this.headers.set(key, cell);
      line.append(cell);
    }
    head.append(line);
    this.root.append(head, this.body);
    this.showSort();
  }

  private sortBy(key: SortKey): void {
    this.descending = key === this.sortKey ? !this.descending : key !== 'name';
    this.sortKey = key;
    this.showSort();
    this.render();
  }

  private showSort(): void {
    for (const [key, cell] of this.headers) {
      cell.setAttribute('aria-sort', key === this.sortKey ? (this.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  setRows(rows: StatsRow[]): void {
    this.rows = rows;
    this.render();
  }

  private render(): void {
    const key = this.sortKey;
    const sign = this.descending ? -1 : 1;
    const sorted = [...this.rows].sort((a, b) => {
      const order = key === 'name' ? a.name.localeCompare(b.name) : (a[key] as number) - (b[key] as number);
      return sign * order || a.name.localeCompare(b.name);
    });
    const lines = sorted.map((row) => {
      const line = element('tr', { 'data-id': row.id });
      const cells = [
        row.name,
        percent(row.cpuPercent),
        `${bytesSize(row.memoryUsed)} / ${bytesSize(row.memoryLimit)}`,
        percent(row.memoryPercent),
        perSecond(row.netRxPerSec),
        perSecond(row.netTxPerSec),
        perSecond(row.blockReadPerSec),
        perSecond(row.blockWritePerSec),
        count(row.pids),
      ];
      line.append(...cells.map((text) => element('td', {}, text)));
      return line;
    });
    this.body.replaceChildren(...lines);
  }
}

const title = element('h1', {}, 'Stats');
const notice = element('p', { class: 'notice', role: 'status' });
const grid = element('div', { class: 'charts' });
const chartViews = charts.map((spec) => new Chart(spec));
grid.append(...chartViews.map((chart) => chart.root));
const table = new Table();
document.body.append(title, notice, grid, table.root);
let windowSeconds = 300;

const resize = () => {
  for (const chart of chartViews) chart.resize(chart.root.clientWidth - 8);
};
new ResizeObserver(resize).observe(grid);
resize();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      title.textContent = message.title;
      windowSeconds = message.windowSeconds;
      notice.textContent = '';
      for (const chart of chartViews) chart.setPoints(message.history);
      table.setRows(message.rows);
      break;
    case 'tick':
      notice.textContent = '';
      for (const chart of chartViews) chart.addPoint(message.point, windowSeconds);
      table.setRows(message.rows);
      break;
    case 'notice':
      notice.textContent = message.text;
      break;
  }
});

post({ type: 'ready' });
