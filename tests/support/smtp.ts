/** A real SMTP server on loopback that records what it accepts (tests/mail-outage, tests/cluster). */
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  messageId: string;
  rcpt: string[];
  at: number;
  /** The message as received (headers and body), for whoever needs more than its Message-ID. */
  raw: string;
}

/**
 * A loopback SMTP server that answers 451 to its first `tempFailures` messages and refuses `unknown` recipients
 * with 550. It takes the data of its first `hold` messages and never answers them, as a slow server that the
 * sender dies waiting on: those are not received (the sender never heard a 250). `held` counts them.
 */
export async function mailServer(port: number, opts: { tempFailures?: number; unknown?: string[]; hold?: number } = {}) {
  const received: Received[] = [];
  const held: string[] = [];
  let failuresLeft = opts.tempFailures ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (opts.unknown?.includes(address.address)) {
        return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        if (held.length < (opts.hold ?? 0)) {
          held.push(/^Message-ID: (<[^>]+>)/im.exec(raw)?.[1] ?? '');
          return;
        }
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          return callback(Object.assign(new Error('4.3.2 Service temporarily unavailable, try again later'), { responseCode: 451 }));
        }
        const messageId = /^Message-ID: (<[^>]+>)/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, rcpt: session.envelope.rcptTo.map((r) => r.address), at: Date.now(), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, held, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
