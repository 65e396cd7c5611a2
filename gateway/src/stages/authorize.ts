import { inlineFragments, planAccess, type AccessContext, type AccessPlan, type Agency } from '@lbc/schema';
import { denialErrors } from '../authorization/denial-errors.ts';
import type { VerifyCase } from '../authorization/verify-case.ts';
import type { Stage } from '../pipeline/stage.ts';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/**
 * Every field of the operation decided for this caller and purpose before anything is
 * planned: denied fields are removed from the operation the later stages run (so no
 * subgraph is asked for them) and come back as null with UNAUTHORIZED_FIELD_OR_TYPE at
 * their path; masked fields are masked on the way out. A protection case the request
 * names is verified first (one call to civil affairs), since it opens SENSITIVE fields
 * of its child. `x-lbc-authz: reject` refuses an operation with any denial; `dry-run`
 * answers what would be denied and masked, and runs nothing.
 */
export function authorizeStage(owners: Map<string, Agency[]>, verifyCase: VerifyCase): Stage {
  // The parse stage shares one document per operation text: its fragments are inlined once.
  const inlined = new WeakMap<DocumentNode, Map<string | null, OperationDefinitionNode>>();
  const inlinedOperation = (document: DocumentNode, name: string | null) => {
    let forDocument = inlined.get(document);
    if (!forDocument) inlined.set(document, (forDocument = new Map()));
    let operation = forDocument.get(name);
    if (!operation) forDocument.set(name, (operation = inlineFragments(document, name)));
    return operation;
  };
  return {
    name: 'authorize',
    async run(request, next) {
      const principal = request.principal!;
      const access = request.access!;
      const requestCase = await verifyCase({ principal, access, requestId: request.id });
      // Subgraph tokens carry a verified case only: each subgraph re-checks its fields with it.
      if (requestCase?.childId) request.case = { id: requestCase.id, childId: requestCase.childId };
      const context: AccessContext = { principal, purpose: access.purpose, case: requestCase, justification: access.justification };
      const operation = inlinedOperation(request.document!, request.operation!.name?.value ?? null);
      const plan = planAccess(request.schema!, operation, context, owners, request.body?.variables ?? {});
      request.plan = plan;
      // Subgraphs see fetches, not the operation: the token tells each which child break-glass is for.
      if (plan.breakGlass && plan.breakGlassChild !== undefined) request.breakGlassChild = plan.breakGlassChild;

      if (access.mode === 'dry-run') return { data: null, extensions: { authorization: explain(plan) } };
      if (access.mode === 'reject' && plan.denied.length) return { errors: denialErrors(plan) };

      const result = await next();
      const masked = request.disclosure?.masked ?? [];
      const errors = [...denialErrors(plan), ...(result.errors ?? [])];
      const authorization = masked.length || plan.breakGlass ? { masked, ...(plan.breakGlass ? { breakGlass: true } : {}) } : undefined;
      return {
        ...result,
        ...(errors.length ? { errors } : {}),
        ...(authorization ? { extensions: { ...result.extensions, authorization } } : {}),
      };
    },
  };
}

/** What dry-run reports: every field that would be removed or masked, and the rule that decides it. */
function explain(plan: AccessPlan) {
  const entry = (a: AccessPlan['denied'][number]) => ({ path: a.path, coordinate: a.coordinate, rule: a.decision.rule });
  return { dryRun: true, wouldDeny: plan.denied.map(entry), wouldMask: plan.masked.map(entry) };
}
