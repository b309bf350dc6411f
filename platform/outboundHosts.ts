/**
 * The hosts the system may call: provider pulls (GZ_PROVIDER_HOSTS) and alert webhooks
 * (GZ_WEBHOOK_HOSTS). A URL whose host is not listed is refused before any connection is made, so
 * a campaign configuration cannot turn the worker into a probe of the internal network (loopback
 * ports, cloud metadata, the database). Nothing is listed by default.
 */
import { z } from 'zod';

/** One entry: a host name or address, optionally with a port (`hrss.example.gov.cn`, `10.0.0.5:8443`, `[::1]:9000`). */
const HOST_ENTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** A comma-separated host list as read from the environment; empty means none. */
export const HostList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  )
  .pipe(z.array(z.string().regex(HOST_ENTRY, 'expected host or host:port, comma-separated (e.g. hrss.example.gov.cn,10.0.0.5:8443)')));

export type HostSetting = 'GZ_PROVIDER_HOSTS' | 'GZ_WEBHOOK_HOSTS';

export interface OutboundHosts {
  GZ_PROVIDER_HOSTS: readonly string[];
  GZ_WEBHOOK_HOSTS: readonly string[];
}

const WHAT: Record<HostSetting, string> = { GZ_PROVIDER_HOSTS: '数据接口', GZ_WEBHOOK_HOSTS: '告警推送（webhook）' };

/** A refused URL. The message names the setting and the host the caller gave, nothing about the target itself. */
export class HostNotAllowedError extends Error {
  override readonly name = 'HostNotAllowedError';
  constructor(
    readonly setting: HostSetting,
    host: string,
  ) {
    super(`${WHAT[setting]}地址的主机“${host}”不在允许列表中：请由系统管理员在配置项 ${setting} 中列出该主机后再试（未连接该地址）`);
  }
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : protocol === 'http:' ? '80' : '';
}

/**
 * Whether a URL may be called: http or https, and its host listed (an entry without a port allows
 * any port of that host; with one, that port only). The URL's host is compared after WHATWG URL
 * normalisation (lower case, IDNA, `2130706433` or `127.1` read as `127.0.0.1`), so another spelling
 * of an address cannot slip past the list; a name that resolves to an internal address is the
 * administrator's choice to list.
 */
export function hostAllowed(rawUrl: string, allowed: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const host = u.hostname.toLowerCase();
  const port = u.port || defaultPort(u.protocol);
  return allowed.some((entry) => {
    const [entryHost, entryPort] = splitEntry(entry);
    return entryHost === host && (entryPort === undefined || entryPort === port);
  });
}

/** `host`, `host:port`, `[v6]` or `[v6]:port` into host and port. */
function splitEntry(entry: string): [string, string | undefined] {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry);
  return m ? [m[1], m[2]] : [entry, undefined];
}

/** The host a message may name: as the caller wrote it, without credentials, path or query. */
export function shownHost(rawUrl: string): string {
  try {
    return new URL(rawUrl).host;
  } catch {
    return '(无效地址)';
  }
}

/** Throws HostNotAllowedError unless the URL's host is listed in `setting`. */
export function assertHostAllowed(rawUrl: string, hosts: Pick<OutboundHosts, HostSetting> | Partial<OutboundHosts>, setting: HostSetting): void {
  if (!hostAllowed(rawUrl, hosts[setting] ?? [])) throw new HostNotAllowedError(setting, shownHost(rawUrl));
}
