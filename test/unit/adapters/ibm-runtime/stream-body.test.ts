/**
 * Issue 13 point 2, the transport side: a streamed body has no total time limit, only a stall
 * limit. A body that keeps sending outlives the per-attempt timeout; one that goes silent ends
 * with a RequestTimeoutError saying it stalled (and the connection is dropped).
 */
import { RequestTimeoutError } from '../../../../src/core/errors';
import { createTransport, streamBody } from '../../../../adapters/ibm-runtime/transport';

/** A 200 whose body sends `pieces` chunks, `gapMs` apart, then either ends or goes silent. */
function slowFetch(pieces: number, gapMs: number, endAfter: boolean): (r: Request) => Promise<Response> {
  return async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(ctrl) {
        if (sent === pieces) {
          if (endAfter) ctrl.close();
          else await new Promise(() => undefined); // silence, socket open
          return;
        }
        if (sent) await new Promise((r) => setTimeout(r, gapMs));
        sent++;
        ctrl.enqueue(new Uint8Array([0x61]));
      },
    });
    return new Response(body, { status: 200 });
  };
}

async function consumeAll(fetch: (r: Request) => Promise<Response>, stallMs: number): Promise<number> {
  const transport = createTransport({ fetch, timeoutMs: 100, maxRetries: 0 });
  let bytes = 0;
  await transport(
    streamBody(new Request('https://example.test/api/v1/jobs/j/results'), async (chunks) => {
      for await (const c of chunks) bytes += c.byteLength;
    }, stallMs),
  );
  return bytes;
}

describe('streamed bodies', () => {
  it('point 2: a body that sends every 40 ms for 400 ms in total outlives a 100 ms per-attempt timeout', async () => {
    expect(await consumeAll(slowFetch(10, 40, true), 1000)).toBe(10);
  });

  it('point 2: a body that goes silent is a RequestTimeoutError saying it stalled', async () => {
    const e = await consumeAll(slowFetch(2, 1, false), 150).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestTimeoutError);
    expect((e as Error).message).toBe('GET /api/v1/jobs/j/results stalled: no data for 150 ms');
  });
});
