// An ESME built with node-smpp, so our SMSC simulator can be tested against an SMPP implementation nobody on the team wrote.
//
// usage: node esme-client.js traffic <host> <port> <system_id> <password> <submits>
//        node esme-client.js refused <host> <port> <system_id> <password>
//
// traffic: bind_transceiver, one enquire_link, <submits> submit_sm with registered_delivery 1; every deliver_sm
//   (receipt or mobile-originated) is answered with deliver_sm_resp OK. On the stdin command FINISH it checks that
//   every message id it was given has exactly one receipt whose receipted_message_id TLV matches, unbinds and
//   exits 0 once the SMSC has answered the unbind.
// refused: the bind must be refused; exits 0 after printing the status.
//
// stdout: "EVENT <json>" lines (bound, enquire_link_resp, submit_resp, receipt, mo, bind_refused, unbound);
// any failure prints "FAIL <reason>" and exits 1. The test drives the timing; the script has no timers.
'use strict';
const smpp = require('smpp');
const readline = require('readline');

const [scenario, host, port, systemId, password, count] = process.argv.slice(2);
const event = (type, data) => process.stdout.write(`EVENT ${JSON.stringify({ type, ...data })}\n`);
const fail = (reason) => {
  process.stdout.write(`FAIL ${reason}\n`);
  process.exit(1);
};
if (!['traffic', 'refused'].includes(scenario) || !host || !port || systemId === undefined || password === undefined) {
  fail('usage: node esme-client.js traffic|refused <host> <port> <system_id> <password> [submits]');
}

const total = Number(count || 0);
const submitted = new Map(); // message_id -> index of the submit
const receipts = new Map(); // receipted_message_id -> how many receipts named it
let finishing = false;
let unbound = false; // the unbind was answered: a close from here on is the expected end

const session = smpp.connect({ host, port: Number(port) }, () => {
  session.bind_transceiver({ system_id: systemId, password }, (pdu) => {
    if (scenario === 'refused') {
      if (pdu.command_status === 0) fail('bind was accepted although it should have been refused');
      event('bind_refused', { command_status: pdu.command_status });
      finishing = true;
      session.close(() => process.exit(0));
      return;
    }
    if (pdu.command_status !== 0) fail(`bind refused with status ${pdu.command_status}`);
    event('bound', { system_id: pdu.system_id });
    session.enquire_link({}, (resp) => {
      if (resp.command_status !== 0) fail(`enquire_link answered with status ${resp.command_status}`);
      event('enquire_link_resp', { command_status: resp.command_status });
    });
    for (let i = 0; i < total; i++) submit(i);
  });
});

function submit(i) {
  session.submit_sm({
    source_addr_ton: 5, source_addr: 'NodeEsme', dest_addr_ton: 1, dest_addr_npi: 1,
    destination_addr: `4791${String(i).padStart(6, '0')}`, registered_delivery: 1, data_coding: 0,
    short_message: `node message ${i}`,
  }, (resp) => {
    if (resp.command_status !== 0) fail(`submit ${i} refused with status ${resp.command_status}`);
    if (!resp.message_id) fail(`submit ${i} accepted without a message id`);
    if (submitted.has(resp.message_id)) fail(`message id ${resp.message_id} given twice`);
    submitted.set(resp.message_id, i);
    event('submit_resp', { index: i, message_id: resp.message_id });
  });
}

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  const sm = pdu.short_message || {};
  const text = typeof sm === 'object' && 'message' in sm ? String(sm.message) : '';
  if (pdu.esm_class & 0x04) {
    const id = pdu.receipted_message_id;
    if (!id) fail(`receipt without receipted_message_id: ${text}`);
    if (pdu.message_state === undefined) fail(`receipt without message_state: ${text}`);
    if (!/^id:\S+ sub:\d{3} dlvrd:\d{3} submit date:\d{10} done date:\d{10} stat:[A-Z]{7} err:\d{3} text:/.test(text)) {
      fail(`receipt text not in the SMPP 3.4 Appendix B form: ${text}`);
    }
    receipts.set(id, (receipts.get(id) || 0) + 1);
    event('receipt', { receipted_message_id: id, message_state: pdu.message_state, data_coding: pdu.data_coding, text });
  } else {
    event('mo', {
      source_addr: pdu.source_addr, destination_addr: pdu.destination_addr, esm_class: pdu.esm_class,
      data_coding: pdu.data_coding, udh: (sm.udh || []).map((b) => b.toString('hex')), text,
    });
  }
});

// node-smpp leaves answering enquire_link to the application.
session.on('enquire_link', (pdu) => {
  session.send(pdu.response());
  event('enquire_link', { sequence_number: pdu.sequence_number });
});

// An SMSC may unbind us; answer as SMPP asks.
session.on('unbind', (pdu) => {
  session.send(pdu.response());
  if (!finishing) fail('the SMSC unbound the session before the scenario finished');
});

session.on('generic_nack', (pdu) => fail(`generic_nack ${pdu.command_status} for sequence ${pdu.sequence_number}`));
session.on('error', (e) => fail(`socket error: ${e.message}`));
session.on('close', () => {
  if (!finishing) fail('the SMSC closed the connection before the scenario finished');
  // The SMSC may close right after its unbind_resp, before session.close() below registers its callback.
  if (unbound) process.exit(0);
});

function finish() {
  if (submitted.size !== total) fail(`only ${submitted.size} of ${total} submits were answered`);
  for (const id of submitted.keys()) {
    const n = receipts.get(id) || 0;
    if (n !== 1) fail(`message id ${id} has ${n} receipts, expected exactly 1`);
  }
  for (const id of receipts.keys()) {
    if (!submitted.has(id)) fail(`receipt for ${id}, which no submit_sm_resp gave`);
  }
  finishing = true;
  session.unbind({}, (resp) => {
    if (resp.command_status !== 0) fail(`unbind answered with status ${resp.command_status}`);
    event('unbound', { command_status: resp.command_status });
    unbound = true;
    // The unbind is answered: the scenario is over. Waiting for the socket's close event as well once hung for a
    // minute (the close raced the SMSC's own close after its unbind_resp), so the script ends here.
    session.socket.end();
    process.exit(0);
  });
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'FINISH') finish();
  else if (command) fail(`unknown command ${command}`);
});
process.stdin.on('end', () => {
  if (!finishing) fail('stdin closed before FINISH');
});
