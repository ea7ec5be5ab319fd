import type { Registry } from 'prom-client';
import type { DropReason } from './types.js';

/** Callback that counts one dropped observation of a metric. */
export type DropSink = (metric: string, reason: DropReason) => void;

/** One label set of a family and where its cells start. */
export interface Series {
  /** Label values, in the order of the family's label names. */
  readonly values: readonly string[];
  /** Label pairs rendered once, as `model="a",status="ok"`. */
  readonly labelText: string;
  /** Index of the series' first cell in the family's cell array. */
  readonly offset: number;
}

/** Definition shared by every metric family. */
export interface FamilyDefinition {
  /** Full Prometheus metric name. */
  name: string;
  /** HELP text. */
  help: string;
  /** Label names, in rendering order. */
  labelNames: readonly string[];
}

/** Sample of prom-client's metric data shape. */
export interface PromClientValue {
  value: number;
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  metricName?: string;
  exemplar?: unknown;
}

/** Metric data in prom-client's shape, as `Registry` reads it. */
export interface PromClientData {
  name: string;
  help: string;
  type: string;
  values: PromClientValue[];
  aggregator: string;
}

const INITIAL_SERIES = 8;

/**
 * Metric family whose series live in one `Float64Array`, so that a series
 * costs a few cells and the hot path writes a number at a known offset.
 * It is also a custom metric object of prom-client: `get()` and
 * `getForPromString()` give prom-client's `Registry` the same data.
 */
export abstract class FastFamily {
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** prom-client reads this to aggregate across cluster workers. */
  readonly aggregator = 'sum';
  /** Cells of all series, `width` numbers per series. */
  cells: Float64Array;
  /** Series in creation order; replaced, never mutated, on removal. */
  series: Series[] = [];
  /** Maximum number of series, past which new label sets are dropped. */
  limit: number;
  /** Changes on every reset or removal, so that bound offsets re-resolve. */
  generation = 0;

  protected readonly width: number;
  private index = new Map<string, Series>();
  private used = 0;
  private readonly onDrop: DropSink;

  protected constructor(
    definition: FamilyDefinition,
    width: number,
    limit: number,
    onDrop: DropSink,
  ) {
    this.name = definition.name;
    this.help = definition.help;
    this.labelNames = [...definition.labelNames];
    this.width = width;
    this.limit = limit;
    this.onDrop = onDrop;
    this.cells = new Float64Array(width * INITIAL_SERIES);
  }

  /** Counts one dropped observation of this family. */
  drop(reason: DropReason): void {
    this.onDrop(this.name, reason);
  }

  /**
   * Returns the series of `values`, creating it, or undefined (counted as
   * dropped) when a value is not a string or number or the limit is hit.
   */
  seriesFor(values: readonly unknown[]): Series | undefined {
    const key = this.keyOf(values);
    if (key === undefined) {
      this.drop('invalid_label');
      return undefined;
    }

    const found = this.index.get(key);
    if (found !== undefined) {
      return found;
    }
    if (this.series.length >= this.limit) {
      this.drop('series_limit');
      return undefined;
    }

    return this.create(key, values.map(String));
  }

  /** Removes the series of `values`; a scrape in progress keeps its view. */
  remove(values: readonly unknown[]): void {
    const key = this.keyOf(values);
    const found = key === undefined ? undefined : this.index.get(key);
    if (key === undefined || found === undefined) {
      return;
    }

    this.index.delete(key);
    this.series = this.series.filter((series) => series !== found);
    this.generation++;
  }

  /** Drops every series; cells held by a scrape in progress stay intact. */
  reset(): void {
    this.index = new Map();
    this.series = [];
    this.used = 0;
    this.cells = new Float64Array(this.width * INITIAL_SERIES);
    this.generation++;
  }

  /** Returns the data in prom-client's shape, labels merged per sample. */
  async get(): Promise<PromClientData> {
    const data = await this.getForPromString();
    for (const value of data.values) {
      value.labels = { ...value.labels, ...value.sharedLabels };
      delete value.sharedLabels;
    }
    return data;
  }

  /** Returns the data in the shape prom-client's `Registry` renders. */
  async getForPromString(): Promise<PromClientData> {
    const values: PromClientValue[] = [];
    for (const series of this.series) {
      this.pushValues(values, series, this.labelsOf(series));
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  /** Returns the labels of a series as an object. */
  labelsOf(series: Series): Record<string, string> {
    const labels: Record<string, string> = {};
    for (let i = 0; i < this.labelNames.length; i++) {
      labels[this.labelNames[i] as string] = series.values[i] as string;
    }
    return labels;
  }

  /**
   * Appends the text lines of `series[from..to)` to `out`. `defaults` is the
   * rendered default labels that the family's own labels do not shadow.
   */
  abstract render(
    out: string[],
    series: readonly Series[],
    cells: Float64Array,
    from: number,
    to: number,
    defaults: string,
    openMetrics: boolean,
  ): void;

  /** Replaces the cell array with a larger copy. */
  protected grow(length: number): void {
    const grown = new Float64Array(length);
    grown.set(this.cells);
    this.cells = grown;
  }

  protected abstract pushValues(
    values: PromClientValue[],
    series: Series,
    labels: Record<string, string>,
  ): void;

  private keyOf(values: readonly unknown[]): string | undefined {
    if (values.length !== this.labelNames.length) {
      return undefined;
    }
    let key = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value !== 'string' && typeof value !== 'number') {
        return undefined;
      }
      key = i === 0 ? `${value}` : `${key}\u0000${value}`;
    }
    return key;
  }

  private create(key: string, values: string[]): Series {
    const offset = this.used * this.width;
    if (offset + this.width > this.cells.length) {
      this.grow(this.cells.length * 2);
    }

    const series: Series = {
      values,
      labelText: renderPairs(this.labelNames, values),
      offset,
    };
    this.used++;
    this.index.set(key, series);
    // A scrape copies `series.length` before it starts, so appending in
    // place never changes what it reads. Removal replaces the array.
    this.series.push(series);
    return series;
  }
}

function renderPairs(names: readonly string[], values: readonly string[]) {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const value = (values[i] as string)
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/"/g, '\\"');
    const pair = `${names[i]}="${value}"`;
    text = i === 0 ? pair : `${text},${pair}`;
  }
  return text;
}

/** Returns the metric objects of a registry, custom ones included. */
export function metricsOf(registry: Registry): unknown[] {
  return registry.getMetricsAsArray() as unknown[];
}
