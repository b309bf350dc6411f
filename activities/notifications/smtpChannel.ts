/**
 * SMTP: a plain-text mail through the office's internal relay. Deliberately minimal (no TLS, no
 * AUTH): government intranets relay by network trust; a relay that needs TLS or AUTH calls for a
 * mail library (nodemailer) instead of growing this.
 */
import { connect } from 'node:net';
import type { AlertNotice, NotificationChannel } from './notificationPort';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function smtpChannel(opts: { host: string; port: number; from: string; to: string[]; timeoutMs: number }): NotificationChannel {
  return {
    name: 'smtp',
    send: (notice) => sendMail(opts, `[${notice.level}] ${notice.message.slice(0, 60)}`, renderBody(notice)),
  };
}

function renderBody(n: AlertNotice): string {
  return [
    n.message,
    '',
    `级别: ${n.level}`,
    `类型: ${n.kind}`,
    `专项治理: ${n.campaignId}`,
    `市（州）: ${n.cityCode ?? '-'}`,
    `阶段: ${n.phase ?? '-'}`,
    `案件: ${n.caseId ?? '-'}`,
    `时间: ${n.raisedAt}`,
    `第 ${n.repeatCount} 次提醒`,
    `编号: ${n.alertKey}`,
  ].join('\r\n');
}

async function sendMail(o: { host: string; port: number; from: string; to: string[]; timeoutMs: number }, subject: string, body: string): Promise<void> {
  const socket = connect({ host: o.host, port: o.port });
  socket.setTimeout(o.timeoutMs, () => socket.destroy(new Error(`smtp timed out after ${o.timeoutMs} ms`)));
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  let failure: Error | undefined;
  socket.on('data', (d) => {
    buffer += d.toString('utf8');
    // A reply ends with a line "NNN text" (a hyphen after the code means more lines follow).
    for (let m = buffer.match(/^(?:\d{3}-.*\r\n)*\d{3} .*\r\n/); m; m = buffer.match(/^(?:\d{3}-.*\r\n)*\d{3} .*\r\n/)) {
      buffer = buffer.slice(m[0].length);
      waiters.shift()?.(m[0]);
    }
  });
  const closed = new Promise<never>((_, reject) => {
    socket.once('error', (e) => {
      failure = e;
      reject(e);
    });
    socket.once('close', () => reject(failure ?? new Error('smtp connection closed')));
  });
  closed.catch(() => undefined);
  const reply = (expect: number) =>
    Promise.race([closed, new Promise<string>((resolve) => waiters.push(resolve))]).then((r) => {
      if (!r.startsWith(String(expect))) throw new Error(`smtp: expected ${expect}, got ${r.trim().split('\r\n').pop()}`);
    });
  const cmd = async (line: string, expect: number) => {
    socket.write(`${line}\r\n`);
    await reply(expect);
  };
  try {
    await reply(220);
    await cmd('EHLO guazheng', 250);
    await cmd(`MAIL FROM:<${o.from}>`, 250);
    for (const to of o.to) await cmd(`RCPT TO:<${to}>`, 250);
    await cmd('DATA', 354);
    const message = [
      `From: <${o.from}>`,
      `To: ${o.to.map((t) => `<${t}>`).join(', ')}`,
      `Subject: =?UTF-8?B?${b64(subject)}?=`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      ...(b64(body).match(/.{1,76}/g) ?? []),
    ].join('\r\n');
    await cmd(`${message}\r\n.`, 250);
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}
