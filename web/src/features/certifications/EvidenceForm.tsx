import { Label, Select } from '@trussworks/react-uswds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/use-session';
import { evidenceUrl } from './certifications-api';
import { DayInput } from './DayInput';
import type { DashboardScope } from './dashboard-scopes';
import { serverDay } from './people';

/**
 * Evidence for auditors: every decision (item, certifier, time, acknowledgement version, outcome)
 * of an application, optionally one organization, between two days, downloaded as CSV. The link
 * is a plain download the server answers with a file, so the browser saves it as any other.
 */
export function EvidenceForm({ scopes, initial }: { scopes: DashboardScope[]; initial: DashboardScope }) {
  const { t } = useTranslation();
  const offset = useSession().data?.serverOffsetMs ?? 0;
  const applications = [...new Map(scopes.map((scope) => [scope.applicationCode, scope.applicationName])).entries()];
  const [application, setApplication] = useState(initial.applicationCode);
  const [organization, setOrganization] = useState(initial.organizationId ?? '');
  const [from, setFrom] = useState(() => serverDay(offset, -365));
  const [to, setTo] = useState(() => serverDay(offset));
  const organizations = scopes.filter((scope) => scope.applicationCode === application && scope.organizationId);
  const seesAll = scopes.some((scope) => scope.applicationCode === application && !scope.organizationId);
  const complete = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const href = evidenceUrl({ application, organization: organization || undefined, from, to });

  return (
    <section aria-labelledby="evidence-heading" className="rc-cert__evidence">
      <h2 id="evidence-heading">{t('certifications.evidence.heading')}</h2>
      <p>{t('certifications.evidence.intro')}</p>
      <div className="usa-form-group">
        <Label htmlFor="evidence-application">{t('certifications.list.application')}</Label>
        <Select
          id="evidence-application"
          name="application"
          value={application}
          onChange={(event) => {
            setApplication(event.target.value);
            setOrganization('');
          }}
        >
          {applications.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </Select>
      </div>
      <div className="usa-form-group">
        <Label htmlFor="evidence-organization">{t('certifications.list.organization')}</Label>
        <Select
          id="evidence-organization"
          name="organization"
          value={organization}
          onChange={(event) => setOrganization(event.target.value)}
        >
          <option value="">
            {seesAll ? t('certifications.evidence.allOrganizations') : t('certifications.evidence.allMyOrganizations')}
          </option>
          {organizations.map((scope) => (
            <option key={scope.key} value={scope.organizationId}>
              {scope.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="rc-search-row">
        <div className="usa-form-group">
          <Label htmlFor="evidence-from">{t('certifications.evidence.from')}</Label>
          <DayInput id="evidence-from" required value={from} onValueChange={setFrom} />
        </div>
        <div className="usa-form-group">
          <Label htmlFor="evidence-to">{t('certifications.evidence.to')}</Label>
          <DayInput id="evidence-to" required value={to} onValueChange={setTo} />
        </div>
      </div>
      <p>
        {complete ? (
          <a className="usa-button" href={href} download data-testid="evidence-link">
            {t('certifications.evidence.download')}
          </a>
        ) : (
          <span className="usa-hint">{t('certifications.evidence.datesNeeded')}</span>
        )}
      </p>
    </section>
  );
}
