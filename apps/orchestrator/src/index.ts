export { InferenceError } from './errors.js';
export type {
  FunctionModel,
  FunctionModelInput,
  FunctionModelOutput,
} from './models/function-adapter.js';
export type { ModelRegistry } from './models/model-registry.js';
export type {
  ModelRuntime,
  ModelState,
  ModelStatus,
} from './models/model-runtime.js';
export type { SimulatedFaults } from './models/simulated-adapter.js';
export type {
  AlertDelivery,
  DeliveryListener,
} from './monitoring/alert-delivery.js';
export type { ComponentStatus } from './monitoring/component-status.js';
export {
  type CreateOrchestratorOptions,
  createOrchestrator,
  Orchestrator,
  type OrchestratorAddresses,
  type OrchestratorStatus,
} from './orchestrator.js';
