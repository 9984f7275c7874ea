import { Alert, Button, ErrorMessage, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { searchOrganizations, type Application, type OrganizationSummary } from './roles-api';

interface Props {
  application: Application;
  query: string;
  selected: OrganizationSummary | undefined;
  /** "Request again": the organization to choose as soon as the search finds it. */
  presetSubmitterId?: string;
  error?: string;
  onQueryChange: (query: string) => void;
  onSelect: (organization: OrganizationSummary | undefined) => void;
}

// The server matches names by words of 3 characters or more; shorter input (a submitter ID, say)
// is searched when the person presses Search or Enter.
const typeAheadMinimum = 3;
const typeAheadDelayMs = 300;

/** Type-ahead search for an active organization, then the drop-down to choose it from the results. */
export function OrganizationSearch({ application, query, selected, presetSubmitterId, error, onQueryChange, onSelect }: Props) {
  const { t } = useTranslation();
  const [term, setTerm] = useState(query.trim());
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === term || trimmed.length < typeAheadMinimum) return;
    const timer = window.setTimeout(() => setTerm(trimmed), typeAheadDelayMs);
    return () => window.clearTimeout(timer);
  }, [query, term]);

  const results = useQuery({
    queryKey: ['organizations', application.code, term],
    queryFn: ({ signal }) => searchOrganizations(application.code, term, signal),
    enabled: term !== '',
    staleTime: 30_000,
  });
  const found = results.data?.items;

  const presetApplied = useRef(false);
  useEffect(() => {
    if (presetApplied.current || !presetSubmitterId || !found) return;
    presetApplied.current = true;
    const match = found.find((organization) => organization.submitterId === presetSubmitterId);
    if (match && !selected) onSelect(match);
  }, [found, presetSubmitterId, selected, onSelect]);

  // One organization found: it is the one meant, so it is chosen already (once per search: the
  // person may still clear the choice).
  const preselectedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!found || found.length !== 1 || preselectedFor.current === term) return;
    preselectedFor.current = term;
    const only = found[0];
    if (only && selected?.id !== only.id) onSelect(only);
  }, [found, term, selected, onSelect]);

  const searchNow = () => {
    const trimmed = query.trim();
    if (trimmed === term) void results.refetch();
    else setTerm(trimmed);
  };
  // Enter in the search box searches; it must not send the whole form on to review.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    searchNow();
  };

  const showChoices = Boolean(found && found.length > 0);
  return (
    <>
      <div className="rc-search-row">
        <TextField
          id="organization-search"
          name="organizationSearch"
          type="text"
          label={t('roles.add.searchLabel')}
          hint={t('roles.add.searchHint')}
          value={query}
          autoComplete="off"
          maxLength={200}
          error={showChoices ? undefined : error}
          onValueChange={onQueryChange}
          onKeyDown={onKeyDown}
        />
        <Button type="button" outline onClick={searchNow} disabled={query.trim() === ''}>
          {t('roles.add.search')}
        </Button>
      </div>
      <div aria-live="polite" className="rc-search-status">
        {term === '' ? null : results.isError ? (
          <ErrorAlert error={results.error} />
        ) : !found ? (
          <p>{t('roles.add.searching')}</p>
        ) : found.length === 0 ? (
          <Alert type="warning" headingLevel="h2" slim>
            {t('roles.add.notFoundMessage')}
          </Alert>
        ) : (
          <p>{t('roles.add.foundCount', { count: found.length })}</p>
        )}
      </div>
      {showChoices && found ? (
        <FormGroup error={Boolean(error)}>
          <Label htmlFor="organization" error={Boolean(error)}>
            {t('roles.add.selectOrganization')}
          </Label>
          {error ? <ErrorMessage id="organization-error">{error}</ErrorMessage> : null}
          <Select
            id="organization"
            name="organization"
            required
            value={selected && found.some((organization) => organization.id === selected.id) ? selected.id : ''}
            validationStatus={error ? 'error' : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'organization-error' : undefined}
            onChange={(event) => onSelect(found.find((organization) => organization.id === event.target.value))}
          >
            <option value="">{t('roles.add.selectPlaceholder')}</option>
            {found.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {t('roles.add.organizationOption', {
                  name: organization.legalName,
                  submitterId: organization.submitterId,
                  tin: organization.maskedTin,
                })}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : null}
    </>
  );
}
