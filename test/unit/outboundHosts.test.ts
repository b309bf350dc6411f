import { loadConfig, ConfigError } from '../../platform/config';
import { assertHostAllowed, hostAllowed } from '../../platform/outboundHosts';

describe('outbound host allow-lists (GZ_PROVIDER_HOSTS, GZ_WEBHOOK_HOSTS)', () => {
  it('allows nothing by default', () => {
    const c = loadConfig({});
    expect(c.GZ_PROVIDER_HOSTS).toEqual([]);
    expect(c.GZ_WEBHOOK_HOSTS).toEqual([]);
    expect(hostAllowed('https://hrss.example.gov.cn/api', c.GZ_PROVIDER_HOSTS)).toBe(false);
  });

  it('reads host and host:port entries, case-insensitively, and refuses a malformed one at start-up', () => {
    expect(loadConfig({ GZ_PROVIDER_HOSTS: ' HRSS.example.gov.cn , 10.0.0.5:8443,[::1]:9000' }).GZ_PROVIDER_HOSTS).toEqual([
      'hrss.example.gov.cn',
      '10.0.0.5:8443',
      '[::1]:9000',
    ]);
    expect(() => loadConfig({ GZ_WEBHOOK_HOSTS: 'http://hooks.example.gov.cn/x' })).toThrow(ConfigError);
  });

  it('matches the URL host after normalisation; a port in the entry must match, default ports included', () => {
    const list = ['hrss.example.gov.cn', '10.0.0.5:8443', '127.0.0.1:80', '[::1]:9000'];
    expect(hostAllowed('https://HRSS.example.gov.cn:444/v1?city=2201', list)).toBe(true);
    expect(hostAllowed('https://10.0.0.5:8443/x', list)).toBe(true);
    expect(hostAllowed('https://10.0.0.5/x', list)).toBe(false);
    expect(hostAllowed('http://2130706433/x', list)).toBe(true); // 127.0.0.1, port 80
    expect(hostAllowed('http://127.1:8080/x', list)).toBe(false);
    expect(hostAllowed('http://[::1]:9000/x', list)).toBe(true);
    expect(hostAllowed('http://hrss.example.gov.cn.evil.example/x', list)).toBe(false);
    expect(hostAllowed('http://evil.example@hrss.example.gov.cn/x', list)).toBe(true);
    expect(hostAllowed('http://hrss.example.gov.cn@evil.example/x', list)).toBe(false);
    expect(hostAllowed('file:///etc/shadow', list)).toBe(false);
    expect(hostAllowed('not a url', list)).toBe(false);
  });

  it('refuses in Chinese, naming the setting and the host given, nothing else', () => {
    expect(() => assertHostAllowed('http://user:pw@169.254.169.254/latest/meta-data?x=1', { GZ_PROVIDER_HOSTS: [] }, 'GZ_PROVIDER_HOSTS')).toThrow(
      '数据接口地址的主机“169.254.169.254”不在允许列表中：请由系统管理员在配置项 GZ_PROVIDER_HOSTS 中列出该主机后再试（未连接该地址）',
    );
  });
});
