/**
 * Temporal histories to and from the JSON that Temporal's own tools write (proto3 JSON: camelCase fields,
 * enum names, int64 as strings, RFC 3339 times).
 *
 * Why not `historyToJSON`/`historyFromJSON` of @temporalio/common: in this install @temporalio/common and
 * @temporalio/proto each carry their own copy of protobufjs, and the common helpers then refuse the proto
 * package's types ("type must be a Type"). Here the JSON codec is taken from the very protobufjs copy that
 * @temporalio/proto uses, which holds however npm lays out node_modules.
 */
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson = require(
  require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto/package.json'))] }),
) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** The history as Temporal's JSON: `{ events: [...] }`. */
export function historyToJson(history: History): { events: Array<Record<string, unknown>> } {
  const json = protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)) as { events?: Array<Record<string, unknown>> };
  return { events: json.events ?? [] };
}

const constantCase = (s: string): string => s.replace(/[^\b][A-Z]/g, (m) => `${m[0]}_${m[1]}`).toUpperCase();
const fixEnum = (obj: Record<string, unknown>, attr: string, prefix: string): Record<string, unknown> => {
  const value = obj[attr];
  return typeof value === 'string' ? { [attr]: value.startsWith(prefix) ? value : `${prefix}_${constantCase(value)}` } : {};
};

/**
 * A history from Temporal's JSON. Older UI and CLI exports write enums in PascalCase ("WorkflowExecutionStarted");
 * they are accepted too, as the SDK's own reader does. Unknown fields (from a newer server) are ignored.
 */
export function historyFromJson(json: { events: unknown[] }): History {
  const events = json.events.map((raw) => {
    const e = raw as Record<string, unknown>;
    const attrKey = Object.keys(e).find((k) => k.endsWith('EventAttributes'));
    if (!attrKey) throw new TypeError(`an event without attributes: ${JSON.stringify(e).slice(0, 200)}`);
    const attrs = e[attrKey] as Record<string, unknown>;
    const taskQueue = attrs.taskQueue as Record<string, unknown> | undefined;
    return {
      ...e,
      ...fixEnum(e, 'eventType', 'EVENT_TYPE'),
      [attrKey]: {
        ...attrs,
        ...(taskQueue ? { taskQueue: { ...taskQueue, ...fixEnum(taskQueue, 'kind', 'TASK_QUEUE_KIND') } } : {}),
        ...fixEnum(attrs, 'parentClosePolicy', 'PARENT_CLOSE_POLICY'),
        ...fixEnum(attrs, 'workflowIdReusePolicy', 'WORKFLOW_ID_REUSE_POLICY'),
        ...fixEnum(attrs, 'initiator', 'CONTINUE_AS_NEW_INITIATOR'),
        ...fixEnum(attrs, 'retryState', 'RETRY_STATE'),
      },
    };
  });
  const loaded = protojson.fromJson(historyType, { events }, { ignoreUnknownFields: true });
  if (!loaded) throw new TypeError('not a workflow history');
  return loaded as History;
}
