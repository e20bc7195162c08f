// A stand-in for sync-worker.ts that answers by the device id it is sent: "crash" ends the
// thread, "refuse" answers a refusal, "slow" answers after 200 ms, anything else applies.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  const device = job.input.deviceId;
  if (device === 'crash') process.exit(3);
  if (device === 'refuse') {
    parentPort.postMessage({ id: job.id, error: { code: 'NOT_FOUND', message: 'Deze actie bestaat niet of je hebt er geen toegang toe.', details: {} } });
    return;
  }
  const answer = { id: job.id, result: { results: [], expectedSeq: null, lastSeq: 0, serverTime: job.now, missingPhotoIds: [], pull: { changes: [], cursor: device, hasMore: false, resetRequired: false } } };
  if (device === 'slow') setTimeout(() => parentPort.postMessage(answer), 200);
  else parentPort.postMessage(answer);
});
parentPort.postMessage({ ready: true });
