import {
  type DropSink,
  type FamilyDefinition,
  FastFamily,
  type PromClientValue,
  type Series,
} from './fast-family.js';
import { braces, formatValue } from './text-format.js';

/** Counter family of one cell per series; values only go up. */
export class FastCounter extends FastFamily {
  readonly type = 'counter';

  constructor(definition: FamilyDefinition, limit: number, onDrop: DropSink) {
    super(definition, 1, limit, onDrop);
  }

  /** Adds `value` (finite, not negative) at a series offset. */
  incAt(offset: number, value: number): void {
    const valid = typeof value === 'number' && value >= 0;
    if (!valid || value === Number.POSITIVE_INFINITY) {
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
    openMetrics: boolean,
  ): void {
    const name = openMetrics
      ? `${this.name.replace(/_total$/, '')}_total`
      : this.name;
    for (let i = from; i < to; i++) {
      const item = series[i] as Series;
      const value = formatValue(cells[item.offset] as number);
      out.push(`${name}${braces(item.labelText, defaults)} ${value}`);
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
