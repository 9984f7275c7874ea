import type { Language } from '../../http/errors.js';
import { say, type Localized } from '../../shared/localized.js';

type FactorKindName = 'totp' | 'webauthn' | 'email' | 'sms' | 'voice';

/** Each kind of MFA device, as the web app names it in each language. */
const FACTOR_KIND_NAMES: Record<'en' | 'es', Record<FactorKindName, string>> = {
  en: {
    totp: 'Authenticator app',
    webauthn: 'Security key or passkey',
    email: 'Email',
    sms: 'Text message (SMS)',
    voice: 'Voice call',
  },
  es: {
    totp: 'Aplicación de autenticación',
    webauthn: 'Llave de seguridad o clave de acceso',
    email: 'Correo electrónico',
    sms: 'Mensaje de texto (SMS)',
    voice: 'Llamada de voz',
  },
};

/** A device by the name its owner gave it, or by its kind in the reader's language. */
function deviceName(device: { label: string; kind: FactorKindName }, language: 'en' | 'es'): string {
  return device.label || FACTOR_KIND_NAMES[language][device.kind];
}

/**
 * Email templates, each in English and Spanish. A template turns typed parameters into a
 * subject and a plain-text body; the HTML part is derived from the text so the two never drift.
 */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface TemplateText {
  subject: string;
  /** Paragraphs; blank lines separate them. */
  body: string;
}

type TemplateDefinition<P> = Record<Language, (params: P) => TemplateText>;

function defineTemplate<P>(definition: TemplateDefinition<P>): TemplateDefinition<P> {
  return definition;
}

