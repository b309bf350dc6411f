/** What the intermediary services are handed: the city of a campaign they act in, and the Temporal client that starts and signals their workflows. */
import type { Client } from '@temporalio/client';

export interface CityRef {
  campaignId: string;
  cityCode: string;
}

export interface WatchDeps {
  client: Client;
  taskQueue: string;
}
