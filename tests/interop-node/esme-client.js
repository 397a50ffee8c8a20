// An ESME built with node-smpp, for testing our SMSC simulator against an implementation we did not write.
// usage: node esme-client.js <host> <port> <system_id> <password> <messages>
// It binds, submits <messages> with receipts requested, waits for every receipt and for one
// mobile-originated message, unbinds and exits 0; any failure prints "FAIL <reason>" and exits 1.
// stdout: "EVENT <json>" lines.
'use strict';
const smpp = require('smpp');

const [host, port, systemId, password, count] = process.argv.slice(2);
const total = Number(count);
const event = (type, data) => process.stdout.write(`EVENT ${JSON.stringify({ type, ...data })}\n`);
const fail = (reason) => {
  process.stdout.write(`FAIL ${reason}\n`);
  process.exit(1);
};
setTimeout(() => fail('scenario did not finish within 30 s'), 30000).unref();

const submitted = new Set();
const receipted = new Set();
let mo = null;

const session = smpp.connect({ host, port: Number(port) }, () => {
  session.bind_transceiver({ system_id: systemId, password }, (pdu) => {
    if (pdu.command_status !== 0) fail(`bind refused with status ${pdu.command_status}`);
    event('bound', { system_id: pdu.system_id });
    for (let i = 0; i < total; i++) {
      session.submit_sm({
        source_addr: 'Front', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: `4791${String(i).padStart(6, '0')}`,
        registered_delivery: 1, short_message: `node message ${i}`,
      }, (resp) => {
        if (resp.command_status !== 0) fail(`submit ${i} refused with status ${resp.command_status}`);
        submitted.add(resp.message_id);
        event('submit_resp', { message_id: resp.message_id });
        finishIfDone();
      });
    }
  });
});

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  if (pdu.esm_class & 0x04) {
    const id = pdu.receipted_message_id;
    const text = pdu.short_message.message;
    if (!/stat:DELIVRD/.test(text)) fail(`receipt text without stat: ${text}`);
    receipted.add(id);
    event('receipt', { receipted_message_id: id, message_state: pdu.message_state, text });
  } else {
    mo = pdu.short_message.message;
    event('mo', { source_addr: pdu.source_addr, destination_addr: pdu.destination_addr, text: mo });
  }
  finishIfDone();
});

session.on('error', (e) => fail(`socket error ${e.message}`));

function finishIfDone() {
  if (submitted.size < total || receipted.size < total || mo === null) return;
  for (const id of submitted) if (!receipted.has(id)) fail(`no receipt for ${id}`);
  session.unbind({}, (resp) => {
    event('unbound', { command_status: resp.command_status });
    session.close();
    process.exit(resp.command_status === 0 ? 0 : 1);
  });
}