export const TEMPLATES = {
  /** Sent by an administrator to check that mail delivery works. */
  'system.test': defineTemplate<{ sentBy: string }>({
    en: ({ sentBy }) => ({
      subject: 'Rolecall test message',
      body: `This is a test message from Rolecall, sent by ${sentBy}.\n\nIf you can read it, email delivery works.`,
    }),
    es: ({ sentBy }) => ({
      subject: 'Mensaje de prueba de Rolecall',
      body: `Este es un mensaje de prueba de Rolecall, enviado por ${sentBy}.\n\nSi puede leerlo, el envío de correo funciona.`,
    }),
  }),

  'account.verify_email': defineTemplate<{ firstName: string; userId: string; link: string; hours: number }>({
    en: (p) => ({
      subject: 'Verify your email address',
      body: `Hello ${p.firstName},\n\nYou registered the user ID ${p.userId}. To finish, verify your email address by opening this link within ${p.hours} hours:\n\n${p.link}\n\nIf you did not register, ignore this message.`,
    }),
    es: (p) => ({
      subject: 'Verifique su correo electrónico',
      body: `Hola ${p.firstName}:\n\nUsted registró el ID de usuario ${p.userId}. Para terminar, verifique su correo electrónico abriendo este enlace dentro de ${p.hours} horas:\n\n${p.link}\n\nSi usted no se registró, ignore este mensaje.`,
    }),
  }),
  'account.email_change': defineTemplate<{ firstName: string; link: string; hours: number }>({
    en: (p) => ({
      subject: 'Confirm your new email address',
      body: `Hello ${p.firstName},\n\nTo use this address for your account, open this link within ${p.hours} hours:\n\n${p.link}\n\nUntil you do, messages keep going to your previous address.`,
    }),
    es: (p) => ({
      subject: 'Confirme su nuevo correo electrónico',
      body: `Hola ${p.firstName}:\n\nPara usar esta dirección en su cuenta, abra este enlace dentro de ${p.hours} horas:\n\n${p.link}\n\nMientras tanto, los mensajes seguirán llegando a su dirección anterior.`,
    }),
  }),
  'account.email_changed': defineTemplate<{ firstName: string; userId: string; newAddress: string }>({
    en: (p) => ({
      subject: 'Your email address was changed',
      body: `Hello ${p.firstName},\n\nThe email address of the user ID ${p.userId} was just changed to ${p.newAddress}. Messages about your account now go there, not to this address.\n\nIf you did not do this, call your help desk at once.`,
    }),
    es: (p) => ({
      subject: 'Su correo electrónico fue cambiado',
      body: `Hola ${p.firstName}:\n\nEl correo electrónico del ID de usuario ${p.userId} acaba de cambiarse a ${p.newAddress}. Los mensajes sobre su cuenta llegarán allí, no a esta dirección.\n\nSi usted no lo hizo, llame de inmediato a su mesa de ayuda.`,
    }),
  }),
  'account.user_id_reminder': defineTemplate<{ userIds: string[]; signInLink: string }>({
    en: (p) => ({
      subject: 'Your user ID',
      body: `You asked for the user ID registered with this email address:\n\n${p.userIds.join('\n')}\n\nSign in at ${p.signInLink}\n\nIf you did not ask, ignore this message.`,
    }),
    es: (p) => ({
      subject: 'Su ID de usuario',
      body: `Usted pidió el ID de usuario registrado con este correo electrónico:\n\n${p.userIds.join('\n')}\n\nInicie sesión en ${p.signInLink}\n\nSi usted no lo pidió, ignore este mensaje.`,
    }),
  }),
  'account.password_reset': defineTemplate<{ firstName: string; userId: string; link: string; minutes: number }>({
    en: (p) => ({
      subject: 'Reset your password',
      body: `Hello ${p.firstName},\n\nSomeone asked to reset the password of the user ID ${p.userId}. To choose a new password, open this link within ${p.minutes} minutes:\n\n${p.link}\n\nIf it was not you, ignore this message: your password stays as it is.`,
    }),
    es: (p) => ({
      subject: 'Restablezca su contraseña',
      body: `Hola ${p.firstName}:\n\nAlguien pidió restablecer la contraseña del ID de usuario ${p.userId}. Para elegir una nueva contraseña, abra este enlace dentro de ${p.minutes} minutos:\n\n${p.link}\n\nSi no fue usted, ignore este mensaje: su contraseña no cambia.`,
    }),
  }),
  'account.password_changed': defineTemplate<{ firstName: string; userId: string }>({
    en: (p) => ({
      subject: 'Your password was changed',
      body: `Hello ${p.firstName},\n\nThe password of the user ID ${p.userId} was just changed, and every other session was signed out.\n\nIf you did not do this, reset your password at once and call your help desk.`,
    }),
    es: (p) => ({
      subject: 'Su contraseña fue cambiada',
      body: `Hola ${p.firstName}:\n\nLa contraseña del ID de usuario ${p.userId} acaba de cambiarse, y se cerraron todas las demás sesiones.\n\nSi usted no lo hizo, restablezca su contraseña de inmediato y llame a su mesa de ayuda.`,
    }),
  }),
  'account.locked': defineTemplate<{ firstName: string; userId: string; minutes: number; resetLink: string }>({
    en: (p) => ({
      subject: 'Your user ID is locked',
      body: `Hello ${p.firstName},\n\nAfter several failed sign-in attempts, the user ID ${p.userId} is locked for ${p.minutes} minutes.\n\nTo unlock it now, reset your password: ${p.resetLink}\n\nIf these attempts were not yours, reset your password and tell your help desk.`,
    }),
    es: (p) => ({
      subject: 'Su ID de usuario está bloqueado',
      body: `Hola ${p.firstName}:\n\nDespués de varios intentos fallidos de inicio de sesión, el ID de usuario ${p.userId} está bloqueado durante ${p.minutes} minutos.\n\nPara desbloquearlo ahora, restablezca su contraseña: ${p.resetLink}\n\nSi esos intentos no fueron suyos, restablezca su contraseña y avise a su mesa de ayuda.`,
    }),
  }),
  'account.disabled_dormant': defineTemplate<{ firstName: string; userId: string; days: number; resetLink: string }>({
    en: (p) => ({
      subject: 'Your account was disabled',
      body: `Hello ${p.firstName},\n\nThe user ID ${p.userId} has not signed in for ${p.days} days, so it was disabled.\n\nTo use it again, reset your password: ${p.resetLink}`,
    }),
    es: (p) => ({
      subject: 'Su cuenta fue desactivada',
      body: `Hola ${p.firstName}:\n\nEl ID de usuario ${p.userId} no ha iniciado sesión en ${p.days} días, por lo que fue desactivado.\n\nPara usarlo de nuevo, restablezca su contraseña: ${p.resetLink}`,
    }),
  }),
  'mfa.code': defineTemplate<{ code: string; minutes: number }>({
    en: (p) => ({
      subject: 'Your Rolecall code',
      body: `Your code is ${p.code}. It expires in ${p.minutes} minutes and works once.\n\nNever share this code. Rolecall staff will never ask for it.`,
    }),
    es: (p) => ({
      subject: 'Su código de Rolecall',
      body: `Su código es ${p.code}. Vence en ${p.minutes} minutos y sirve una sola vez.\n\nNunca comparta este código. El personal de Rolecall nunca se lo pedirá.`,
    }),
  }),
  'mfa.factor_changed': defineTemplate<{ firstName: string; label: string; kind: FactorKindName; added: boolean }>({
    en: (p) => ({
      subject: p.added ? 'An MFA device was added to your account' : 'An MFA device was removed from your account',
      body: `Hello ${p.firstName},\n\nThe MFA device "${deviceName(p, 'en')}" was ${p.added ? 'added to' : 'removed from'} your account.\n\nIf you did not do this, reset your password at once and call your help desk.`,
    }),
    es: (p) => ({
      subject: p.added ? 'Se agregó un dispositivo MFA a su cuenta' : 'Se eliminó un dispositivo MFA de su cuenta',
      body: `Hola ${p.firstName}:\n\nEl dispositivo MFA "${deviceName(p, 'es')}" fue ${p.added ? 'agregado a' : 'eliminado de'} su cuenta.\n\nSi usted no lo hizo, restablezca su contraseña de inmediato y llame a su mesa de ayuda.`,
    }),
  }),
  'mfa.code_reused': defineTemplate<{ firstName: string; userId: string; label: string; kind: FactorKindName }>({
    en: (p) => ({
      subject: 'A used code was tried on your account',
      body: `Hello ${p.firstName},\n\nSomeone signing in as ${p.userId} entered a code from your device "${deviceName(p, 'en')}" that had already been used. It was refused.\n\nIf that was not you, someone knows your password: change it now and tell your help desk.`,
    }),
    es: (p) => ({
      subject: 'Se intentó usar un código ya usado en su cuenta',
      body: `Hola ${p.firstName}:\n\nAlguien que iniciaba sesión como ${p.userId} ingresó un código de su dispositivo "${deviceName(p, 'es')}" que ya se había usado. Fue rechazado.\n\nSi no fue usted, alguien conoce su contraseña: cámbiela ahora y avise a su mesa de ayuda.`,
    }),
  }),
  'mfa.reset': defineTemplate<{ firstName: string; userId: string }>({
    en: (p) => ({
      subject: 'Your MFA devices were reset',
      body: `Hello ${p.firstName},\n\nAt your request, the help desk removed every MFA device and recovery code of the user ID ${p.userId}, and signed out its sessions. At your next sign-in you will set up a new device.\n\nIf you did not ask for this, reset your password at once and call your help desk.`,
    }),
    es: (p) => ({
      subject: 'Se restablecieron sus dispositivos MFA',
      body: `Hola ${p.firstName}:\n\nA petición suya, la mesa de ayuda eliminó todos los dispositivos MFA y códigos de recuperación del ID de usuario ${p.userId}, y cerró sus sesiones. La próxima vez que inicie sesión configurará un dispositivo nuevo.\n\nSi usted no lo pidió, restablezca su contraseña de inmediato y llame a su mesa de ayuda.`,
    }),
  }),
  'role.removed': defineTemplate<{
    firstName: string;
    roleName: string | Localized;
    applicationName: string | Localized;
    organizationName: string;
    reason: string;
  }>({
    en: (p) => ({
      subject: `Your ${say(p.applicationName, 'en')} role was removed`,
      body: `Hello ${p.firstName},\n\nYour role ${say(p.roleName, 'en')}${p.organizationName ? ` for ${p.organizationName}` : ''} in ${say(p.applicationName, 'en')} was removed.\n\nReason: ${p.reason}\n\nTo have it again, open Manage My Roles and choose Request again.`,
    }),
    es: (p) => ({
      subject: `Se eliminó su rol en ${say(p.applicationName, 'es')}`,
      body: `Hola ${p.firstName}:\n\nSu rol ${say(p.roleName, 'es')}${p.organizationName ? ` para ${p.organizationName}` : ''} en ${say(p.applicationName, 'es')} fue eliminado.\n\nMotivo: ${p.reason}\n\nPara tenerlo de nuevo, abra Administrar mis roles y elija Solicitar de nuevo.`,
    }),
  }),
  'role_request.submitted': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    roleName: string | Localized;
    applicationName: string | Localized;
    organizationName: string;
    toHelpDesk: boolean;
  }>({
    en: (p) => ({
      subject: `Role request ${p.trackingNumber} received`,
      body: `Hello ${p.firstName},\n\nWe received your request for the role ${say(p.roleName, 'en')}${p.organizationName ? ` for ${p.organizationName}` : ''} in ${say(p.applicationName, 'en')}.\n\nConfirmation number: ${p.trackingNumber}\n\n${p.toHelpDesk ? 'The help desk will review it' : "Your organization's approvers will review it"}, and we will email you once it is decided.`,
    }),
    es: (p) => ({
      subject: `Recibimos la solicitud de rol ${p.trackingNumber}`,
      body: `Hola ${p.firstName}:\n\nRecibimos su solicitud del rol ${say(p.roleName, 'es')}${p.organizationName ? ` para ${p.organizationName}` : ''} en ${say(p.applicationName, 'es')}.\n\nNúmero de confirmación: ${p.trackingNumber}\n\n${p.toHelpDesk ? 'La mesa de ayuda la revisará' : 'Los aprobadores de su organización la revisarán'}, y le enviaremos un correo cuando se decida.`,
    }),
  }),
  'role_request.awaiting_decision': defineTemplate<{
    requesterName: string;
    trackingNumber: string;
    roleName: string | Localized;
    applicationName: string | Localized;
    organizationName: string;
    reason: string;
    link: string;
    reminderDays?: number;
  }>({
    en: (p) => ({
      subject: `${p.reminderDays ? `Reminder (${p.reminderDays} days): ` : ''}role request ${p.trackingNumber} waits for your decision`,
      body: `${p.requesterName} asks for the role ${say(p.roleName, 'en')}${p.organizationName ? ` for ${p.organizationName}` : ''} in ${say(p.applicationName, 'en')}.\n\nReason: ${p.reason}\n\nConfirmation number: ${p.trackingNumber}\n\nApprove or reject it under Pending Approvals: ${p.link}`,
    }),
    es: (p) => ({
      subject: `${p.reminderDays ? `Recordatorio (${p.reminderDays} días): ` : ''}la solicitud de rol ${p.trackingNumber} espera su decisión`,
      body: `${p.requesterName} solicita el rol ${say(p.roleName, 'es')}${p.organizationName ? ` para ${p.organizationName}` : ''} en ${say(p.applicationName, 'es')}.\n\nMotivo: ${p.reason}\n\nNúmero de confirmación: ${p.trackingNumber}\n\nAprúebela o rechácela en Aprobaciones pendientes: ${p.link}`,
    }),
  }),
  'role_request.decided': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    roleName: string | Localized;
    applicationName: string | Localized;
    organizationName: string;
    outcome: 'approved' | 'rejected' | 'expired';
    comment: string;
  }>({
    en: (p) => ({
      subject: `Role request ${p.trackingNumber} ${p.outcome}`,
      body: `Hello ${p.firstName},\n\nYour request ${p.trackingNumber} for the role ${say(p.roleName, 'en')}${p.organizationName ? ` for ${p.organizationName}` : ''} in ${say(p.applicationName, 'en')} was ${p.outcome === 'expired' ? 'not decided in time and has expired' : p.outcome}.${p.comment ? `\n\nComment: ${p.comment}` : ''}${p.outcome === 'approved' ? '\n\nThe role is under Manage My Roles.' : '\n\nYou can ask again under Manage My Roles.'}`,
    }),
    es: (p) => ({
      subject: `Solicitud de rol ${p.trackingNumber}: ${p.outcome === 'approved' ? 'aprobada' : p.outcome === 'rejected' ? 'rechazada' : 'vencida'}`,
      body: `Hola ${p.firstName}:\n\nSu solicitud ${p.trackingNumber} del rol ${say(p.roleName, 'es')}${p.organizationName ? ` para ${p.organizationName}` : ''} en ${say(p.applicationName, 'es')} ${p.outcome === 'approved' ? 'fue aprobada' : p.outcome === 'rejected' ? 'fue rechazada' : 'no se decidió a tiempo y venció'}.${p.comment ? `\n\nComentario: ${p.comment}` : ''}${p.outcome === 'approved' ? '\n\nEl rol aparece en Administrar mis roles.' : '\n\nPuede solicitarlo de nuevo en Administrar mis roles.'}`,
    }),
  }),
  'organization_form.received': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    legalName: string;
    kind: 'new_organization' | 'update';
    resubmitted: boolean;
  }>({
    en: (p) => ({
      subject: `${p.kind === 'update' ? 'Update request' : 'New organization form'} ${p.trackingNumber} received`,
      body: `Hello ${p.firstName},\n\nWe received your ${p.resubmitted ? 'corrected ' : ''}${p.kind === 'update' ? 'update request' : 'new organization form'} for ${p.legalName}.\n\nTracking number: ${p.trackingNumber}\n\nThe help desk will review it, and we will email you once it is processed.`,
    }),
    es: (p) => ({
      subject: `Recibimos ${p.kind === 'update' ? 'la solicitud de actualización' : 'el formulario de organización nueva'} ${p.trackingNumber}`,
      body: `Hola ${p.firstName}:\n\nRecibimos su ${p.kind === 'update' ? 'solicitud de actualización' : 'formulario de organización nueva'}${p.resubmitted ? ' corregido' : ''} para ${p.legalName}.\n\nNúmero de seguimiento: ${p.trackingNumber}\n\nLa mesa de ayuda lo revisará, y le enviaremos un correo cuando se procese.`,
    }),
  }),
  'organization_form.awaiting_review': defineTemplate<{
    trackingNumber: string;
    legalName: string;
    kind: 'new_organization' | 'update';
    applicationName: string | Localized;
    link: string;
  }>({
    en: (p) => ({
      subject: `${p.kind === 'update' ? 'Update request' : 'New organization form'} ${p.trackingNumber} waits for review`,
      body: `A ${p.kind === 'update' ? 'request to update the records of' : 'new organization form for'} ${p.legalName} in ${say(p.applicationName, 'en')} waits for the help desk.\n\nTracking number: ${p.trackingNumber}\n\nReview it under Organization Forms: ${p.link}`,
    }),
    es: (p) => ({
      subject: `${p.kind === 'update' ? 'La solicitud de actualización' : 'El formulario de organización nueva'} ${p.trackingNumber} espera revisión`,
      body: `${p.kind === 'update' ? 'Una solicitud para actualizar los registros de' : 'Un formulario de organización nueva para'} ${p.legalName} en ${say(p.applicationName, 'es')} espera a la mesa de ayuda.\n\nNúmero de seguimiento: ${p.trackingNumber}\n\nRevíselo en Formularios de organización: ${p.link}`,
    }),
  }),
  'organization_form.approved': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    legalName: string;
    kind: 'new_organization' | 'update';
    submitterId: string;
    link: string;
  }>({
    en: (p) => ({
      subject:
        p.kind === 'update'
          ? `The records of ${p.legalName} were updated`
          : `Your submitter ID for ${p.legalName}: ${p.submitterId}`,
      body:
        p.kind === 'update'
          ? `Hello ${p.firstName},\n\nThe help desk approved update request ${p.trackingNumber}: the records on file for ${p.legalName} are updated.`
          : `Hello ${p.firstName},\n\nThe help desk approved new organization form ${p.trackingNumber}.\n\nLegal business name: ${p.legalName}\nSubmitter ID: ${p.submitterId}\n\nTo create the organization, the approver named on the form signs in, opens Manage My Roles, adds the Approver role, chooses "Create a new organization" and enters this submitter ID and legal business name exactly: ${p.link}`,
    }),
    es: (p) => ({
      subject:
        p.kind === 'update'
          ? `Se actualizaron los registros de ${p.legalName}`
          : `Su ID de remitente para ${p.legalName}: ${p.submitterId}`,
      body:
        p.kind === 'update'
          ? `Hola ${p.firstName}:\n\nLa mesa de ayuda aprobó la solicitud de actualización ${p.trackingNumber}: los registros de ${p.legalName} están actualizados.`
          : `Hola ${p.firstName}:\n\nLa mesa de ayuda aprobó el formulario de organización nueva ${p.trackingNumber}.\n\nNombre legal del negocio: ${p.legalName}\nID de remitente: ${p.submitterId}\n\nPara crear la organización, el aprobador indicado en el formulario inicia sesión, abre Administrar mis roles, agrega el rol de aprobador, elige "Crear una organización nueva" e ingresa exactamente este ID de remitente y nombre legal del negocio: ${p.link}`,
    }),
  }),
  'organization_form.returned': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    legalName: string;
    kind: 'new_organization' | 'update';
    reason: string;
    link: string;
  }>({
    en: (p) => ({
      subject: `${p.kind === 'update' ? 'Update request' : 'New organization form'} ${p.trackingNumber} needs a correction`,
      body: `Hello ${p.firstName},\n\nThe help desk returned your ${p.kind === 'update' ? 'update request' : 'new organization form'} for ${p.legalName} for correction.\n\nReason: ${p.reason}\n\nCorrect it and send it again: ${p.link}`,
    }),
    es: (p) => ({
      subject: `${p.kind === 'update' ? 'La solicitud de actualización' : 'El formulario de organización nueva'} ${p.trackingNumber} necesita una corrección`,
      body: `Hola ${p.firstName}:\n\nLa mesa de ayuda le devolvió su ${p.kind === 'update' ? 'solicitud de actualización' : 'formulario de organización nueva'} para ${p.legalName} para que lo corrija.\n\nMotivo: ${p.reason}\n\nCorríjalo y envíelo de nuevo: ${p.link}`,
    }),
  }),
  'organization_form.rejected': defineTemplate<{
    firstName: string;
    trackingNumber: string;
    legalName: string;
    kind: 'new_organization' | 'update';
    reason: string;
    link: string;
  }>({
    en: (p) => ({
      subject: `${p.kind === 'update' ? 'Update request' : 'New organization form'} ${p.trackingNumber} rejected`,
      body: `Hello ${p.firstName},\n\nThe help desk rejected your ${p.kind === 'update' ? 'update request' : 'new organization form'} for ${p.legalName}.\n\nReason: ${p.reason}\n\nDetails: ${p.link}`,
    }),
    es: (p) => ({
      subject: `Se rechazó ${p.kind === 'update' ? 'la solicitud de actualización' : 'el formulario de organización nueva'} ${p.trackingNumber}`,
      body: `Hola ${p.firstName}:\n\nLa mesa de ayuda rechazó su ${p.kind === 'update' ? 'solicitud de actualización' : 'formulario de organización nueva'} para ${p.legalName}.\n\nMotivo: ${p.reason}\n\nDetalles: ${p.link}`,
    }),
  }),
  'certification.digest': defineTemplate<{
    firstName: string;
    items: { holderName: string; roleName: string | Localized; organizationName: string; dueDay: string; daysLeft: number }[];
    more: number;
    link: string;
  }>({
    en: (p) => ({
      subject: `${p.items.length + p.more} role certification${p.items.length + p.more === 1 ? '' : 's'} due soon`,
      body: `Hello ${p.firstName},\n\nThese roles must be certified before their due date, or they will be removed:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'en')}${item.organizationName ? `, ${item.organizationName}` : ''}, due ${item.dueDay} (${item.daysLeft <= 0 ? 'today' : `${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left`})`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- and ${p.more} more` : ''}\n\nReview each user, then certify or revoke under My Annual Role Certifications: ${p.link}`,
    }),
    es: (p) => ({
      subject: `${p.items.length + p.more} certificaci${p.items.length + p.more === 1 ? 'ón' : 'ones'} de roles por vencer`,
      body: `Hola ${p.firstName}:\n\nEstos roles deben certificarse antes de su fecha de vencimiento, o se eliminarán:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'es')}${item.organizationName ? `, ${item.organizationName}` : ''}, vence el ${item.dueDay} (${item.daysLeft <= 0 ? 'hoy' : `faltan ${item.daysLeft} día${item.daysLeft === 1 ? '' : 's'}`})`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- y ${p.more} más` : ''}\n\nRevise a cada usuario y luego certifique o revoque en Mis certificaciones anuales de roles: ${p.link}`,
    }),
  }),
  'certification.help_desk_notice': defineTemplate<{
    applicationName: string | Localized;
    items: { holderName: string; roleName: string | Localized; organizationName: string; dueDay: string }[];
    more: number;
    link: string;
  }>({
    en: (p) => ({
      subject: `${say(p.applicationName, 'en')}: ${p.items.length + p.more} role certification${p.items.length + p.more === 1 ? '' : 's'} due within 7 days`,
      body: `These ${say(p.applicationName, 'en')} roles are due for certification within 7 days and are not certified yet:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'en')}${item.organizationName ? `, ${item.organizationName}` : ''}, due ${item.dueDay}`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- and ${p.more} more` : ''}\n\nThey are removed at the end of their due day unless certified. Details: ${p.link}`,
    }),
    es: (p) => ({
      subject: `${say(p.applicationName, 'es')}: ${p.items.length + p.more} certificaci${p.items.length + p.more === 1 ? 'ón' : 'ones'} de roles vencen en 7 días`,
      body: `Estos roles de ${say(p.applicationName, 'es')} deben certificarse dentro de 7 días y todavía no se han certificado:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'es')}${item.organizationName ? `, ${item.organizationName}` : ''}, vence el ${item.dueDay}`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- y ${p.more} más` : ''}\n\nSe eliminan al final de su día de vencimiento si no se certifican. Detalles: ${p.link}`,
    }),
  }),
  'certification.holder_notice': defineTemplate<{
    firstName: string;
    items: { roleName: string | Localized; applicationName: string | Localized; organizationName: string; dueDay: string }[];
  }>({
    en: (p) => ({
      subject: 'Your role will be removed unless it is certified',
      body: `Hello ${p.firstName},\n\nThese roles of yours are due for their annual certification:\n\n${p.items
        .map(
          (item) =>
            `- ${say(item.roleName, 'en')}${item.organizationName ? ` for ${item.organizationName}` : ''} in ${say(item.applicationName, 'en')}, due ${item.dueDay}`,
        )
        .join(
          '\n',
        )}\n\nEach one will be removed at the end of its due day unless it is certified. Your organization's approver (or, for approvers, the help desk) certifies it; you may want to remind them.`,
    }),
    es: (p) => ({
      subject: 'Su rol se eliminará si no se certifica',
      body: `Hola ${p.firstName}:\n\nEstos roles suyos deben pasar su certificación anual:\n\n${p.items
        .map(
          (item) =>
            `- ${say(item.roleName, 'es')}${item.organizationName ? ` para ${item.organizationName}` : ''} en ${say(item.applicationName, 'es')}, vence el ${item.dueDay}`,
        )
        .join(
          '\n',
        )}\n\nCada uno se eliminará al final de su día de vencimiento si no se certifica. Lo certifica el aprobador de su organización (o, para los aprobadores, la mesa de ayuda); quizás quiera recordárselo.`,
    }),
  }),
  'certification.expired': defineTemplate<{
    firstName: string;
    items: { holderName: string; roleName: string | Localized; organizationName: string; dueDay: string }[];
    more: number;
  }>({
    en: (p) => ({
      subject: `${p.items.length + p.more} role${p.items.length + p.more === 1 ? ' was' : 's were'} removed: certification expired`,
      body: `Hello ${p.firstName},\n\nThese roles were not certified by their due date and were removed:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'en')}${item.organizationName ? `, ${item.organizationName}` : ''}, due ${item.dueDay}`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- and ${p.more} more` : ''}\n\nEach person can request the role again under Manage My Roles.`,
    }),
    es: (p) => ({
      subject: `Se eliminaron ${p.items.length + p.more} rol(es): la certificación venció`,
      body: `Hola ${p.firstName}:\n\nEstos roles no se certificaron antes de su fecha de vencimiento y se eliminaron:\n\n${p.items
        .map(
          (item) =>
            `- ${item.holderName}: ${say(item.roleName, 'es')}${item.organizationName ? `, ${item.organizationName}` : ''}, vencía el ${item.dueDay}`,
        )
        .join(
          '\n',
        )}${p.more > 0 ? `\n- y ${p.more} más` : ''}\n\nCada persona puede solicitar el rol de nuevo en Administrar mis roles.`,
    }),
  }),
};

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateParams<T extends TemplateName> = Parameters<(typeof TEMPLATES)[T]['en']>[0];

const FOOTER: Record<Language, string> = {
  en: 'This message was sent by Rolecall. Please do not reply to it.',
  es: 'Este mensaje fue enviado por Rolecall. No responda a este mensaje.',
};

export function renderTemplate<T extends TemplateName>(name: T, language: Language, params: TemplateParams<T>): RenderedMessage {
  const render = TEMPLATES[name][language] as (p: TemplateParams<T>) => TemplateText;
  const { subject, body } = render(params);
  const text = `${body}\n\n--\n${FOOTER[language]}\n`;
  const paragraphs = [...body.split(/\n{2,}/), FOOTER[language]]
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${paragraphs}\n</body></html>\n`;
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
