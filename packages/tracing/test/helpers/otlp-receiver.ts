import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reply of the receiver to every export request. */
export type ReceiverMode = 'accept' | 'fail-500' | 'hang';

/** One export request as the receiver decoded it. */
export interface ReceivedExport {
  headers: IncomingMessage['headers'];
  body: OtlpTraceRequest;
}

/** The parts of an OTLP/JSON trace export request that tests read. */
export interface OtlpTraceRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: Array<{
      scope: { name: string; version?: string };
      spans: OtlpSpan[];
    }>;
  }>;
}

/** An attribute in OTLP/JSON form. */
export interface OtlpKeyValue {
  key: string;
  value: {
    stringValue?: string;
    intValue?: number | string;
    boolValue?: boolean;
    doubleValue?: number;
    arrayValue?: { values: OtlpKeyValue['value'][] };
  };
}

/** A span in OTLP/JSON form. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes: OtlpKeyValue[];
  events: Array<{ name: string; attributes: OtlpKeyValue[] }>;
  links: Array<{ traceId: string; spanId: string }>;
  status: { code?: number; message?: string };
}

/** Local OTLP/HTTP receiver on 127.0.0.1 that decodes JSON exports. */
export class OtlpReceiver {
  readonly received: ReceivedExport[] = [];
  mode: ReceiverMode;
  private readonly server: Server;

  private constructor(mode: ReceiverMode) {
    this.mode = mode;
    this.server = createServer((request, response) => {
      this.handle(request, response);
    });
  }

  /** Starts a receiver on a free loopback port. */
  static async start(mode: ReceiverMode = 'accept'): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver(mode);
    await new Promise<void>((resolve) => {
      receiver.server.listen(0, '127.0.0.1', resolve);
    });
    return receiver;
  }

  /** URL of the traces endpoint. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1/traces`;
  }

  /** Returns every span received so far, in arrival order. */
  spans(): OtlpSpan[] {
    return this.received.flatMap((entry) =>
      entry.body.resourceSpans.flatMap((resource) =>
        resource.scopeSpans.flatMap((scope) => scope.spans),
      ),
    );
  }

  /** Stops the receiver and drops open connections, hanging ones included. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (this.mode === 'hang') {
        return;
      }
      if (this.mode === 'fail-500') {
        response.writeHead(500).end('collector failure');
        return;
      }

      const text = Buffer.concat(chunks).toString('utf8');
      this.received.push({
        headers: request.headers,
        body: JSON.parse(text) as OtlpTraceRequest,
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  }
}

/** Returns a loopback URL on which nothing listens. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/traces`;
}

/** Finds the value of an OTLP attribute by key. */
export function attributeValue(attributes: OtlpKeyValue[], key: string) {
  return attributes.find((attribute) => attribute.key === key)?.value;
}
