// Measures the per-call overhead of @mm-orch/tracing against the raw
// OpenTelemetry SDK doing the same work, and of a disabled tracer against
// no tracing at all, then writes the ratios to BENCHMARKS.md.
//
// Run with `pnpm bench` (after `pnpm build`), or `node bench/overhead.mjs`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { OTelTracer } from '../dist/index.js';

const CALLS_PER_ROUND = 4_000;
// Calls that cost a few hundred ns need more of them per round, so that a
// round lasts well above the 1 µs resolution of `process.cpuUsage()`.
const CALLS_PER_SHORT_ROUND = 40_000;
const ROUNDS = 101;
const WARMUP_ROUNDS = 10;

/** Exporter that accepts every batch at once, so only tracing is measured. */
function discardingExporter() {
  return {
    export(_spans, done) {
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
    forceFlush: async () => {},
  };
}

const REQUEST = {
  model: 'llama-3-8b',
  operation: 'chat',
  requestId: 'req-1',
  maxTokens: 256,
  queueWaitMs: 3,
};
const RESPONSE = {
  inputTokens: 120,
  outputTokens: 48,
  finishReasons: ['stop'],
};

let sink = 0;
async function modelCall(value) {
  sink = (sink + value) % 1_000_003;
  return sink;
}

/** Simulates a model call that waits one event-loop turn, as any I/O does. */
async function ioModelCall(value) {
  await new Promise(setImmediate);
  return modelCall(value);
}

// The app's default share of sampled root traces.
const DEFAULT_RATIO = 0.05;

/**
 * Returns the raw SDK doing what `traceInference` does, with a parent-based
 * ratio sampler and either a batch processor or the SDK's in-memory
 * exporter behind its simple processor, which each round starts by emptying.
 */
function rawSdkCase({ ratio = 1, memory = false } = {}) {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const memoryExporter = memory ? new InMemorySpanExporter() : undefined;
  const processor = memoryExporter
    ? new SimpleSpanProcessor(memoryExporter)
    : new BatchSpanProcessor(discardingExporter());
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(ratio),
    }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('bench');

  return async (index) => {
    if (index === 0) {
      memoryExporter?.reset();
    }
    const parent = contextManager.active();
    const span = tracer.startSpan(
      `${REQUEST.operation} ${REQUEST.model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': REQUEST.operation,
          'gen_ai.request.model': REQUEST.model,
          'mm_orch.request.id': REQUEST.requestId,
          'gen_ai.request.max_tokens': REQUEST.maxTokens,
          'mm_orch.queue.wait_ms': REQUEST.queueWaitMs,
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    try {
      return await contextManager.with(ctx, async () => {
        const result = await modelCall(index);
        span.setAttribute('gen_ai.usage.input_tokens', RESPONSE.inputTokens);
        span.setAttribute('gen_ai.usage.output_tokens', RESPONSE.outputTokens);
        span.setAttribute(
          'gen_ai.response.finish_reasons',
          RESPONSE.finishReasons,
        );
        return result;
      });
    } finally {
      span.end();
    }
  };
}

function tracedCase({ ratio = 1, memory = false } = {}) {
  const tracer = memory
    ? new OTelTracer({ samplerRatio: ratio, exporter: { type: 'memory' } })
    : new OTelTracer({
        samplerRatio: ratio,
        spanExporter: discardingExporter(),
      });
  return (index) =>
    tracer.traceInference(REQUEST, async (span) => {
      const result = await modelCall(index);
      span.recordResponse(RESPONSE);
      return result;
    });
}

// Attributes of a request's root span, as the orchestrator sets them.
const ROOT_SPAN = {
  kind: SpanKind.SERVER,
  attributes: {
    'http.request.method': 'POST',
    'http.route': '/v1/completions',
    'gen_ai.operation.name': REQUEST.operation,
    'gen_ai.request.model': REQUEST.model,
    'mm_orch.request.id': REQUEST.requestId,
  },
};

/**
 * Returns a call that starts and ends a root span under `ROOT_CONTEXT`
 * without activating a context, through the raw SDK tracer with a
 * parent-based ratio sampler and a batch processor.
 */
function rawStartCase(ratio) {
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(ratio),
    }),
    spanProcessors: [new BatchSpanProcessor(discardingExporter())],
  });
  const tracer = provider.getTracer('bench');
  return (index) => {
    tracer.startSpan('POST /v1/completions', ROOT_SPAN, ROOT_CONTEXT).end();
    return index;
  };
}

/** Returns the call of `rawStartCase`, made through `OTelTracer.startSpan()`. */
function startCase(ratio) {
  const tracer = new OTelTracer({
    samplerRatio: ratio,
    spanExporter: discardingExporter(),
  });
  return (index) => {
    tracer.startSpan('POST /v1/completions', ROOT_SPAN, ROOT_CONTEXT).end();
    return index;
  };
}

function untracedCase(call) {
  return (index) => call(index);
}

function disabledCase(call) {
  const tracer = new OTelTracer({ enabled: false });
  return (index) =>
    tracer.traceInference(REQUEST, (span) => {
      span.recordResponse(RESPONSE);
      return call(index);
    });
}

/**
 * Returns the CPU time of this process per call, in ns. CPU time leaves out
 * the time other processes hold the cores, which wall-clock time on a
 * shared machine does not.
 */
async function timeRound(run, calls) {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) {
    await run(index);
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1_000) / calls;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times two cases in short alternating rounds and returns the median ns per
 * call of each and the median of the per-round ratios. Pairing each round
 * of the candidate with the baseline round next to it cancels most of the
 * drift that other processes on the machine cause.
 */
async function compare(baseline, candidate, calls = CALLS_PER_ROUND) {
  const baselineTimes = [];
  const candidateTimes = [];
  const ratios = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
    let baselineNs;
    let candidateNs;
    if (round % 2 === 0) {
      baselineNs = await timeRound(baseline, calls);
      candidateNs = await timeRound(candidate, calls);
    } else {
      candidateNs = await timeRound(candidate, calls);
      baselineNs = await timeRound(baseline, calls);
    }
    if (round >= WARMUP_ROUNDS) {
      baselineTimes.push(baselineNs);
      candidateTimes.push(candidateNs);
      ratios.push(candidateNs / baselineNs);
    }
  }
  return {
    baselineNs: median(baselineTimes),
    candidateNs: median(candidateTimes),
    ratio: median(ratios),
  };
}

function row(name, baselineName, result, target) {
  const verdict = result.ratio <= target ? 'met' : 'missed';
  const targetCell =
    target === Number.POSITIVE_INFINITY ? 'none' : `${target}x (${verdict})`;
  return [
    name,
    baselineName,
    result.baselineNs.toFixed(0),
    result.candidateNs.toFixed(0),
    `${result.ratio.toFixed(3)}x`,
    targetCell,
  ];
}

/** Formats a Markdown table with padded columns, as Biome formats it. */
function markdownTable(header, rows) {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((cells) => cells[column].length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const separator = widths.map((width) => '-'.repeat(width));
  return [line(header), line(separator), ...rows.map(line)];
}

const loadBefore = loadavg()[0];
const enabled = await compare(rawSdkCase(), tracedCase());
const sampled = await compare(
  rawSdkCase({ ratio: DEFAULT_RATIO }),
  tracedCase({ ratio: DEFAULT_RATIO }),
);
const sampledVsNone = await compare(
  untracedCase(modelCall),
  tracedCase({ ratio: DEFAULT_RATIO }),
);
const memory = await compare(
  rawSdkCase({ memory: true }),
  tracedCase({ memory: true }),
);
const disabled = await compare(
  untracedCase(modelCall),
  disabledCase(modelCall),
  CALLS_PER_SHORT_ROUND,
);
const disabledIo = await compare(
  untracedCase(ioModelCall),
  disabledCase(ioModelCall),
);

const started = await compare(
  rawStartCase(DEFAULT_RATIO),
  startCase(DEFAULT_RATIO),
);

const loadAfter = loadavg()[0];
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks of @mm-orch/tracing',
  '',
  `Command: \`pnpm --filter @mm-orch/tracing bench\` (runs \`node bench/overhead.mjs\` against \`dist/\`).`,
  '',
  `Machine: ${cpus().length} cores (${cpuModel}), ${platform()}, Node ${process.version}. One-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the run: a load above the core count means other processes shared the CPU, and on such a machine the ratios moved by up to about 0.05 between runs (observed, not a bound).`,
  '',
  `Method: ${CALLS_PER_ROUND} sequential awaited calls per round (${CALLS_PER_SHORT_ROUND} for the trivial disabled case), ${ROUNDS} measured rounds after ${WARMUP_ROUNDS} warm-up rounds, the two cases of a row alternating round by round. Each round is timed in CPU time of the benchmark process (\`process.cpuUsage()\`, user plus system). The ns/call columns are median rounds, and the ratio is the median of the per-round ratios.`,
  '',
  ...markdownTable(
    [
      'case',
      'baseline',
      'baseline CPU ns/call',
      'case CPU ns/call',
      'ratio',
      'target',
    ],
    [
      row(
        '`traceInference` with batch processor',
        'raw SDK, same span and attributes',
        enabled,
        1.1,
      ),
      row(
        `\`traceInference\` with batch processor, ${DEFAULT_RATIO * 100}% of roots sampled`,
        'raw SDK, same sampler, span and attributes',
        sampled,
        1.1,
      ),
      row(
        `\`traceInference\` with batch processor, ${DEFAULT_RATIO * 100}% of roots sampled`,
        'the same call with no tracing',
        sampledVsNone,
        Number.POSITIVE_INFINITY,
      ),
      row(
        '`traceInference` with memory exporter',
        'raw SDK, `SimpleSpanProcessor` and `InMemorySpanExporter`',
        memory,
        1.1,
      ),
      row(
        `\`startSpan\` of a root, ${DEFAULT_RATIO * 100}% sampled, not activated`,
        'raw SDK `startSpan`, same sampler, span and attributes',
        started,
        1.1,
      ),
      row(
        '`traceInference` on a disabled tracer, trivial async call',
        'the same call with no tracing',
        disabled,
        1.05,
      ),
      row(
        '`traceInference` on a disabled tracer, call waiting one I/O turn',
        'the same call with no tracing',
        disabledIo,
        1.05,
      ),
    ],
  ),
  '',
  'The batch processor rows send spans through a `BatchSpanProcessor` to an exporter that accepts every batch at once, so the figures are the cost of tracing itself, not of any network. The memory exporter row keeps the spans in memory: the tracer in its bounded buffer (10,000 spans by default), the raw SDK in an `InMemorySpanExporter` emptied at the start of each round.',
  '',
  `The row of ${DEFAULT_RATIO * 100}% sampled roots against no tracing is mostly the cost of the trace context that an unsampled root still carries (the sampled ${DEFAULT_RATIO * 100}% add about ${DEFAULT_RATIO} times a recorded span), so that propagation works: a trace id and a span id, a context with the span, and the AsyncLocalStorage scope that \`traceInference\` runs \`fn\` in. Each tracer in this process enables its own AsyncLocalStorage, which makes every promise a little dearer, so this row overstates the cost in a process with one tracer. The raw SDK's \`InMemorySpanExporter\` (sdk-trace 2.12) calls back on a \`setTimeout\` per export, which is part of why its row is slower.`,
  '',
  'The trivial async call is the worst case for the disabled tracer: the call does almost nothing, so the closure and the check that `traceInference` adds are a visible share of it. Any real model call waits for I/O, which the last row imitates with one `setImmediate` turn.',
  '',
];
const benchmarksPath = fileURLToPath(
  new URL('../BENCHMARKS.md', import.meta.url),
);
// Hand-written sections from this heading on record one-off comparisons
// that this script cannot rerun, so a new run keeps them.
const KEPT_HEADING = '## Before and after';
const previous = existsSync(benchmarksPath)
  ? readFileSync(benchmarksPath, 'utf8')
  : '';
const keptStart = previous.indexOf(KEPT_HEADING);
const keptSections = keptStart === -1 ? '' : `\n${previous.slice(keptStart)}`;
const output = lines.join('\n');
process.stdout.write(output);
writeFileSync(benchmarksPath, `${output}${keptSections}`);
