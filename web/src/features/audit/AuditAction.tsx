import { useActionLabel } from './audit-words';

/** An action as its code, the stable thing the search matches, with its words when the page has some. */
export function AuditAction({ code }: { code: string }) {
  const label = useActionLabel()(code);
  return (
    <span className="rc-audit__action">
      {label ? <span className="rc-audit__action-label">{label}</span> : null}
      <code className="rc-audit__code">{code}</code>
    </span>
  );
}
