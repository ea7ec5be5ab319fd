import type { Logger, ModelConfigOutput } from '@mm-orch/config';
import { FunctionAdapter, type FunctionModel } from './function-adapter.js';
import { HttpAdapter } from './http-adapter.js';
import { ModelRuntime, type RuntimeHooks } from './model-runtime.js';
import { SimulatedAdapter } from './simulated-adapter.js';
import type { ModelAdapter } from './types.js';

/** Error raised for a model config that cannot be served. */
export class ModelSetupError extends Error {
  /** Stable uppercase code. */
  readonly code = 'MODEL_SETUP';

  constructor(message: string) {
    super(message);
    this.name = 'ModelSetupError';
  }
}

/** The served models by name. */
export class ModelRegistry<C = unknown> {
  private readonly runtimes = new Map<string, ModelRuntime<C>>();

  constructor(
    models: readonly ModelConfigOutput[],
    functions: Readonly<Record<string, FunctionModel>>,
    hooks: RuntimeHooks<C>,
    logger: Logger,
  ) {
    for (const config of models) {
      const adapter = createAdapter(config, functions, logger);
      this.runtimes.set(
        config.name,
        new ModelRuntime<C>(config, adapter, hooks, logger),
      );
    }
  }

  /** Returns the model named `name`, or `undefined`. */
  get(name: string): ModelRuntime<C> | undefined {
    return this.runtimes.get(name);
  }

  /** Returns the names of all models, in config order. */
  names(): string[] {
    return [...this.runtimes.keys()];
  }

  /** Returns all models, in config order. */
  all(): ModelRuntime<C>[] {
    return [...this.runtimes.values()];
  }
}

function createAdapter(
  config: ModelConfigOutput,
  functions: Readonly<Record<string, FunctionModel>>,
  logger: Logger,
): ModelAdapter {
  const options = config.adapter;
  switch (options.type) {
    case 'simulated':
      return new SimulatedAdapter(options);
    case 'http':
      return new HttpAdapter(config.name, options, logger);
    case 'function': {
      const name = options.name ?? config.name;
      const fn = functions[name];
      if (!fn) {
        throw new ModelSetupError(
          `model "${config.name}" uses function "${name}", which is not registered; pass it in createOrchestrator({ functions: { "${name}": fn } })`,
        );
      }
      return new FunctionAdapter(fn);
    }
    default:
      throw new ModelSetupError(
        `model "${config.name}" has an unknown adapter type; use simulated, http or function`,
      );
  }
}
