// A small CSMS on Cloudflare Workers. Each charging station connects to wss://<host>/ocpp/<identity>
// and gets its own Durable Object (addressed by identity), which answers the station's messages
// for OCPP 1.6 and 2.0.1 and hibernates while the station is idle.
import {
  createOCPPRouter,
  type DurableObjectNamespaceLike,
  type Handshake,
  type OCPPServerOptions,
  OCPPStationObject,
  type StationConnection,
  type StationStubLike,
} from '@ocpp-ws-io/cloudflare';

interface Env {
  STATIONS: DurableObjectNamespaceLike<StationStubLike & Pick<StationObject, 'transactions'>>;
  /** Shared Basic-auth password of the demo; a real CSMS keeps one per station. */
  STATION_PASSWORD: string;
  /** Bearer token of the HTTP API. */
  API_TOKEN: string;
}

/** One charging session, as this CSMS records it. */
interface Transaction {
  id: string;
  idTag: string | undefined;
  startedAt: string;
  stoppedAt?: string;
  meterStartWh?: number;
  meterStopWh?: number;
  meterSamples: number;
}

const now = () => new Date().toISOString();

export class StationObject extends OCPPStationObject<Env> {
  protected override serverOptions(): OCPPServerOptions {
    return { protocols: ['ocpp2.0.1', 'ocpp1.6'] };
  }

  protected override authenticate({ password }: Handshake) {
    return password === this.env.STATION_PASSWORD;
  }

  // Runs for each new connection and again after each hibernation: handlers live here, state
  // lives in this.ctx.storage (instance fields do not survive hibernation).
  protected override onStation(station: StationConnection): void {
    station.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 300 }));
    station.handle('Heartbeat', () => ({ currentTime: now() }));
    station.handle('StatusNotification', () => ({}));

    if (station.protocol === 'ocpp1.6') {
      station.handle('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }));
      station.handle('StartTransaction', async ({ params }) => {
        const p = params as { idTag: string; meterStart: number; timestamp: string };
        // 1.6 transaction ids are integers chosen by the CSMS.
        const id = ((await this.ctx.storage.get<number>('lastTransactionId')) ?? 0) + 1;
        await this.ctx.storage.put('lastTransactionId', id);
        await this.save({
          id: String(id),
          idTag: p.idTag,
          startedAt: p.timestamp,
          meterStartWh: p.meterStart,
          meterSamples: 0,
        });
        return { transactionId: id, idTagInfo: { status: 'Accepted' } };
      });
      station.handle('MeterValues', async ({ params }) => {
        const p = params as { transactionId?: number; meterValue: unknown[] };
        if (p.transactionId !== undefined)
          await this.update(String(p.transactionId), (t) => {
            t.meterSamples += p.meterValue.length;
          });
        return {};
      });
      station.handle('StopTransaction', async ({ params }) => {
        const p = params as { transactionId: number; meterStop: number; timestamp: string };
        await this.update(String(p.transactionId), (t) => {
          t.stoppedAt = p.timestamp;
          t.meterStopWh = p.meterStop;
        });
        return { idTagInfo: { status: 'Accepted' } };
      });
    } else {
      station.handle('Authorize', () => ({ idTokenInfo: { status: 'Accepted' } }));
      station.handle('MeterValues', () => ({}));
      // 2.0.1 reports a whole transaction through TransactionEvent (Started / Updated / Ended).
      station.handle('TransactionEvent', async ({ params }) => {
        const p = params as {
          eventType: 'Started' | 'Updated' | 'Ended';
          timestamp: string;
          transactionInfo: { transactionId: string };
          idToken?: { idToken: string };
          meterValue?: unknown[];
        };
        const id = p.transactionInfo.transactionId;
        if (p.eventType === 'Started') {
          await this.save({ id, idTag: p.idToken?.idToken, startedAt: p.timestamp, meterSamples: 0 });
        }
        await this.update(id, (t) => {
          t.meterSamples += p.meterValue?.length ?? 0;
          if (p.eventType === 'Ended') t.stoppedAt = p.timestamp;
        });
        // idTokenInfo only when a token came with the event (2.x: omit optional fields, never null).
        return p.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
      });
    }
  }

  /** RPC: the transactions this station reported, newest last. */
  async transactions(): Promise<Transaction[]> {
    return (await this.ctx.storage.get<Transaction[]>('transactions')) ?? [];
  }

  private async save(transaction: Transaction): Promise<void> {
    const all = await this.transactions();
    await this.ctx.storage.put('transactions', [...all.filter((t) => t.id !== transaction.id), transaction]);
  }

  private async update(id: string, change: (t: Transaction) => void): Promise<void> {
    const all = await this.transactions();
    const found = all.find((t) => t.id === id);
    if (!found) return;
    change(found);
    await this.ctx.storage.put('transactions', all);
  }
}

const isApiCaller = (request: Request, env: Env) =>
  request.headers.get('Authorization') === `Bearer ${env.API_TOKEN}`;

// /ocpp/:identity → the station's object; POST /api/stations/:identity/call/:action → a call to it.
const route = createOCPPRouter<Env>({ stations: (env) => env.STATIONS, api: { authorize: isApiCaller } });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const routed = await route(request, env);
    if (routed) return routed;
    const tx = /^\/api\/stations\/([^/]+)\/transactions$/.exec(new URL(request.url).pathname);
    if (tx && request.method === 'GET') {
      if (!isApiCaller(request, env)) return new Response('Unauthorized', { status: 401 });
      return Response.json(await env.STATIONS.getByName(decodeURIComponent(tx[1]!)).transactions());
    }
    return new Response('OCPP CSMS: connect stations to /ocpp/<identity>', { status: 404 });
  },
};
