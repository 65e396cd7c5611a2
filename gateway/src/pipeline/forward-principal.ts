import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { InternalSigner } from '@lbc/schema';
import type { GatewayContext } from './gateway-context.ts';

/**
 * The hop to a subgraph: the caller's token never leaves the gateway. Each subgraph gets
 * a fresh, short-lived token signed by the gateway and addressed to that subgraph alone.
 */
export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    private readonly signer: InternalSigner,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): Promise<void> {
    if (!context.principal) throw new Error('no principal on the request: authentication did not run');
    const token = await this.signer.sign(context.principal, this.subgraphName, {
      requestId: context.requestId,
      purpose: context.access.purpose,
      justification: context.access.justification,
      case: context.case,
      breakGlassChild: context.breakGlassChild,
    });
    request.http!.headers.set('authorization', `Bearer ${token}`);
    // The audit records what each agency was asked for on the caller's behalf.
    context.trail?.fetches.push({ subgraph: this.subgraphName, query: request.query ?? '' });
    request.http!.headers.set('x-request-id', context.requestId);
  }

  /**
   * A non-2xx answer (the subgraph refused our token, or crashed). Apollo's default error
   * carries the subgraph URL and response body to the client; ours names the agency only
   * and keeps the status for the log.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    return new GraphQLError(`the ${this.subgraphName} service could not answer`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName },
      originalError: new Error(`HTTP ${response.status} ${response.statusText}`),
    });
  }
}
