import type { AlertRouter } from '@mm-orch/alerts';
import type { AnomalyEvent, PerformanceMonitor } from '@mm-orch/anomaly';
import {
  type Logger,
  OrchestratorConfig,
  type OrchestratorConfigInput,
  type OrchestratorConfigOutput,
  parseConfig,
} from '@mm-orch/config';
import type { PrometheusExporter } from '@mm-orch/metrics';
import type { OTelTracer } from '@mm-orch/tracing';
import type { FastifyInstance } from 'fastify';
import { InferenceError } from './errors.js';
import { InferenceService } from './inference/inference-service.js';
import type { RequestMonitor } from './inference/request-monitor.js';
import { createLogger } from './logger.js';
import type { FunctionModel } from './models/function-adapter.js';
import { ModelRegistry } from './models/model-registry.js';
import type { ModelStatus } from './models/model-runtime.js';
import {
  SimulatedAdapter,
  type SimulatedFaults,
} from './models/simulated-adapter.js';
import type { DeliveryListener } from './monitoring/alert-delivery.js';
import type { ComponentStatus } from './monitoring/component-status.js';
import type { ComponentName } from './monitoring/failure-tracker.js';
import { Monitoring } from './monitoring/monitoring.js';
import { registerAdminRoutes } from './server/admin-routes.js';
import { registerAlertRoutes } from './server/alert-routes.js';
import { createHttpServer } from './server/http-server.js';
import { registerOpenAiRoutes } from './server/openai-routes.js';

/** Options of `createOrchestrator`. */
export interface CreateOrchestratorOptions {
  /** Configuration. Omitted fields take the embedded defaults. */
  config?: OrchestratorConfigInput;
  /**
   * Configuration already parsed, e.g. by `loadConfig`. It wins over
   * `config`.
   */
  resolvedConfig?: OrchestratorConfigOutput;
  /** pino-compatible logger. @default pino at level `warn` on stderr */
  logger?: Logger;
  /** Functions served by models with a `function` adapter, by name. */
  functions?: Readonly<Record<string, FunctionModel>>;
  /**
   * Clock of the event times fed to anomaly detection, in ms since the
   * epoch. A replay passes one that runs faster than the wall clock.
   * @default Date.now
   */
  clock?: () => number;
}

/** Addresses of a started orchestrator. */
export interface OrchestratorAddresses {
  /** Base URL of the API, e.g. "http://127.0.0.1:8080". */
  url: string;
  /** URL of the Prometheus scrape endpoint, or "" when metrics are off. */
  metricsUrl: string;
}

/** Document served by `GET /status`. */
export interface OrchestratorStatus {
  accepting: boolean;
  inFlightRequests: number;
  models: ModelStatus[];
  monitoring: Record<ComponentName, ComponentStatus>;
}

/**
 * The orchestrator app in-process: HTTP API, models and monitoring.
 *
 * Shape, kept stable for the demo and the tests:
 * - `config`: the parsed `OrchestratorConfigOutput`;
 * - `models`: the `ModelRegistry` (`get(name)`, `names()`, `all()`), each a
 *   `ModelRuntime` with `state`, `load()`, `unload()`, `status()`, `cache`;
 * - `exporter`, `tracer`, `monitor`, `router`: the `PrometheusExporter`,
 *   `OTelTracer`, `PerformanceMonitor` and `AlertRouter`, each `undefined`
 *   when its config section has `enabled: false`;
 * - `http`: the fastify instance;
 * - `start()` listens on `server.port` (0 picks a free port) and resolves
 *   with `{ url, metricsUrl }`; `stop()` shuts down gracefully and may be
 *   called more than once;
 * - `setFault(model, fault)` changes a simulated model's faults;
 * - `onAnomaly(listener)` and `onAlert(listener)` report each anomaly event
 *   and each alert notification that a destination accepted; both return
 *   a function that unsubscribes;
 * - `status()` returns the `GET /status` document.
 */
