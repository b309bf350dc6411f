/**
 * The officials' HTTP client: logs in with a user name and password, sends the bearer token,
 * logs in again when the token has expired (a soak outlives the 15-minute access token), and
 * streams a file upload without a response deadline (an import of a large file answers only
 * when it is done).
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export class Official {
  private token?: string;
  private tokenAt = 0;

  constructor(
    private readonly base: string,
    readonly username: string,
    private readonly password: string,
  ) {}

  private async login(): Promise<string> {
    const r = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password }),
    });
    const text = await r.text();
    if (r.status !== 200) throw new HttpError(r.status, text, `log-in of ${this.username}`);
    this.token = (JSON.parse(text) as { accessToken: string }).accessToken;
    this.tokenAt = Date.now();
    return this.token;
  }

  private async bearer(): Promise<string> {
    // Renew well before the default 15-minute expiry.
    if (!this.token || Date.now() - this.tokenAt > 10 * 60_000) return this.login();
    return this.token;
  }

  /** JSON request; answers the parsed body, throws HttpError on any status not in `ok`. */
  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, opts: { ok?: number[]; key?: string } = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { authorization: `Bearer ${await this.bearer()}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (opts.key) headers['idempotency-key'] = opts.key;
      const r = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      if (r.status === 401 && attempt === 0) {
        this.token = undefined;
        continue;
      }
      if (!(opts.ok ?? [200, 201]).includes(r.status)) throw new HttpError(r.status, text, `${method} ${path} as ${this.username}`);
      return (text ? JSON.parse(text) : {}) as T;
    }
  }

  /** POST /imports?source=…: the file streamed as the raw body, however long the import takes. */
  async upload(source: string, filePath: string, fileName: string): Promise<Record<string, unknown>> {
    const token = await this.bearer();
    const url = new URL(`${this.base}/imports?source=${source}&fileName=${encodeURIComponent(fileName)}`);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': statSync(filePath).size },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new HttpError(res.statusCode ?? 0, text, `import of ${fileName}`))));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      createReadStream(filePath).on('error', reject).pipe(req);
    });
  }
}
