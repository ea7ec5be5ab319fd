import {
  type ContextManager,
  context,
  propagation,
  type TextMapPropagator,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { TracingError } from './tracing-error.js';

/** The three globals that `register()` installs. */
export interface GlobalTracing {
  provider: TracerProvider;
  contextManager: ContextManager;
  propagator: TextMapPropagator;
}

function alreadyRegistered(component: string): TracingError {
  return new TracingError(
    'TRACING_ALREADY_REGISTERED',
    `register() failed: another OpenTelemetry ${component} is already registered globally. Call unregister() on the tracer that registered it, or disable it through @opentelemetry/api, before registering this tracer.`,
  );
}

/**
 * Installs the tracer provider, context manager and propagator as the
 * OpenTelemetry globals, all three or none.
 * @throws TracingError with code `TRACING_ALREADY_REGISTERED` when one of
 * them is already installed.
 */
export function registerGlobals(globals: GlobalTracing): void {
  if (!trace.setGlobalTracerProvider(globals.provider)) {
    throw alreadyRegistered('tracer provider');
  }
  if (!context.setGlobalContextManager(globals.contextManager)) {
    trace.disable();
    throw alreadyRegistered('context manager');
  }
  if (!propagation.setGlobalPropagator(globals.propagator)) {
    trace.disable();
    context.disable();
    globals.contextManager.enable();
    throw alreadyRegistered('propagator');
  }
}

/**
 * Removes the OpenTelemetry globals. The context manager stays usable,
 * because the tracer keeps using it after unregistering.
 */
export function unregisterGlobals(globals: GlobalTracing): void {
  trace.disable();
  propagation.disable();
  context.disable();
  globals.contextManager.enable();
}
