import type { FastifyError } from 'fastify';
import type { ApiErrorCode } from './errors.js';
import { API_ERRORS, ApiError } from './errors.js';

export interface ClassifiedError {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly message: string;
  /** True when the error is ours (a bug or an outage), not the client's. */
  readonly internal: boolean;
}

// fastify's own content-type parser errors, mapped to the API's codes.
const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

// A body with 100,000 unknown fields must not get a 3 MB answer: the first problems say what to fix.
const MAX_PROBLEMS = 10;

function describeValidation(error: FastifyError): string {
  const all = error.validation ?? [];
  const problems = all.slice(0, MAX_PROBLEMS).map((v) => {
    const where = `${error.validationContext ?? 'body'}${v.instancePath}`;
    const params = v.params;
    if (v.keyword === 'additionalProperties')
      return `${where} has an unknown field '${String(params.additionalProperty)}'`;
    if (v.keyword === 'required') return `${where} is missing the field '${String(params.missingProperty)}'`;
    return `${where} ${v.message ?? `fails ${v.keyword}`}`.slice(0, 200);
  });
  const more = all.length > MAX_PROBLEMS ? `; and ${all.length - MAX_PROBLEMS} more problems` : '';
  return `${problems.join('; ')}${more}`;
}

/** Decides the status, code and message for any error a request ends with. Bad input is never a 5xx. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ApiError) {
    return { code: error.code, status: error.statusCode, message: error.message, internal: false };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { code: 'INVALID_BODY', status: 400, message: describeValidation(fastifyError), internal: false };
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) {
    const detail =
      mapped === 'INVALID_JSON'
        ? `the request body is not valid JSON: ${fastifyError.message}`
        : API_ERRORS[mapped].message;
    return { code: mapped, status: API_ERRORS[mapped].status, message: detail, internal: false };
  }
  if (error instanceof SyntaxError) {
    return {
      code: 'INVALID_JSON',
      status: 400,
      message: `the request body is not valid JSON: ${error.message}`,
      internal: false,
    };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { code: 'BAD_REQUEST', status: 400, message: fastifyError.message, internal: false };
  }
  return { code: 'INTERNAL', status: 500, message: API_ERRORS.INTERNAL.message, internal: true };
}
