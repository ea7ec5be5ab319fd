import type { FastCounter } from './fast-counter.js';
import type { FastFamily } from './fast-family.js';
import type { FastGauge } from './fast-gauge.js';
import type { FastHistogram } from './fast-histogram.js';

/** Label values given by position or as an object keyed by label name. */
export type LabelValues =
  | readonly (string | number)[]
  | Readonly<Record<string, string | number>>;

/**
 * Cell of one label set, bound once. It finds its series again after a
 * reset or removal, and counts a drop when the series limit rejects it.
 */
class BoundCell<F extends FastFamily> {
  private offset = -1;
  private generation = -1;

  constructor(
    protected readonly family: F,
    private readonly values: readonly unknown[],
  ) {}

  protected resolve(): number {
    if (this.generation !== this.family.generation || this.offset < 0) {
      this.offset = this.family.seriesFor(this.values)?.offset ?? -1;
      this.generation = this.family.generation;
    }
    return this.offset;
  }
}

/** Counter bound to one label set. */
export class CounterChild extends BoundCell<FastCounter> {
  /** Adds `value` (default 1); negative or non-finite values are dropped. */
  inc(value = 1): void {
    const offset = this.resolve();
    if (offset >= 0) {
      this.family.incAt(offset, value);
    }
  }
}

/** Gauge bound to one label set. */
export class GaugeChild extends BoundCell<FastGauge> {
  /** Sets the value; non-finite values are dropped. */
  set(value: number): void {
    const offset = this.resolve();
    if (offset >= 0) {
      this.family.setAt(offset, value);
    }
  }

  /** Adds `value` (default 1). */
  inc(value = 1): void {
    const offset = this.resolve();
    if (offset >= 0) {
      this.family.addAt(offset, value);
    }
  }

  /** Subtracts `value` (default 1). */
  dec(value = 1): void {
    this.inc(-value);
  }
}

/** Histogram bound to one label set. */
export class HistogramChild extends BoundCell<FastHistogram> {
  /** Adds an observation; negative or non-finite values are dropped. */
  observe(value: number, traceId?: string): void {
    const offset = this.resolve();
    if (offset < 0) {
      return;
    }
    if (traceId === undefined) {
      this.family.observeAt(offset, value);
    } else {
      this.family.observeTracedAt(offset, value, traceId);
    }
  }
}

/** Base of the metric handles: child cache by label values. */
abstract class MetricHandle<F extends FastFamily, C> {
  private readonly children = new Map<string, C>();

  constructor(
    /** The family behind this handle. */
    readonly family: F,
  ) {}

  /** Returns the child of a label set; keep it to skip the lookup. */
  labels(...args: (string | number)[] | [LabelValues]): C {
    const values = this.valuesOf(args);
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.createChild(values);
      if (this.children.size < this.family.limit) {
        this.children.set(key, child);
      }
    }
    return child;
  }

  /** Removes the series of a label set. */
  remove(...args: (string | number)[] | [LabelValues]): void {
    const values = this.valuesOf(args);
    this.children.delete(values.join('\u0000'));
    this.family.remove(values);
  }

  protected abstract createChild(values: unknown[]): C;

  private valuesOf(args: unknown[]): unknown[] {
    const first = args[0];
    if (args.length === 1 && typeof first === 'object' && first !== null) {
      if (Array.isArray(first)) {
        return [...first];
      }
      const labels = first as Record<string, unknown>;
      return this.family.labelNames.map((name) => labels[name]);
    }
    return args;
  }
}

/** Counter registered through `PrometheusExporter.counter()`. */
export class Counter extends MetricHandle<FastCounter, CounterChild> {
  /** Adds `value` (default 1) to the series without labels. */
  inc(value = 1): void {
    this.labels().inc(value);
  }

  protected createChild(values: unknown[]): CounterChild {
    return new CounterChild(this.family, values);
  }
}

/** Gauge registered through `PrometheusExporter.gauge()`. */
export class Gauge extends MetricHandle<FastGauge, GaugeChild> {
  /** Sets the series without labels. */
  set(value: number): void {
    this.labels().set(value);
  }

  protected createChild(values: unknown[]): GaugeChild {
    return new GaugeChild(this.family, values);
  }
}

/** Histogram registered through `PrometheusExporter.histogram()`. */
export class Histogram extends MetricHandle<FastHistogram, HistogramChild> {
  /** Observes a value on the series without labels. */
  observe(value: number, traceId?: string): void {
    this.labels().observe(value, traceId);
  }

  protected createChild(values: unknown[]): HistogramChild {
    return new HistogramChild(this.family, values);
  }
}
