import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChange, RolePolicy } from './admin-console-api';

type FieldValue = FieldChange['before'];

export type RoleKind = RolePolicy['kind'];
export type RoleScope = RolePolicy['scope'];
export type ApprovedBy = RolePolicy['approvedBy'];
export type CertifiedBy = RolePolicy['certifiedBy'];

export const approverChoices: readonly ApprovedBy[] = ['org_approvers', 'help_desk', 'administrator'];
export const certifierChoices: readonly CertifiedBy[] = ['org_approvers', 'help_desk', 'none'];

/** The words for a role's policy values, in the page's language. */
export function usePolicyWords() {
  const { t } = useTranslation();
  return {
    kind: (kind: RoleKind) => t(`adminConsole.catalog.kinds.${kind}`),
    scope: (scope: RoleScope) => t(`adminConsole.catalog.scopes.${scope}`),
    approvedBy: (value: ApprovedBy) => t(`adminConsole.catalog.approvers.${value}`),
    certifiedBy: (value: CertifiedBy) => t(`adminConsole.catalog.certifiers.${value}`),
  };
}

const fieldNames = [
  'name',
  'description',
  'nameEs',
  'descriptionEs',
  'helpDeskEmail',
  'kind',
  'scope',
  'approvedBy',
  'certifiedBy',
  'maxActivePerOrg',
  'requestExpiryDays',
  'certificationPeriodDays',
  'includes',
  'requestable',
  'sortOrder',
] as const;
type FieldName = (typeof fieldNames)[number];
const isFieldName = (field: string): field is FieldName => (fieldNames as readonly string[]).includes(field);

/** A field of the catalog document by its name for people, and one of its values as people read it. */
export function useCatalogFieldWords() {
  const { t } = useTranslation();
  const words = usePolicyWords();
  const fieldName = useCallback((field: string) => (isFieldName(field) ? t(`adminConsole.catalog.fields.${field}`) : field), [t]);
  const fieldValue = useCallback(
    (field: string, value: FieldValue): string => {
      if (value === null) return field === 'maxActivePerOrg' ? t('adminConsole.catalog.noLimit') : t('adminConsole.none');
      if (typeof value === 'boolean') return value ? t('adminConsole.yes') : t('adminConsole.no');
      if (value === '') return t('adminConsole.none');
      if (field === 'kind') return words.kind(value as RoleKind);
      if (field === 'scope') return words.scope(value as RoleScope);
      if (field === 'approvedBy') return words.approvedBy(value as ApprovedBy);
      if (field === 'certifiedBy') return words.certifiedBy(value as CertifiedBy);
      return String(value);
    },
    [t, words],
  );
  return { fieldName, fieldValue };
}

/** An application by its name and, when the name is not simply its code, its code too. */
export function useApplicationTitle(): (name: string, code: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (name: string, code: string) => (name === code ? name : t('adminConsole.catalog.applicationHeading', { name, code })),
    [t],
  );
}
