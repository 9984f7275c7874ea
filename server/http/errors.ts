/**
 * One error type for everything a caller can get wrong, with a stable machine code. The HTTP
 * error handler maps the code to a status and a message in the caller's language; services
 * throw these and never think about HTTP.
 */
export const ERROR_CATALOG = {
  'request.invalid': { status: 400, en: 'The request is not valid.', es: 'La solicitud no es válida.' },
  'request.too_large': { status: 413, en: 'The request is too large.', es: 'La solicitud es demasiado grande.' },
  'request.unsupported_media_type': {
    status: 415,
    en: 'The request body must be JSON.',
    es: 'El cuerpo de la solicitud debe ser JSON.',
  },
  'request.rate_limited': {
    status: 429,
    en: 'Too many requests. Please wait and try again.',
    es: 'Demasiadas solicitudes. Espere e inténtelo de nuevo.',
  },
  'auth.required': { status: 401, en: 'Please sign in.', es: 'Inicie sesión.' },
  'auth.forbidden': {
    status: 403,
    en: 'You are not allowed to do this.',
    es: 'No tiene permiso para hacer esto.',
  },
  'resource.not_found': { status: 404, en: 'Not found.', es: 'No se encontró.' },
  'route.not_found': { status: 404, en: 'There is nothing at this address.', es: 'No hay nada en esta dirección.' },
  'resource.conflict': {
    status: 409,
    en: 'This was changed by someone else. Reload and try again.',
    es: 'Otra persona cambió esto. Vuelva a cargar e inténtelo de nuevo.',
  },
  'server.unavailable': {
    status: 503,
    en: 'The service is not available right now.',
    es: 'El servicio no está disponible en este momento.',
  },
  'server.internal': {
    status: 500,
    en: 'Something went wrong on our side. Please try again.',
    es: 'Algo salió mal de nuestro lado. Inténtelo de nuevo.',
  },
} as const satisfies Record<string, { status: number; en: string; es: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export type Language = 'en' | 'es';

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    /** Field-level details safe to show the caller, e.g. which field failed which rule. */
    readonly details?: Record<string, unknown>,
  ) {
    super(ERROR_CATALOG[code].en);
    this.name = 'AppError';
    this.status = ERROR_CATALOG[code].status;
  }
}

export function errorMessage(code: ErrorCode, language: Language): string {
  return ERROR_CATALOG[code][language];
}

export const notFound = (): AppError => new AppError('resource.not_found');
