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
  'auth.csrf': {
    status: 403,
    en: 'This request could not be verified. Reload the page and try again.',
    es: 'No se pudo verificar esta solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
  },
  'auth.mfa_required': {
    status: 401,
    en: 'Finish signing in with your MFA device first.',
    es: 'Primero termine de iniciar sesión con su dispositivo MFA.',
  },
  'sign_in.failed': {
    status: 401,
    en: 'The user ID or password is not correct, or the user ID is locked. After 3 failed attempts a user ID is locked for 60 minutes; reset your password to unlock it now.',
    es: 'El ID de usuario o la contraseña no son correctos, o el ID de usuario está bloqueado. Después de 3 intentos fallidos, el ID de usuario se bloquea durante 60 minutos; restablezca su contraseña para desbloquearlo ahora.',
  },
  'sign_in.terms_required': {
    status: 400,
    en: 'You must agree to the terms and conditions to sign in.',
    es: 'Debe aceptar los términos y condiciones para iniciar sesión.',
  },
  'sign_in.terms_outdated': {
    status: 409,
    en: 'The terms and conditions have changed. Read the new version and agree to it to sign in.',
    es: 'Los términos y condiciones cambiaron. Lea la nueva versión y acéptela para iniciar sesión.',
  },
  'sign_in.email_unverified': {
    status: 403,
    en: 'Verify your email address first: open the link we emailed you when you registered.',
    es: 'Primero verifique su correo electrónico: abra el enlace que le enviamos al registrarse.',
  },
  'sign_in.account_disabled': {
    status: 403,
    en: 'This account is disabled. Reset your password to enable it again.',
    es: 'Esta cuenta está desactivada. Restablezca su contraseña para activarla de nuevo.',
  },
  'mfa.code_invalid': {
    status: 400,
    en: 'The code is not correct or has expired.',
    es: 'El código no es correcto o ha vencido.',
  },
  'mfa.webauthn_failed': {
    status: 400,
    en: 'The security key could not be verified. Try again.',
    es: 'No se pudo verificar la llave de seguridad. Inténtelo de nuevo.',
  },
  'mfa.last_factor': {
    status: 409,
    en: 'You cannot remove your only MFA device. Add another one first.',
    es: 'No puede eliminar su único dispositivo MFA. Primero agregue otro.',
  },
  'mfa.kind_unavailable': {
    status: 400,
    en: 'Text and voice codes are not offered here. Choose an authenticator app, a security key or email.',
    es: 'Aquí no se ofrecen códigos por mensaje de texto ni de voz. Elija una aplicación de autenticación, una llave de seguridad o el correo electrónico.',
  },
  'mfa.phone_required': {
    status: 400,
    en: 'Enter the phone number for text or voice codes.',
    es: 'Ingrese el número de teléfono para los códigos por mensaje de texto o de voz.',
  },
  'password.rejected': {
    status: 400,
    en: 'The password does not meet the password rules.',
    es: 'La contraseña no cumple las reglas de contraseñas.',
  },
  'password.incorrect': {
    status: 400,
    en: 'The current password is not correct.',
    es: 'La contraseña actual no es correcta.',
  },
  'password.changed_recently': {
    status: 409,
    en: 'Your password was changed less than a day ago. You can change it again after one day.',
    es: 'Su contraseña se cambió hace menos de un día. Puede cambiarla de nuevo después de un día.',
  },
  'registration.user_id_taken': {
    status: 409,
    en: 'This user ID is taken. Choose another one.',
    es: 'Este ID de usuario ya está en uso. Elija otro.',
  },
  'token.invalid': {
    status: 400,
    en: 'This link is not valid or has expired. Ask for a new one.',
    es: 'Este enlace no es válido o ha vencido. Solicite uno nuevo.',
  },
  'catalog.invalid': {
    status: 400,
    en: 'The role catalog is not valid.',
    es: 'El catálogo de roles no es válido.',
  },
  'assignment.limit_reached': {
    status: 409,
    en: 'This organization already has as many holders of this role as it may have.',
    es: 'Esta organización ya tiene tantos titulares de este rol como puede tener.',
  },
  'assignment.already_held': {
    status: 409,
    en: 'This role is already held for this organization.',
    es: 'Este rol ya está asignado para esta organización.',
  },
  'assignment.reason_required': {
    status: 400,
    en: 'Give the reason for removing this role.',
    es: 'Indique el motivo para eliminar este rol.',
  },
  'role_request.duplicate': {
    status: 409,
    en: 'You already hold this role for this organization, or already asked for it.',
    es: 'Usted ya tiene este rol para esta organización, o ya lo solicitó.',
  },
  'role_request.not_requestable': {
    status: 400,
    en: 'This role cannot be requested.',
    es: 'Este rol no se puede solicitar.',
  },
  'role_request.organization_required': {
    status: 400,
    en: 'Choose the organization this role is for.',
    es: 'Elija la organización para la que es este rol.',
  },
  'role_request.organization_not_found': {
    status: 404,
    en: 'If your organization is not found, it has not been created by an approver yet.',
    es: 'Si no encuentra su organización, todavía no ha sido creada por un aprobador.',
  },
  'role_request.new_organization_mismatch': {
    status: 400,
    en: 'The submitter ID and legal business name must match an approved new organization form that names you as approver.',
    es: 'El ID de remitente y el nombre legal de la empresa deben coincidir con un formulario de nueva organización aprobado que lo nombre a usted como aprobador.',
  },
  'role_request.self_decision': {
    status: 403,
    en: 'You cannot decide your own request.',
    es: 'No puede decidir su propia solicitud.',
  },
  'role_request.already_decided': {
    status: 409,
    en: 'This request was already decided.',
    es: 'Esta solicitud ya fue decidida.',
  },
  'role_request.comment_required': {
    status: 400,
    en: 'Give the reason for rejecting this request.',
    es: 'Indique el motivo para rechazar esta solicitud.',
  },
  'certification.acknowledgement_required': {
    status: 400,
    en: 'Check "I acknowledge" before you certify or revoke.',
    es: 'Marque "Reconozco" antes de certificar o revocar.',
  },
  'certification.acknowledgement_outdated': {
    status: 409,
    en: 'The acknowledgement text has changed. Read the new text and acknowledge it again.',
    es: 'El texto de reconocimiento cambió. Lea el nuevo texto y reconózcalo de nuevo.',
  },
  'certification.not_due': {
    status: 409,
    en: 'This role is not due for certification yet.',
    es: 'Este rol todavía no debe certificarse.',
  },
  'certification.self': {
    status: 403,
    en: 'You cannot certify or revoke your own role.',
    es: 'No puede certificar ni revocar su propio rol.',
  },
  'certification.already_decided': {
    status: 409,
    en: 'This certification was already decided, or the role was removed. Reload the list.',
    es: 'Esta certificación ya fue decidida, o el rol fue eliminado. Vuelva a cargar la lista.',
  },
  'certification.nothing_selected': {
    status: 400,
    en: 'Select the roles to certify or revoke, or choose the whole list.',
    es: 'Seleccione los roles que desea certificar o revocar, o elija toda la lista.',
  },
  'organization_form.reason_required': {
    status: 400,
    en: 'Give the reason for returning or rejecting this form.',
    es: 'Indique el motivo para devolver o rechazar este formulario.',
  },
  'organization_form.self_review': {
    status: 403,
    en: 'You cannot review a form you submitted.',
    es: 'No puede revisar un formulario que usted envió.',
  },
  'organization_form.already_reviewed': {
    status: 409,
    en: 'This form was already reviewed or withdrawn.',
    es: 'Este formulario ya fue revisado o retirado.',
  },
  'organization_form.not_returned': {
    status: 409,
    en: 'Only a form returned for correction can be changed.',
    es: 'Solo se puede cambiar un formulario devuelto para corrección.',
  },
  'organization_form.update_pending': {
    status: 409,
    en: 'This organization already has an update request in progress.',
    es: 'Esta organización ya tiene una solicitud de actualización en curso.',
  },
  'organization_form.too_many': {
    status: 429,
    en: 'You have sent as many organization forms as one person may in a day. Try again tomorrow, or call the help desk.',
    es: 'Ha enviado tantos formularios de organización como una persona puede enviar en un día. Inténtelo de nuevo mañana o llame a la mesa de ayuda.',
  },
  'organization_form.approver_only': {
    status: 403,
    en: "Only the organization's approver can request an update of its records.",
    es: 'Solo el aprobador de la organización puede solicitar que se actualicen sus registros.',
  },
  'access_api.unauthorized': {
    status: 401,
    en: 'Send a client credentials access token of a registered client (Authorization: Bearer).',
    es: 'Envíe un token de acceso de credenciales de cliente de un cliente registrado (Authorization: Bearer).',
  },
  'oidc.interaction_expired': {
    status: 400,
    en: 'This sign-in request has expired. Go back to the application and sign in again.',
    es: 'Esta solicitud de inicio de sesión venció. Vuelva a la aplicación e inicie sesión de nuevo.',
  },
  'oidc_client.invalid': {
    status: 400,
    en: 'The client application settings are not valid.',
    es: 'La configuración de la aplicación cliente no es válida.',
  },
  'webhook.invalid': {
    status: 400,
    en: 'The webhook settings are not valid.',
    es: 'La configuración del webhook no es válida.',
  },
  'webhook.already_pending': {
    status: 409,
    en: 'This message is already waiting to be sent.',
    es: 'Este mensaje ya está en espera de envío.',
  },
  'help_desk.not_locked': {
    status: 409,
    en: 'This account is not locked.',
    es: 'Esta cuenta no está bloqueada.',
  },
  'help_desk.no_mfa_devices': {
    status: 409,
    en: 'This person has no MFA device to reset. They will set one up at their next sign-in.',
    es: 'Esta persona no tiene ningún dispositivo MFA que restablecer. Configurará uno la próxima vez que inicie sesión.',
  },
  'help_desk.already_verified': {
    status: 409,
    en: 'This email address is already verified.',
    es: 'Esta dirección de correo electrónico ya está verificada.',
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
