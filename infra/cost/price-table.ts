/** A dated list-price table: every figure `npm run cost` prints is one of these times a quantity from env.yaml. */
export interface PriceTable {
  readonly region: string;
  readonly currency: 'USD';
  /** When the prices were read, and from where: AWS changes list prices, so a table is only as good as its date. */
  readonly asOf: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly hoursPerMonth: number;
  readonly eksClusterHour: number;
  readonly ec2: Readonly<Record<string, { readonly hour: number; readonly vcpu: number; readonly memoryGiB: number }>>;
  readonly ebsGp3GiBMonth: number;
  readonly natGatewayHour: number;
  readonly publicIpv4Hour: number;
  readonly albHour: number;
  readonly albLcuHour: number;
  readonly mskBrokerHour: Readonly<Record<string, number>>;
  readonly mskStorageGiBMonth: number;
  /** Single-AZ price; Multi-AZ (one standby) bills the instance and its storage twice. */
  readonly rdsPostgresHour: Readonly<Record<string, number>>;
  readonly rdsGp3GiBMonth: number;
  readonly kmsKeyMonth: number;
  readonly secretMonth: number;
}
