import { useTranslation } from 'react-i18next';
import { useTimeFormat } from '../../components/use-date-format';
import { announcedRemaining, formatCountdown } from './session-time';

interface Props {
  descriptionId: string;
  /** When the session ends, on this browser's clock. */
  endsAt: Date;
  remainingMs: number;
}

// The visible countdown changes every second and is hidden from screen readers; a polite live
// region says the time left in 30-second steps, so it speaks at most twice a minute.
export function SessionCountdown({ descriptionId, endsAt, remainingMs }: Props) {
  const { t } = useTranslation();
  const timeFormat = useTimeFormat();
  const spoken = announcedRemaining(remainingMs);
  const parts = [
    spoken.minutes > 0 ? t('session.minutes', { count: spoken.minutes }) : '',
    spoken.seconds > 0 || spoken.minutes === 0 ? t('session.seconds', { count: spoken.seconds }) : '',
  ];
  const spokenTime = parts.filter(Boolean).join(' ');
  return (
    <div className="usa-prose">
      <p id={descriptionId}>{t('session.timeoutBody', { time: timeFormat.format(endsAt) })}</p>
      <p className="rc-countdown" aria-hidden="true">
        {t('session.countdown', { countdown: formatCountdown(remainingMs) })}
      </p>
      <p className="usa-sr-only" aria-live="polite" aria-atomic="true">
        {t('session.remaining', { time: spokenTime })}
      </p>
    </div>
  );
}
