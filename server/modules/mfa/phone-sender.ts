import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Language } from '../../http/errors.js';
import type { Notifications } from '../notifications/notifications.service.js';

export interface PhoneCode {
  channel: 'sms' | 'voice';
  to: string;
  language: Language;
  code: string;
  minutes: number;
}

/**
 * Sends sign-in codes by text message or voice call. A deployment plugs in its gateway here; it
 * is called inside the transaction that issued the code, so it should queue, not call out.
 */
export interface PhoneSender {
  send(trx: Transaction<DB>, message: PhoneCode): Promise<void>;
}

/**
 * The built-in sender: the message becomes an outbox row on the sms or voice channel, which the
 * mail viewer shows in development and a gateway can drain in production.
 */
export function createOutboxPhoneSender(notifications: Notifications): PhoneSender {
  return {
    async send(trx, message) {
      await notifications.enqueuePhoneMessage(trx, message.channel, {
        to: message.to,
        language: message.language,
        template: 'mfa.code',
        params: { code: message.code, minutes: message.minutes },
      });
    },
  };
}
