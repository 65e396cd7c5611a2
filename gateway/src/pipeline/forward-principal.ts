import { RemoteGraphQLDataSource } from '@apollo/gateway';
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
    const token = await this.signer.sign(context.principal, this.subgraphName, context.requestId);
    request.http!.headers.set('authorization', `Bearer ${token}`);
    request.http!.headers.set('x-request-id', context.requestId);
  }
}
