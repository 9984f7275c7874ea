import { Type, type Static } from 'typebox';

/*
 * The OpenID AuthZEN Authorization API 1.0 as Rolecall answers it: the subject is a user (by the
 * `sub` applications know them by), the action a role code of the client's application, the
 * resource an organization of that application (or the application itself, for a role held
 * application-wide). `properties` and `context` are accepted and not used.
 */

const Properties = Type.Optional(Type.Record(Type.String(), Type.Unknown()));
const Identifier = Type.String({ minLength: 1, maxLength: 200 });

export const Subject = Type.Object({ type: Type.Literal('user'), id: Identifier, properties: Properties });
export const Action = Type.Object({ name: Identifier, properties: Properties });
export const Resource = Type.Object({
  type: Type.Union([Type.Literal('organization'), Type.Literal('application')]),
  id: Identifier,
  properties: Properties,
});
const Context = Type.Optional(Type.Record(Type.String(), Type.Unknown()));

export const EvaluationBody = Type.Object({ subject: Subject, action: Action, resource: Resource, context: Context });

export const EvaluationsBody = Type.Object({
  subject: Type.Optional(Subject),
  action: Type.Optional(Action),
  resource: Type.Optional(Resource),
  context: Context,
  evaluations: Type.Array(
    Type.Object({
      subject: Type.Optional(Subject),
      action: Type.Optional(Action),
      resource: Type.Optional(Resource),
      context: Context,
    }),
    { minItems: 1, maxItems: 100 },
  ),
  options: Type.Optional(
    Type.Object({
      evaluations_semantic: Type.Optional(
        Type.Union([Type.Literal('execute_all'), Type.Literal('deny_on_first_deny'), Type.Literal('permit_on_first_permit')]),
      ),
    }),
  ),
});

export const Decision = Type.Object({
  decision: Type.Boolean(),
  context: Type.Object({
    reason: Type.Union([
      Type.Literal('role_held'),
      Type.Literal('subject_unknown'),
      Type.Literal('subject_inactive'),
      Type.Literal('role_not_held'),
      Type.Literal('certification_expired'),
      Type.Literal('resource_not_in_application'),
    ]),
  }),
});

export const Decisions = Type.Object({ evaluations: Type.Array(Decision) });

export const Configuration = Type.Object({
  policy_decision_point: Type.String(),
  access_evaluation_endpoint: Type.String(),
  access_evaluations_endpoint: Type.String(),
});

export type EvaluationRequest = Static<typeof EvaluationBody>;
export type EvaluationsRequest = Static<typeof EvaluationsBody>;
export type DecisionAnswer = Static<typeof Decision>;
