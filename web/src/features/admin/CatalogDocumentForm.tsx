import { Button, ButtonGroup, ErrorMessage, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applicationsQueryKey } from '../roles/roles-api';
import {
  applyCatalog,
  catalogQueryKey,
  previewCatalog,
  type CatalogChanges,
  type CatalogDocument,
  type CatalogPreview,
} from './admin-console-api';
import { CatalogDiffView } from './CatalogDiffView';
import { CatalogProblems } from './CatalogProblems';
import { useAdminForm, type FieldFault } from './use-admin-form';

interface DocumentDraft {
  text: string;
}

const fieldIds = { text: 'catalog-document-text' } as const;
const faultKeys = {
  text: { missing: 'adminConsole.catalog.document.errors.missing', invalid: 'adminConsole.catalog.document.errors.notJson' },
} as const satisfies Record<keyof DocumentDraft, Record<FieldFault, string>>;

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function checkDocument(draft: DocumentDraft): Partial<Record<keyof DocumentDraft, FieldFault>> {
  if (draft.text.trim() === '') return { text: 'missing' };
  return parsed(draft.text) === undefined ? { text: 'invalid' } : {};
}

/** Previews never change the list: nothing reads this key. */
const previewKey = ['admin', 'catalog', 'preview'] as const;

interface Props {
  current: CatalogDocument;
  /** A preview is shown: what was done before is old news. */
  onPreview: () => void;
  onApplied: (changes: CatalogChanges) => void;
}

/**
 * A whole catalog document, pasted or read from a file, previewed by the server and then applied
 * as previewed. Changing the text puts the preview aside.
 */
export function CatalogDocumentForm({ current, onPreview, onApplied }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<CatalogPreview | undefined>();
  const [fileUnreadable, setFileUnreadable] = useState(false);
  const form = useAdminForm({
    empty: { text: '' },
    problemTargets: fieldIds,
    faultKeys,
    check: checkDocument,
    toBody: (draft: DocumentDraft) => parsed(draft.text),
    send: previewCatalog,
    refusedField: () => undefined,
    listKey: previewKey,
    onCreated: (previewed: CatalogPreview) => {
      onPreview();
      setPreview(previewed);
    },
  });
  const apply = useMutation({
    mutationFn: () => applyCatalog(parsed(form.draft.text)),
    onSuccess: (changes) => {
      void queryClient.invalidateQueries({ queryKey: catalogQueryKey });
      void queryClient.invalidateQueries({ queryKey: applicationsQueryKey });
      onApplied(changes);
    },
  });
  const setText = (text: string) => {
    setPreview(undefined);
    apply.reset();
    form.set('text')(text);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileUnreadable(false);
    if (!file) return;
    file.text().then(setText, () => setFileUnreadable(true));
  };
  const textError = form.errorOf('text');
  const hasChanges = preview ? preview.applications.some((application) => application.change !== 'unchanged') : false;

  return (
    <>
      <ErrorAlert error={form.alert.error} message={form.alert.message} problems={form.alert.problems} />
      <CatalogProblems error={form.alert.error} />
      <Form onSubmit={form.onSubmit} noValidate large className="rc-catalog-document rc-admin-console__wide-form">
        <FormGroup error={fileUnreadable}>
          <Label htmlFor="catalog-document-file" error={fileUnreadable}>
            {t('adminConsole.catalog.document.file')}
            <span className="usa-hint"> {t('common.optional')}</span>
          </Label>
          <div className="usa-hint" id="catalog-document-file-hint">
            {t('adminConsole.catalog.document.fileHint')}
          </div>
          {fileUnreadable ? (
            <ErrorMessage id="catalog-document-file-error">{t('adminConsole.catalog.document.fileUnreadable')}</ErrorMessage>
          ) : null}
          <input
            id="catalog-document-file"
            name="file"
            type="file"
            accept="application/json,.json"
            className="rc-catalog-document__file"
            aria-describedby={
              fileUnreadable ? 'catalog-document-file-hint catalog-document-file-error' : 'catalog-document-file-hint'
            }
            onChange={onFile}
          />
        </FormGroup>
        <FormGroup error={Boolean(textError)}>
          <Label htmlFor={fieldIds.text} error={Boolean(textError)}>
            {t('adminConsole.catalog.document.text')}
          </Label>
          <div className="usa-hint" id={`${fieldIds.text}-hint`}>
            {t('adminConsole.catalog.document.textHint')}
          </div>
          {textError ? <ErrorMessage id={`${fieldIds.text}-error`}>{textError}</ErrorMessage> : null}
          <Textarea
            id={fieldIds.text}
            name="text"
            value={form.draft.text}
            spellCheck={false}
            autoCapitalize="none"
            autoCorrect="off"
            rows={12}
            required
            error={Boolean(textError)}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `${fieldIds.text}-hint ${fieldIds.text}-error` : `${fieldIds.text}-hint`}
            onChange={(event) => setText(event.target.value)}
            className="rc-catalog-document__text"
          />
        </FormGroup>
        <ButtonGroup>
          <Button type="button" outline onClick={() => setText(JSON.stringify(current, null, 2))}>
            {t('adminConsole.catalog.document.startFromCurrent')}
          </Button>
          <Button type="submit" disabled={form.pending}>
            {form.pending ? t('adminConsole.catalog.document.previewing') : t('adminConsole.catalog.document.preview')}
          </Button>
        </ButtonGroup>
      </Form>
      {preview ? (
        <CatalogDiffView
          id="catalog-document-diff"
          preview={preview}
          actions={
            <>
              <ErrorAlert error={apply.error} />
              <CatalogProblems error={apply.error} />
              <ButtonGroup>
                {hasChanges ? (
                  <Button type="button" disabled={apply.isPending} onClick={() => apply.mutate()}>
                    {apply.isPending ? t('adminConsole.catalog.document.applying') : t('adminConsole.catalog.document.apply')}
                  </Button>
                ) : null}
                <Button
                  type="button"
                  outline
                  disabled={apply.isPending}
                  onClick={() => {
                    setPreview(undefined);
                    document.getElementById(fieldIds.text)?.focus();
                  }}
                >
                  {t('adminConsole.catalog.diff.cancel')}
                </Button>
              </ButtonGroup>
            </>
          }
        />
      ) : null}
    </>
  );
}
