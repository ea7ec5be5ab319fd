import {
  type DropSink,
  type FamilyDefinition,
  FastFamily,
  type PromClientValue,
  type Series,
} from './fast-family.js';
import { braces, escapeLabelValue, formatValue } from './text-format.js';

/** Definition of a histogram family. */
export interface HistogramDefinition extends FamilyDefinition {
  /** Finite, strictly increasing upper bounds; `+Inf` is implied. */
  buckets: readonly number[];
}

/** Exemplar of one bucket: the latest traced observation that fell in it. */
export interface BucketExemplar {
  /** Trace id of the observed request. */
  traceId: string;
  /** Observed value. */
  value: number;
}

/**
 * Histogram family whose series take `buckets + 2` cells: the count of
 * each bucket alone (not cumulative), the `+Inf`-only count, then the sum.
 * Exemplars, when used, live in arrays parallel to the cells.
 */
export class FastHistogram extends FastFamily {
  readonly type = 'histogram';
  readonly bounds: Float64Array;
  /** Trace ids of bucket exemplars, by cell index. */
  exemplarTraces: (string | undefined)[] | undefined;
  /** Values of bucket exemplars, by cell index. */
  exemplarValues: Float64Array | undefined;

  /** Start of each bucket line up to the `le` value, `+Inf` last. */
  private readonly bucketPrefixes: string[];

  constructor(
    definition: HistogramDefinition,
    limit: number,
    onDrop: DropSink,
  ) {
    super(definition, definition.buckets.length + 2, limit, onDrop);
    this.bounds = Float64Array.from(definition.buckets);
    this.bucketPrefixes = [...definition.buckets.map(formatValue), '+Inf'].map(
      (le) => `${this.name}_bucket{le="${le}"`,
    );
  }

  /** Adds a finite, non-negative observation at a series offset. */
  observeAt(offset: number, value: number): number {
    if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
      this.drop('invalid_value');
      return -1;
    }

    const bounds = this.bounds;
    const count = bounds.length;
    let bucket = 0;
    while (bucket < count && value > (bounds[bucket] as number)) {
      bucket++;
    }

    const cells = this.cells;
    const cell = offset + bucket;
    const sum = offset + count + 1;
    cells[cell] = (cells[cell] as number) + 1;
    cells[sum] = (cells[sum] as number) + value;
    return cell;
  }

  /** Adds an observation and keeps `traceId` as its bucket's exemplar. */
  observeTracedAt(offset: number, value: number, traceId: string): void {
    const cell = this.observeAt(offset, value);
    if (cell < 0) {
      return;
    }
    if (!isExemplarTraceId(traceId)) {
      this.drop('invalid_exemplar');
      return;
    }

    if (this.exemplarValues === undefined) {
      this.allocateExemplars(this.cells.length, false);
    }
    (this.exemplarTraces as (string | undefined)[])[cell] = traceId;
    (this.exemplarValues as Float64Array)[cell] = value;
  }

  /** Returns the exemplar of one bucket cell, if any. */
  exemplarAt(cell: number): BucketExemplar | undefined {
    const traceId = this.exemplarTraces?.[cell];
    if (traceId === undefined) {
      return undefined;
    }
    return {
      traceId,
      value: (this.exemplarValues as Float64Array)[cell] as number,
    };
  }

  override reset(): void {
    super.reset();
    if (this.exemplarValues !== undefined) {
      this.allocateExemplars(this.cells.length, false);
    }
  }

  render(
    out: string[],
    series: readonly Series[],
    cells: Float64Array,
    from: number,
    to: number,
    defaults: string,
    openMetrics: boolean,
  ): void {
    const count = this.bounds.length;
    const prefixes = this.bucketPrefixes;
    const withExemplars = openMetrics && this.exemplarTraces !== undefined;

    for (let i = from; i < to; i++) {
      const item = series[i] as Series;
      const tail = braces(defaults, item.labelText);
      // Labels after `le` and the space before the value, built once per
      // series so that each bucket line is two concatenations.
      const rest = tail === '' ? '} ' : `,${tail.slice(1)} `;
      let total = 0;
      for (let b = 0; b <= count; b++) {
        const cell = item.offset + b;
        total += cells[cell] as number;
        let line = `${prefixes[b]}${rest}${total}`;
        if (withExemplars) {
          line += this.renderExemplar(cell);
        }
        out.push(line);
      }
      const sum = formatValue(cells[item.offset + count + 1] as number);
      out.push(`${this.name}_sum${tail} ${sum}`);
      out.push(`${this.name}_count${tail} ${total}`);
    }
  }

  protected override grow(length: number): void {
    super.grow(length);
    if (this.exemplarValues !== undefined) {
      this.allocateExemplars(length, true);
    }
  }

  protected pushValues(
    values: PromClientValue[],
    series: Series,
    labels: Record<string, string>,
  ): void {
    const count = this.bounds.length;
    let total = 0;
    for (let b = 0; b <= count; b++) {
      const cell = series.offset + b;
      total += this.cells[cell] as number;
      const exemplar = this.exemplarAt(cell);
      values.push({
        labels: { le: b < count ? (this.bounds[b] as number) : '+Inf' },
        sharedLabels: labels,
        value: total,
        metricName: `${this.name}_bucket`,
        exemplar: exemplar && {
          labelSet: { trace_id: exemplar.traceId },
          value: exemplar.value,
        },
      });
    }
    const sum = this.cells[series.offset + count + 1] as number;
    values.push(
      {
        labels: {},
        sharedLabels: labels,
        value: sum,
        metricName: `${this.name}_sum`,
      },
      {
        labels: {},
        sharedLabels: labels,
        value: total,
        metricName: `${this.name}_count`,
      },
    );
  }

  private renderExemplar(cell: number): string {
    const traceId = this.exemplarTraces?.[cell];
    if (traceId === undefined) {
      return '';
    }
    const value = formatValue(
      (this.exemplarValues as Float64Array)[cell] as number,
    );
    return ` # {trace_id="${escapeLabelValue(traceId)}"} ${value}`;
  }

  private allocateExemplars(length: number, keep: boolean): void {
    const values = new Float64Array(length);
    if (keep && this.exemplarValues !== undefined) {
      values.set(this.exemplarValues);
    }
    // A filled array keeps V8's fast elements, where writes at scattered
    // indices into an empty one would turn it into a dictionary.
    const traces = new Array<string | undefined>(length).fill(undefined);
    if (keep && this.exemplarTraces !== undefined) {
      this.exemplarTraces.forEach((trace, i) => {
        traces[i] = trace;
      });
    }
    this.exemplarValues = values;
    this.exemplarTraces = traces;
  }
}

/**
 * Checks that `traceId` fits an OpenMetrics exemplar, whose label set is at
 * most 128 UTF-8 characters (a W3C trace id is 32 hex digits). The value is
 * escaped on output, so any string of that length is safe.
 */
function isExemplarTraceId(traceId: unknown): traceId is string {
  return (
    typeof traceId === 'string' && traceId.length > 0 && traceId.length <= 64
  );
}
