import { isId } from '../../shared/ids.js';
import type { AccessService } from './access.service.js';
import type { DecisionAnswer, EvaluationRequest, EvaluationsRequest } from './access.schemas.js';

/** The application a client belongs to, as an evaluation needs it. */
export interface Caller {
  applicationId: string;
  /** The application's code, read only for a question about the application itself. */
  applicationCode: () => Promise<string>;
}

/**
 * One AuthZEN evaluation: does the subject hold the action's role for the resource, in the
 * calling client's application? A question about another application's organization finds no
 * holding (every holding is looked up within the caller's application) and is denied.
 */
export async function evaluate(access: AccessService, caller: Caller, request: EvaluationRequest): Promise<DecisionAnswer> {
  if (!isId(request.subject.id)) return { decision: false, context: { reason: 'subject_unknown' } };
  let organizationId = request.resource.id;
  if (request.resource.type === 'application') {
    if (request.resource.id !== (await caller.applicationCode())) {
      return { decision: false, context: { reason: 'resource_not_in_application' } };
    }
    organizationId = '';
  }
  const answer = await access.evaluate({
    userId: request.subject.id,
    applicationId: caller.applicationId,
    roleCode: request.action.name,
    organizationId,
  });
  return { decision: answer.decision, context: { reason: answer.reason } };
}

/** A batch's evaluation with the batch's defaults filled in, or undefined when a part is missing. */
function completed(batch: EvaluationsRequest, index: number): EvaluationRequest | undefined {
  const item = batch.evaluations[index]!;
  const subject = item.subject ?? batch.subject;
  const action = item.action ?? batch.action;
  const resource = item.resource ?? batch.resource;
  if (!subject || !action || !resource) return undefined;
  return { subject, action, resource, context: item.context ?? batch.context };
}

/** The evaluations of a batch missing a subject, an action or a resource once defaults apply. */
export function incompleteEvaluations(batch: EvaluationsRequest): number[] {
  return batch.evaluations.flatMap((_item, index) => (completed(batch, index) ? [] : [index]));
}

/**
 * A batch, in order. `execute_all` (the default) answers every evaluation; `deny_on_first_deny`
 * and `permit_on_first_permit` stop after the first deny or permit, which is the last answer.
 */
export async function evaluateAll(access: AccessService, caller: Caller, batch: EvaluationsRequest): Promise<DecisionAnswer[]> {
  const semantic = batch.options?.evaluations_semantic ?? 'execute_all';
  const answers: DecisionAnswer[] = [];
  for (let index = 0; index < batch.evaluations.length; index++) {
    const answer = await evaluate(access, caller, completed(batch, index)!);
    answers.push(answer);
    if (semantic === 'deny_on_first_deny' && !answer.decision) break;
    if (semantic === 'permit_on_first_permit' && answer.decision) break;
  }
  return answers;
}
