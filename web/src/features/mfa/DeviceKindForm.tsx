import { Button, ErrorMessage, Fieldset, Form, FormGroup, Radio } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { useSession } from '../session/use-session';
import { factorKindKeys, factorKinds } from './factor-kinds';
import type { FactorKind } from './mfa-api';

export interface DeviceChoice {
  kind: FactorKind;
  label?: string;
  phone?: string;
}

const descriptionKeys = {
  totp: 'addDevice.describe.totp',
  webauthn: 'addDevice.describe.webauthn',
  email: 'addDevice.describe.email',
  sms: 'addDevice.describe.sms',
  voice: 'addDevice.describe.voice',
} as const satisfies Record<FactorKind, string>;

interface Props {
  pending: boolean;
  onChoose: (choice: DeviceChoice) => void;
}

/** Which kind of device to add, an optional name for it, and a phone number for text or voice. */
export function DeviceKindForm({ pending, onChoose }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FactorKind | undefined>();
  const [label, setLabel] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ kind?: string; phone?: string }>({});
  const needsPhone = kind === 'sms' || kind === 'voice';
  // Text and voice codes only where the operator has somewhere to send them.
  const phoneCodes = useSession().data?.site.phoneCodes === true;
  const offered = factorKinds.filter((option) => phoneCodes || (option !== 'sms' && option !== 'voice'));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: { kind?: string; phone?: string } = {};
    if (!kind) found.kind = t('addDevice.kindRequired');
    if (needsPhone && !phone.trim()) found.phone = t('form.required', { field: t('addDevice.phone') });
    setErrors(found);
    if (!kind || Object.keys(found).length > 0) return;
    onChoose({ kind, label: label.trim() || undefined, phone: needsPhone ? phone.trim() : undefined });
  };

  return (
    <Form onSubmit={onSubmit} noValidate large>
      <FormGroup error={Boolean(errors.kind)}>
        <Fieldset legend={t('addDevice.kindLegend')} aria-describedby={errors.kind ? 'device-kind-error' : undefined}>
          {errors.kind ? <ErrorMessage id="device-kind-error">{errors.kind}</ErrorMessage> : null}
          {offered.map((option) => (
            <Radio
              key={option}
              id={`device-kind-${option}`}
              name="kind"
              value={option}
              tile
              label={t(factorKindKeys[option])}
              labelDescription={t(descriptionKeys[option])}
              checked={kind === option}
              onChange={() => setKind(option)}
            />
          ))}
        </Fieldset>
      </FormGroup>
      {needsPhone ? (
        <TextField
          id="device-phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          label={t('addDevice.phone')}
          hint={t('addDevice.phoneHint')}
          value={phone}
          onValueChange={setPhone}
          error={errors.phone}
        />
      ) : null}
      <TextField
        id="device-label"
        name="label"
        label={t('addDevice.label')}
        hint={t('addDevice.labelHint')}
        optional
        maxLength={60}
        value={label}
        onValueChange={setLabel}
      />
      <Button type="submit" disabled={pending}>
        {t('common.continue')}
      </Button>
    </Form>
  );
}
