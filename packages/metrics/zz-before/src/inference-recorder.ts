import type { FastFamily } from './fast-family.js';
import type { FastHistogram } from './fast-histogram.js';
import type { InferenceFamilies, NamingProfile } from './inference-metrics.js';
import { derivedTpot, ModelCells } from './model-cells.js';
import type {
  CacheRecord,
  ErrorRecord,
  InferenceRecord,
  ModelLifecycleRecord,
} from './types.js';

const LIFECYCLE_EVENTS = new Set([
  'load',
  'loaded',
  'unload',
  'unloaded',
  'failed',
  'warmup',
]);

/**
 * Hot path of the standard set: turns one call into pre-bound cell writes.
 * Offsets are cached per model and status, so a call costs a few map
 * lookups by string and no label object. It never throws.
 */
export class InferenceRecorder {
  private models = new Map<string, ModelCells>();
  private readonly okStatus: string | undefined;

  constructor(
    private readonly families: InferenceFamilies,
    profile: NamingProfile,
    private readonly exemplars: boolean,
    private readonly maxModels: number,
    private readonly onError: (error: unknown) => void,
  ) {
    // The OpenTelemetry `error.type` attribute is absent on success, so
    // that profile stores the `ok` status as an empty label value.
    this.okStatus = profile === 'otel-genai' ? 'ok' : undefined;
  }

  /** Forgets every cached offset, after a reset or a removal. */
  clearCache(): void {
    this.models = new Map();
  }

