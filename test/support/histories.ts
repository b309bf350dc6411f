/**
 * Workflow histories as JSON files, read back into the protobuf objects the replayer takes.
 *
 * Not the SDK's historyToJSON/historyFromJSON: in this install @temporalio/common and
 * @temporalio/proto each carry their own copy of protobufjs 8, and protojson's instanceof check
 * fails across the copies ("type must be a Type"). The History class's own toObject/fromObject
 * (one protobufjs copy) round-trips exactly: int64 as strings, enums by name, bytes in base64.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.History;
const { History } = temporal.api.history.v1;

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'histories');

export function historyToFileJson(history: temporal.api.history.v1.IHistory): string {
  const object = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  return JSON.stringify(object, null, 1) + '\n';
}

export function historyFromFileJson(text: string): History {
  return History.fromObject(JSON.parse(text));
}

/** Every recorded history: the workflow type is the file name up to its last '-<n>.json'. */
export function recordedHistories(dir: string = HISTORIES_DIR): { file: string; workflowType: string; history: History }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      workflowType: file.replace(/-\d+\.json$/, ''),
      history: historyFromFileJson(readFileSync(path.join(dir, file), 'utf8')),
    }));
}
