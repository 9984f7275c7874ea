import { useActorKindLabel } from './audit-words';
import type { AuditEntry } from './audit-api';

/** Who acted: the person's name and user ID, or Rolecall itself, the command line or someone not signed in. */
export function AuditActor({ actor }: { actor: AuditEntry['actor'] }) {
  const kindLabel = useActorKindLabel();
  if (actor.userId || actor.name) {
    return (
      <span className="rc-audit__actor">
        {actor.name ? <span className="rc-audit__actor-name">{actor.name}</span> : null}
        {actor.userId ? <span className="rc-audit__id">{actor.userId}</span> : null}
      </span>
    );
  }
  return (
    <span className="rc-audit__actor">
      <span>{kindLabel(actor.kind)}</span>
      {actor.id ? <span className="rc-audit__id">{actor.id}</span> : null}
    </span>
  );
}
