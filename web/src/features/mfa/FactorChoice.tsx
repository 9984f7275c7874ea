import { Button, ErrorMessage, Fieldset, Form, FormGroup, Radio } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { factorDescription, factorName } from './factor-kinds';
import type { SessionFactor } from '../session/session-api';

interface Props {
  factors: SessionFactor[];
  pending: boolean;
  onChoose: (factor: SessionFactor) => void;
}

/** "Choose an MFA device": one radio tile per device, named by its label and its kind. */
export function FactorChoice({ factors, pending, onChoose }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | undefined>(factors.length === 1 ? factors[0]?.id : undefined);
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const factor = factors.find((candidate) => candidate.id === chosen);
    setMissing(!factor);
    if (factor) onChoose(factor);
  };

  return (
    <Form onSubmit={onSubmit} noValidate large>
      <FormGroup error={missing}>
        <Fieldset legend={t('mfaSignIn.devicesLegend')} aria-describedby={missing ? 'mfa-choice-error' : undefined}>
          {missing ? <ErrorMessage id="mfa-choice-error">{t('mfaSignIn.chooseRequired')}</ErrorMessage> : null}
          {factors.map((factor) => (
            <Radio
              key={factor.id}
              id={`mfa-factor-${factor.id}`}
              name="factor"
              value={factor.id}
              tile
              label={factorName(factor, t)}
              labelDescription={factorDescription(factor, t)}
              checked={chosen === factor.id}
              onChange={() => setChosen(factor.id)}
            />
          ))}
        </Fieldset>
      </FormGroup>
      <Button type="submit" disabled={pending}>
        {t('common.continue')}
      </Button>
    </Form>
  );
}
