/** The notification port: where an alert goes besides the read model. */
export interface AlertNotice {
  alertKey: string;
  level: 'info' | 'warning' | 'critical';
  kind: string;
  campaignId: string;
  cityCode: string | null;
  phase: string | null;
  caseId: string | null;
  /** Chinese, without personal data (raiseAlert's contract). */
  message: string;
  raisedAt: string;
  repeatCount: number;
}

/** One channel. `send` rejects on failure; the caller records it and the activity retries. */
export interface NotificationChannel {
  name: string;
  send(notice: AlertNotice): Promise<void>;
}

export const LEVEL_RANK = { info: 0, warning: 1, critical: 2 } as const;
