import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/** Counters of a {@link FaultProxy}, for assertions and reports. */
export interface FaultProxyStats {
  /** Connections accepted and forwarded (or attempted upstream). */
  accepted: number;
  /** Connections refused while `refuse(true)` was on. */
  refused: number;
  /** Connections whose upstream could not be reached (target down). */
  upstreamFailures: number;
  /** Connections destroyed by `cut()`. */
  cut: number;
  /** Bytes forwarded client → target and target → client. */
  bytesUp: number;
  bytesDown: number;
}

/** A loopback TCP proxy that tests control to break the link between a client and a server. */
export interface FaultProxy {
  readonly host: '127.0.0.1';
  /** The port clients connect to. */
  readonly port: number;
  /** The port connections are forwarded to (change it with {@link FaultProxy.retarget}). */
  readonly target: number;
  /** Connections currently open through the proxy. */
  readonly active: number;
  readonly stats: Readonly<FaultProxyStats>;
  /** Destroys every open connection at once, both sides (the peers see a reset / 1006). */
  cut(): void;
  /**
   * Freezes the connections open now: no byte moves in either direction, nothing is closed — a
   * half-open link, as after a NAT timeout or a pulled cable. New connections are not affected.
   */
  stall(): void;
  /** Lets frozen connections flow again (bytes held meanwhile are delivered, in order). */
  resume(): void;
  /** Delays every chunk by `ms` in each direction from now on, keeping order (0 turns it off). */
  delay(ms: number): void;
  /**
   * Half-closes the connections open now: sends FIN towards the client (target → client ends),
   * while client → target keeps flowing until one of them closes.
   */
  halfClose(): void;
  /** While on, new connections are accepted and immediately destroyed (the server looks down). */
  refuse(on: boolean): void;
  /** Forwards new connections to another port (e.g. a restarted server). */
  retarget(port: number): void;
  /** Cuts everything and stops listening. */
  close(): Promise<void>;
}

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  frozen: boolean;
  /** Time the last delayed chunk of each direction is due, so a shorter delay never reorders. */
  dueUp: number;
  dueDown: number;
}

/**
 * Starts a fault-injection proxy on 127.0.0.1 (random port) in front of `127.0.0.1:targetPort`.
 * Loopback only: it never connects anywhere else.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(serverPort);
 * const client = new OCPPClient({ endpoint: `ws://127.0.0.1:${proxy.port}/ocpp`, ... });
 * proxy.cut();                    // the link drops; the client reconnects through the proxy
 * proxy.stall();                  // half-open: only keep-alive can notice
 * await proxy.close();
 * ```
 */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let delayMs = 0;
  let refusing = false;
  const links = new Set<Link>();
  const stats: FaultProxyStats = {
    accepted: 0,
    refused: 0,
    upstreamFailures: 0,
    cut: 0,
    bytesUp: 0,
    bytesDown: 0,
  };

  const destroy = (link: Link) => {
    links.delete(link);
    link.client.destroy();
    link.upstream.destroy();
  };

  const forward = (link: Link, chunk: Buffer, up: boolean) => {
    const to = up ? link.upstream : link.client;
    const write = () => {
      if (to.destroyed || to.writableEnded) return;
      if (up) stats.bytesUp += chunk.length;
      else stats.bytesDown += chunk.length;
      to.write(chunk);
    };
    if (delayMs <= 0 && (up ? link.dueUp : link.dueDown) <= Date.now()) {
      write();
      return;
    }
    const due = Math.max(Date.now() + delayMs, up ? link.dueUp : link.dueDown);
    if (up) link.dueUp = due;
    else link.dueDown = due;
    setTimeout(write, due - Date.now());
  };

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    client.on('error', () => {});
    if (refusing) {
      stats.refused++;
      client.resetAndDestroy();
      return;
    }
    stats.accepted++;
    const upstream = tcpConnect({ host: '127.0.0.1', port: target, allowHalfOpen: true });
    const link: Link = { client, upstream, frozen: false, dueUp: 0, dueDown: 0 };
    links.add(link);
    upstream.on('error', () => {
      if (!upstream.connecting) return;
      stats.upstreamFailures++;
    });
    client.on('data', (chunk: Buffer) => forward(link, chunk, true));
    upstream.on('data', (chunk: Buffer) => forward(link, chunk, false));
    // A FIN is passed on after the data before it (delayed chunks included).
    client.on('end', () => setTimeout(() => upstream.end(), Math.max(0, link.dueUp - Date.now())));
    upstream.on('end', () => setTimeout(() => client.end(), Math.max(0, link.dueDown - Date.now())));
    client.on('close', () => destroy(link));
    upstream.on('close', () => destroy(link));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;

  const proxy: FaultProxy = {
    host: '127.0.0.1',
    port,
    get target() {
      return target;
    },
    get active() {
      return links.size;
    },
    stats,
    cut() {
      for (const link of [...links]) {
        stats.cut++;
        link.client.resetAndDestroy();
        link.upstream.resetAndDestroy();
        links.delete(link);
      }
    },
    stall() {
      for (const link of links) {
        link.frozen = true;
        link.client.pause();
        link.upstream.pause();
      }
    },
    resume() {
      for (const link of links) {
        if (!link.frozen) continue;
        link.frozen = false;
        link.client.resume();
        link.upstream.resume();
      }
    },
    delay(ms: number) {
      delayMs = Math.max(0, ms);
    },
    halfClose() {
      for (const link of links) link.client.end();
    },
    refuse(on: boolean) {
      refusing = on;
    },
    retarget(next: number) {
      target = next;
    },
    close() {
      proxy.cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
