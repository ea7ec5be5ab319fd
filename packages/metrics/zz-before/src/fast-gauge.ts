import {
  type DropSink,
  type FamilyDefinition,
  FastFamily,
  type PromClientValue,
  type Series,
} from './fast-family.js';
import { braces, formatValue } from './text-format.js';

/** Gauge family of one cell per series. */
export class FastGauge extends FastFamily {
  readonly type = 'gauge';

  constructor(definition: FamilyDefinition, limit: number, onDrop: DropSink) {
    super(definition, 1, limit, onDrop);
  }

  /** Sets a finite `value` at a series offset. */
  setAt(offset: number, value: number): void {
    if (!Number.isFinite(value)) {
      this.drop('invalid_value');
      return;
    }
    this.cells[offset] = value;
  }

  /** Adds a finite `value`, negative to decrease, at a series offset. */
  addAt(offset: number, value: number): void {
    if (!Number.isFinite(value)) {
      this.drop('invalid_value');
      return;
    }
    this.cells[offset] = (this.cells[offset] as number) + value;
  }

  render(
    out: string[],
    series: readonly Series[],
    cells: Float64Array,
    from: number,
    to: number,
    defaults: string,
  ): void {
    for (let i = from; i < to; i++) {
      const item = series[i] as Series;
      const value = formatValue(cells[item.offset] as number);
      out.push(`${this.name}${braces(item.labelText, defaults)} ${value}`);
    }
  }

  protected pushValues(
    values: PromClientValue[],
    series: Series,
    labels: Record<string, string>,
  ): void {
    values.push({ value: this.cells[series.offset] as number, labels });
  }
}
