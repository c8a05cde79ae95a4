import type { StatsFigures } from './figures';

/**
 * The texts `docker stats --format json` prints for a sample, formatted as the CLI formats them (Go's `%.2f`,
 * and go-units' `BytesSize` (binary, 4 significant digits) and `HumanSizeWithPrecision(…, 3)` (decimal)).
 */
export interface CliTexts {
  CPUPerc: string;
  MemUsage: string;
  MemPerc: string;
  NetIO: string;
  BlockIO: string;
  PIDs: string;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.<precision>g`: shortest of fixed and exponent form, no trailing zeros, a two-digit exponent. */
export function goG(value: number, precision: number): string {
  const text = value.toPrecision(precision);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  if (exponent === undefined) {
    return trimmed;
  }
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${trimmed}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function customSize(size: number, precision: number, base: number, units: string[]): string {
  let unit = 0;
  while (size >= base && unit < units.length - 1) {
    size /= base;
    unit++;
  }
  return `${goG(size, precision)}${units[unit]}`;
}

/** go-units `BytesSize`: "1.5MiB". */
export function bytesSize(bytes: number): string {
  return customSize(bytes, 4, 1024, binaryUnits);
}

/** go-units `HumanSizeWithPrecision(bytes, 3)`: "1.21kB". */
export function humanSize(bytes: number): string {
  return customSize(bytes, 3, 1000, decimalUnits);
}

export function cliTexts(figures: StatsFigures): CliTexts {
  return {
    CPUPerc: `${figures.cpuPercent.toFixed(2)}%`,
    MemUsage: `${bytesSize(figures.memoryUsed)} / ${bytesSize(figures.memoryLimit)}`,
    MemPerc: `${figures.memoryPercent.toFixed(2)}%`,
    NetIO: `${humanSize(figures.netRx)} / ${humanSize(figures.netTx)}`,
    BlockIO: `${humanSize(figures.blockRead)} / ${humanSize(figures.blockWrite)}`,
    PIDs: String(figures.pids),
  };
}