export class Orchestrator {
  readonly config: OrchestratorConfigOutput;
  readonly models: ModelRegistry<RequestMonitor>;
  readonly http: FastifyInstance;
  readonly monitoring: Monitoring;
  readonly logger: Logger;
  private readonly service: InferenceService;
  private addresses: OrchestratorAddresses | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: CreateOrchestratorOptions = {}) {
    this.config =
      options.resolvedConfig ??
      parseConfig(OrchestratorConfig, options.config ?? {}, {
        source: 'createOrchestrator config',
      });
    this.logger = options.logger ?? createLogger();
    this.monitoring = new Monitoring({
      config: this.config,
      logger: this.logger,
      clock: options.clock ?? Date.now,
    });
    this.models = new ModelRegistry<RequestMonitor>(
      this.config.models,
      options.functions ?? {},
      this.monitoring.hooks,
      this.logger,
    );
    this.service = new InferenceService(
      this.models,
      (info) => this.monitoring.startRequest(info),
      {
        requestTimeoutMs: this.config.server.requestTimeout,
        logger: this.logger,
      },
    );
    this.http = this.createHttp();
  }

  /** Prometheus exporter, or `undefined` when metrics are off. */
  get exporter(): PrometheusExporter | undefined {
    return this.monitoring.exporter;
  }

  /** Tracer, or `undefined` when tracing is off. */
  get tracer(): OTelTracer | undefined {
    return this.monitoring.tracer;
  }

  /** Performance monitor, or `undefined` when anomaly detection is off. */
  get monitor(): PerformanceMonitor | undefined {
    return this.monitoring.monitor;
  }

  /** Alert router, or `undefined` when alerting is off. */
  get router(): AlertRouter | undefined {
    return this.monitoring.router;
  }

  /** Calls `listener` with each anomaly event and returns an unsubscribe. */
  onAnomaly(listener: (event: AnomalyEvent) => void): () => void {
    return this.monitoring.onAnomalyEvent(listener);
  }

  /**
   * Calls `listener` with each notification that a destination accepted
   * and returns an unsubscribe.
   */
  onAlert(listener: DeliveryListener): () => void {
    return this.monitoring.onAlertDelivered(listener);
  }

  /**
   * Loads the models marked `loadOnStart`, starts monitoring and listens.
   * A model that fails to load is logged and left `failed`.
   */
  async start(): Promise<OrchestratorAddresses> {
    if (this.addresses) {
      return this.addresses;
    }

    await this.monitoring.start();
    const loads = this.models
      .all()
      .filter((runtime) => runtime.config.loadOnStart)
      .map((runtime) => runtime.load().catch(() => {}));
    await Promise.all(loads);

    const { host, port } = this.config.server;
    await this.http.listen({ host, port });
    const address = this.http.server.address();
    const boundPort =
      typeof address === 'object' && address ? address.port : port;
    this.addresses = {
      url: `http://${formatHost(host)}:${boundPort}`,
      metricsUrl: this.monitoring.metricsUrl(),
    };
    this.logger.warn(
      { url: this.addresses.url, metricsUrl: this.addresses.metricsUrl },
      'orchestrator started',
    );
    return this.addresses;
  }

  /**
   * Shuts down gracefully: rejects new requests with 503, sends queued
   * requests at once, waits for in-flight ones up to
   * `server.shutdownTimeout`, closes the server, then flushes traces and
   * alerts.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  /**
   * Changes some faults of a simulated model and returns the faults now in
   * effect. Throws an `InferenceError` (404 or 400) for any other model.
   */
  setFault(model: string, fault: Partial<SimulatedFaults>): SimulatedFaults {
    const runtime = this.models.get(model);
    if (!runtime) {
      throw new InferenceError(
        404,
        'MODEL_NOT_FOUND',
        `model "${model}" not found`,
      );
    }
    if (!(runtime.adapter instanceof SimulatedAdapter)) {
      throw new InferenceError(
        400,
        'FAULTS_UNSUPPORTED',
        `model "${model}" uses the ${runtime.adapter.type} adapter; faults apply to simulated models only`,
      );
    }

    runtime.adapter.setFaults(validFaults(fault));
    const faults = runtime.adapter.getFaults();
    this.logger.warn({ model, faults }, 'model faults changed');
    return faults;
  }

  /** Returns the `/status` document. */
  status(): OrchestratorStatus {
    return {
      accepting: this.stopping === undefined,
      inFlightRequests: this.service.inFlightRequests,
      models: this.models.all().map((runtime) => runtime.status()),
      monitoring: this.monitoring.status(),
    };
  }

  private createHttp(): FastifyInstance {
    const app = createHttpServer({
      bodyLimit: this.config.server.bodyLimit,
      logger: this.logger,
    });
    registerOpenAiRoutes(app, { service: this.service, registry: this.models });
    registerAdminRoutes(app, {
      registry: this.models,
      isAccepting: () => this.stopping === undefined,
      status: () => this.status(),
      setFault: (model, fault) => this.setFault(model, fault),
    });
    registerAlertRoutes(app, this.monitoring.router);
    return app;
  }

  private async shutDown(): Promise<void> {
    this.logger.warn('orchestrator stopping');
    this.service.stopAccepting();
    for (const runtime of this.models.all()) {
      void runtime.drain();
    }

    const drained = await waitFor(
      this.service.whenIdle(),
      this.config.server.shutdownTimeout,
    );
    if (!drained) {
      this.logger.warn(
        { inFlight: this.service.inFlightRequests },
        'shutdown timeout reached; closing open connections',
      );
      this.http.server.closeAllConnections?.();
    }

    await this.http.close();
    await this.monitoring.stop(this.config.server.shutdownTimeout);
    this.logger.warn('orchestrator stopped');
  }
}

/** Creates an orchestrator. Call `start()` to serve. */
export function createOrchestrator(
  options: CreateOrchestratorOptions = {},
): Orchestrator {
  return new Orchestrator(options);
}

const FAULT_CHECKS: Record<keyof SimulatedFaults, (value: unknown) => boolean> =
  {
    slowdownFactor: (value) => typeof value === 'number' && value > 0,
    errorRate: (value) => typeof value === 'number' && value >= 0 && value <= 1,
    stall: (value) => typeof value === 'boolean',
    memoryGrowthBytes: (value) =>
      Number.isInteger(value) && (value as number) >= 0,
  };

/** Checks a fault change and throws a 400 error naming an invalid field. */
function validFaults(fault: Record<string, unknown>): Partial<SimulatedFaults> {
  for (const [key, value] of Object.entries(fault)) {
    const check = FAULT_CHECKS[key as keyof SimulatedFaults];
    if (!check) {
      throw new InferenceError(
        400,
        'INVALID_FAULT',
        `unknown fault "${key}"; use ${Object.keys(FAULT_CHECKS).join(', ')}`,
      );
    }
    if (!check(value)) {
      throw new InferenceError(
        400,
        'INVALID_FAULT',
        `fault "${key}" has the invalid value ${JSON.stringify(value)}`,
      );
    }
  }
  return fault as Partial<SimulatedFaults>;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
async function waitFor(
  promise: Promise<unknown>,
  ms: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
