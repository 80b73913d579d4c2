import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths, components, operations } from "./schema.js";

/** Options of {@link createScissionClient}. */
export interface ScissionClientOptions {
  /** Sent as X-Api-Key on every request: needed for writes once the service has a key. */
  apiKey?: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A client of every route of the service, typed from its OpenAPI document: paths, parameters, bodies and each
 * answer (problems included) are checked by the compiler.
 */
export function createScissionClient(baseUrl: string, options: ScissionClientOptions = {}) {
  return createClient<paths>({
    baseUrl,
    headers: options.apiKey === undefined ? {} : { "X-Api-Key": options.apiKey },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

/** The client {@link createScissionClient} returns. */
export type ScissionClient = ReturnType<typeof createScissionClient>;
