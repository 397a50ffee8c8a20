// An SMSC built with node-smpp, for testing our ESME against an implementation we did not write.
// usage: node smsc-server.js <system_id> <password>
// stdout: "LISTENING <port>", then "EVENT <json>" for everything the ESME does.
// stdin:  "RECEIPT <message_id>" | "MO <from> <to> <text...>" | "ENQUIRE" | "UNBIND"
'use strict';
const smpp = require('smpp');
const readline = require('readline');

const [systemId, password] = process.argv.slice(2);
const event = (type, data) => process.stdout.write(`EVENT ${JSON.stringify({ type, ...data })}\n`);
let current = null;
let nextId = 0x1a2b;

const server = smpp.createServer((session) => {
  session.on('error', (e) => event('error', { message: e.message }));
  session.on('bind_transceiver', (pdu) => {
    const ok = pdu.system_id === systemId && pdu.password === password;
    event('bind', { system_id: pdu.system_id, system_type: pdu.system_type, interface_version: pdu.interface_version, ok });
    if (!ok) {
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      return;
    }
    current = session;
    session.send(pdu.response({ system_id: 'NODESMSC' }));
  });
  session.on('submit_sm', (pdu) => {
    const id = (nextId++).toString(16).toUpperCase();
    const text = pdu.short_message && pdu.short_message.message !== undefined ? pdu.short_message.message : String(pdu.short_message);
    event('submit', { message_id: id, destination_addr: pdu.destination_addr, data_coding: pdu.data_coding, registered_delivery: pdu.registered_delivery, text });
    session.send(pdu.response({ message_id: id }));
  });
  session.on('enquire_link', (pdu) => {
    event('enquire_link', { sequence_number: pdu.sequence_number });
    session.send(pdu.response());
  });
  session.on('unbind', (pdu) => {
    event('unbind', {});
    session.send(pdu.response());
    session.close();
  });
  session.on('close', () => event('close', {}));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...args] = line.trim().split(' ');
  if (!current) {
    event('error', { message: `no bound session for ${command}` });
    return;
  }
  switch (command) {
    case 'RECEIPT': {
      const id = args[0];
      const text = `id:${id} sub:001 dlvrd:001 submit date:2611221015 done date:2611221016 stat:DELIVRD err:000 text:Hei`;
      current.deliver_sm({
        source_addr: '4791234567', destination_addr: 'Front', esm_class: 0x04, short_message: text,
        receipted_message_id: id, message_state: 2,
      }, (resp) => event('deliver_sm_resp', { kind: 'receipt', command_status: resp.command_status }));
      break;
    }
    case 'MO':
      current.deliver_sm({ source_addr: args[0], destination_addr: args[1], short_message: args.slice(2).join(' ') },
        (resp) => event('deliver_sm_resp', { kind: 'mo', command_status: resp.command_status }));
      break;
    case 'ENQUIRE':
      current.enquire_link({}, (resp) => event('enquire_link_resp', { sequence_number: resp.sequence_number, command_status: resp.command_status }));
      break;
    case 'UNBIND':
      current.unbind({}, (resp) => event('unbind_resp', { command_status: resp.command_status }));
      break;
    default:
      event('error', { message: `unknown command ${command}` });
  }
});
process.stdin.on('end', () => process.exit(0));