  /** Records one finished request. */
  recordInference(record: InferenceRecord): void {
    try {
      const cells = this.cellsOf(record.model);
      if (cells === undefined) {
        return;
      }
      const f = this.families;
      const status = this.statusOffsets(cells, record.status);
      if (status !== undefined) {
        this.recordOutcome(status, record);
      }

      if (record.queueSeconds !== undefined) {
        cells.queue = this.observe(
          f.queueDuration,
          cells,
          cells.queue,
          record.queueSeconds,
        );
      }
      if (record.ttftSeconds !== undefined) {
        cells.ttft = this.observe(
          f.timeToFirstToken,
          cells,
          cells.ttft,
          record.ttftSeconds,
          record.traceId,
        );
      }
      const tpot = record.tpotSeconds ?? derivedTpot(record);
      if (tpot !== undefined) {
        cells.tpot = this.observe(
          f.timePerOutputToken,
          cells,
          cells.tpot,
          tpot,
        );
      }
      if (
        record.prefillSeconds !== undefined ||
        record.decodeSeconds !== undefined ||
        record.inferenceSeconds !== undefined
      ) {
        this.recordPhases(cells, record);
      }
      if (
        record.inputTokens !== undefined ||
        record.outputTokens !== undefined
      ) {
        this.recordTokens(cells, record);
      }
      if (record.batchSize !== undefined) {
        cells.batch = this.observe(
          f.batchSize,
          cells,
          cells.batch,
          record.batchSize,
        );
      }
      if (record.finishReason !== undefined) {
        this.incOther(f.finishReasons, cells, record.finishReason, 1);
      }
      if (record.errorType !== undefined) {
        this.incOther(f.errors, cells, record.errorType, 1);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Records a model lifecycle event and updates the loaded gauge. */
  recordModelLifecycle(record: ModelLifecycleRecord): void {
    try {
      const cells = this.cellsOf(record.model);
      if (cells === undefined) {
        return;
      }
      const f = this.families;
      if (!LIFECYCLE_EVENTS.has(record.event)) {
        f.lifecycle.drop('invalid_label');
        return;
      }

      this.incOther(f.lifecycle, cells, record.event, 1);
      if (
        record.event === 'loaded' ||
        record.event === 'unloaded' ||
        record.event === 'failed'
      ) {
        cells.loaded = this.bind(f.modelsLoaded, cells, cells.loaded);
        if (cells.loaded >= 0) {
          f.modelsLoaded.setAt(cells.loaded, record.event === 'loaded' ? 1 : 0);
        }
      }
      if (record.event === 'loaded' && record.durationSeconds !== undefined) {
        cells.loadDuration = this.observe(
          f.loadDuration,
          cells,
          cells.loadDuration,
          record.durationSeconds,
        );
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Sets the number of requests executing for a model. */
  setRunning(model: string, count: number): void {
    try {
      const cells = this.cellsOf(model);
      if (cells === undefined) {
        return;
      }
      cells.running = this.bind(this.families.running, cells, cells.running);
      if (cells.running >= 0) {
        this.families.running.setAt(cells.running, count);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Sets the number of requests waiting for a model. */
  setWaiting(model: string, count: number): void {
    try {
      const cells = this.cellsOf(model);
      if (cells === undefined) {
        return;
      }
      cells.waiting = this.bind(this.families.waiting, cells, cells.waiting);
      if (cells.waiting >= 0) {
        this.families.waiting.setAt(cells.waiting, count);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Counts one response-cache lookup. */
  recordCache(record: CacheRecord): void {
    try {
      const cells = this.cellsOf(record.model);
      if (cells === undefined) {
        return;
      }
      const f = this.families;
      if (record.hit) {
        cells.cacheHits = this.bind(f.cacheHits, cells, cells.cacheHits);
        if (cells.cacheHits >= 0) {
          f.cacheHits.incAt(cells.cacheHits, 1);
        }
      } else {
        cells.cacheMisses = this.bind(f.cacheMisses, cells, cells.cacheMisses);
        if (cells.cacheMisses >= 0) {
          f.cacheMisses.incAt(cells.cacheMisses, 1);
        }
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** Counts one error by type. */
  recordError(record: ErrorRecord): void {
    try {
      const cells = this.cellsOf(record.model);
      if (cells !== undefined) {
        this.incOther(this.families.errors, cells, record.type, 1);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private recordOutcome(status: Int32Array, record: InferenceRecord): void {
    const f = this.families;
    f.requests.incAt(status[0] as number, 1);

    const duration = record.durationSeconds;
    const traceId = record.traceId;
    if (this.exemplars && traceId !== undefined) {
      f.requestDuration.observeTracedAt(status[1] as number, duration, traceId);
    } else {
      f.requestDuration.observeAt(status[1] as number, duration);
    }
  }

  private recordPhases(cells: ModelCells, record: InferenceRecord): void {
    const family = this.families.inferenceDuration;
    const { prefillSeconds, decodeSeconds, inferenceSeconds } = record;
    if (prefillSeconds !== undefined) {
      cells.prefill = this.bindPair(family, cells, cells.prefill, 'prefill');
      this.observeIfBound(family, cells.prefill, prefillSeconds);
    }
    if (decodeSeconds !== undefined) {
      cells.decode = this.bindPair(family, cells, cells.decode, 'decode');
      this.observeIfBound(family, cells.decode, decodeSeconds);
    }
    if (inferenceSeconds !== undefined) {
      cells.total = this.bindPair(family, cells, cells.total, 'total');
      this.observeIfBound(family, cells.total, inferenceSeconds);
    }
  }

  private recordTokens(cells: ModelCells, record: InferenceRecord): void {
    const { tokens, requestTokens } = this.families;
    const { inputTokens, outputTokens } = record;
    if (inputTokens !== undefined) {
      cells.inputTokens = this.bindPair(
        tokens,
        cells,
        cells.inputTokens,
        'input',
      );
      if (cells.inputTokens >= 0) {
        tokens.incAt(cells.inputTokens, inputTokens);
      }
      cells.inputPerRequest = this.bindPair(
        requestTokens,
        cells,
        cells.inputPerRequest,
        'input',
      );
      this.observeIfBound(requestTokens, cells.inputPerRequest, inputTokens);
    }

    if (outputTokens !== undefined) {
      cells.outputTokens = this.bindPair(
        tokens,
        cells,
        cells.outputTokens,
        'output',
      );
      if (cells.outputTokens >= 0) {
        tokens.incAt(cells.outputTokens, outputTokens);
      }
      cells.outputPerRequest = this.bindPair(
        requestTokens,
        cells,
        cells.outputPerRequest,
        'output',
      );
      this.observeIfBound(requestTokens, cells.outputPerRequest, outputTokens);
    }
  }

  /** Returns the offset of `(model, second)` in `family`, -1 if dropped. */
  private bindPair(
    family: FastFamily,
    cells: ModelCells,
    offset: number,
    second: string,
  ): number {
    if (offset >= 0) {
      return offset;
    }
    return family.seriesFor([cells.model, second])?.offset ?? -1;
  }

  private observeIfBound(family: FastHistogram, offset: number, value: number) {
    if (offset >= 0) {
      family.observeAt(offset, value);
    }
  }

  /** Returns the offset of the model's series in `family`, -1 if dropped. */
  private bind(family: FastFamily, cells: ModelCells, offset: number): number {
    if (offset >= 0) {
      return offset;
    }
    return family.seriesFor([cells.model])?.offset ?? -1;
  }

  private observe(
    family: FastHistogram,
    cells: ModelCells,
    offset: number,
    value: number,
    traceId?: string,
  ): number {
    const bound = this.bind(family, cells, offset);
    if (bound < 0) {
      return bound;
    }
    if (traceId !== undefined && this.exemplars) {
      family.observeTracedAt(bound, value, traceId);
    } else {
      family.observeAt(bound, value);
    }
    return bound;
  }

  private incOther(
    family: FastFamily & { incAt(o: number, v: number): void },
    cells: ModelCells,
    label: string,
    value: number,
  ): void {
    let byLabel = cells.others.get(family);
    if (byLabel === undefined) {
      byLabel = new Map();
      cells.others.set(family, byLabel);
    }
    let offset = byLabel.get(label);
    if (offset === undefined) {
      offset = family.seriesFor([cells.model, label])?.offset;
      if (offset === undefined) {
        return;
      }
      byLabel.set(label, offset);
    }
    family.incAt(offset, value);
  }

  private statusOffsets(
    cells: ModelCells,
    status: string,
  ): Int32Array | undefined {
    const cached = cells.statuses.get(status);
    if (cached !== undefined) {
      return cached;
    }

    const f = this.families;
    const value =
      this.okStatus !== undefined && status === this.okStatus ? '' : status;
    const requests = f.requests.seriesFor([cells.model, value]);
    const duration = f.requestDuration.seriesFor([cells.model, value]);
    if (requests === undefined || duration === undefined) {
      return undefined;
    }
    const offsets = Int32Array.of(requests.offset, duration.offset);
    cells.statuses.set(status, offsets);
    return offsets;
  }

  private cellsOf(model: string): ModelCells | undefined {
    const cached = this.models.get(model);
    if (cached !== undefined) {
      return cached;
    }
    if (typeof model !== 'string') {
      this.families.requests.drop('invalid_label');
      return undefined;
    }

    const cells = new ModelCells(model);
    // Past the series limit every new model is dropped anyway, so the cache
    // stops growing there too.
    if (this.models.size < this.maxModels) {
      this.models.set(model, cells);
    }
    return cells;
  }
}
