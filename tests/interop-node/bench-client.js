// A throughput probe for an SMSC: node-smpp as the ESME, so the same client measures our simulator and node-smpp's server.
//
// usage: node bench-client.js <host> <port> [seconds=10] [window=100] [warmup_seconds=2]
//
// Binds as transceiver (any credentials), keeps <window> submit_sm (registered_delivery 1) outstanding, answers every
// deliver_sm, and prints per second: submit_sm_resp received and receipts received. At the end one line
//   RESULT submits/s=<n> receipts/s=<n> seconds=<s> window=<w>
// averaged over the measured seconds (after the warm-up), then unbinds and exits 0.
'use strict';
const smpp = require('smpp');

const [host, portArg, secondsArg, windowArg, warmupArg] = process.argv.slice(2);
if (!host || !portArg) {
  process.stdout.write('usage: node bench-client.js <host> <port> [seconds] [window] [warmup_seconds]\n');
  process.exit(2);
}
const seconds = Number(secondsArg || 10);
const window = Number(windowArg || 100);
const warmup = Number(warmupArg || 2);
// BENCH_RECEIPTS=0 submits with registered_delivery 0, to tell the submit path from the receipt path.
const receiptsWanted = process.env.BENCH_RECEIPTS !== '0';

let outstanding = 0;
let sent = 0;
let responses = 0;
let receipts = 0;
let failures = 0;
let running = true;
const fail = (reason) => {
  process.stdout.write(`FAIL ${reason}\n`);
  process.exit(1);
};

const session = smpp.connect({ host, port: Number(portArg) }, () => {
  if (process.env.BENCH_NODELAY === '1') session.socket.setNoDelay(true);
  session.bind_transceiver({ system_id: 'bench', password: 'bench' }, (pdu) => {
    if (pdu.command_status !== 0) fail(`bind refused with status ${pdu.command_status}`);
    fill();
    measure();
  });
});

function fill() {
  while (running && outstanding < window) submit();
}

function submit() {
  const i = sent++;
  outstanding++;
  session.submit_sm({
    source_addr_ton: 5, source_addr: 'Bench', dest_addr_ton: 1, dest_addr_npi: 1,
    destination_addr: `4791${String(i % 1000000).padStart(6, '0')}`, registered_delivery: receiptsWanted ? 1 : 0, data_coding: 0,
    short_message: `bench message ${i}`,
  }, (resp) => {
    outstanding--;
    responses++;
    if (resp.command_status !== 0) failures++;
    fill();
  });
}

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  if (pdu.esm_class & 0x04) receipts++;
});
session.on('enquire_link', (pdu) => session.send(pdu.response()));
session.on('error', (e) => {
  if (running) fail(`socket error: ${e.message}`);
});
session.on('close', () => {
  if (running) fail('the SMSC closed the connection during the run');
});

function measure() {
  let lastResponses = 0;
  let lastReceipts = 0;
  let tick = 0;
  let measuredResponses = 0;
  let measuredReceipts = 0;
  const started = process.hrtime.bigint();
  let last = started;
  const timer = setInterval(() => {
    tick++;
    const now = process.hrtime.bigint();
    const elapsed = Number(now - last) / 1e9;
    last = now;
    const r = responses - lastResponses;
    const d = receipts - lastReceipts;
    lastResponses = responses;
    lastReceipts = receipts;
    const phase = tick <= warmup ? 'warmup' : 'measure';
    process.stdout.write(`${phase} t=${tick}s submit_resp/s=${Math.round(r / elapsed)} receipts/s=${Math.round(d / elapsed)} outstanding=${outstanding}\n`);
    if (tick > warmup) {
      measuredResponses += r;
      measuredReceipts += d;
    }
    if (tick >= warmup + seconds) {
      clearInterval(timer);
      running = false;
      const span = seconds;
      process.stdout.write(`RESULT submits/s=${Math.round(measuredResponses / span)} receipts/s=${Math.round(measuredReceipts / span)} seconds=${span} window=${window} failures=${failures}\n`);
      const done = () => session.close(() => process.exit(0));
      const forced = setTimeout(() => process.exit(0), 3000);
      forced.unref();
      session.unbind({}, done);
    }
  }, 1000);
}
