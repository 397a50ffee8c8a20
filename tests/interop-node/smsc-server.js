// An SMSC built with node-smpp, so our ESME can be tested against an SMPP implementation nobody on the team wrote.
//
// usage: node smsc-server.js <port|0> <system_id> <password>
//
// stdout, one line each:
//   LISTENING <port>          once, when it accepts connections (on 127.0.0.1)
//   EVENT <json>              what the ESME did, with a "type" field: bind, submit, enquire_link,
//                             enquire_link_resp, deliver_sm_resp, unbind, unbind_resp_sent, unbind_resp,
//                             generic_nack, close, error
// stdin, one command a line, acting on the most recently bound session:
//   RECEIPT <message_id>                          a delivery receipt (esm_class 0x04, Appendix B text and the
//                                                 receipted_message_id and message_state TLVs)
//   MO <from> <to> <text...>                      a mobile-originated message; node-smpp picks the data_coding
//   MO_CODED <data_coding> <from> <to> <text...>  the same with the data_coding given
//   MO_PAYLOAD <data_coding> <from> <to> <text...> the text in the message_payload TLV, short_message empty
//   ENQUIRE                                       an enquire_link from the SMSC
//   UNBIND                                        an unbind from the SMSC
// The test drives all timing through stdin; the script has no timers. It exits when stdin closes.
'use strict';
const smpp = require('smpp');
const readline = require('readline');

const [portArg, systemId, password] = process.argv.slice(2);
if (portArg === undefined || systemId === undefined || password === undefined) {
  process.stdout.write('FAIL usage: node smsc-server.js <port|0> <system_id> <password>\n');
  process.exit(2);
}

const event = (type, data) => process.stdout.write(`EVENT ${JSON.stringify({ type, ...data })}\n`);
const textOf = (value) => (value && typeof value === 'object' && 'message' in value ? String(value.message) : '');
const udhOf = (value) => (value && value.udh ? value.udh.map((b) => b.toString('hex')) : []);

let current = null;
let nextId = 0x1a2b;

const server = smpp.createServer((session) => {
  session.on('error', (e) => event('error', { message: e.message }));
  session.on('close', () => event('close', {}));

  for (const command of ['bind_transceiver', 'bind_transmitter', 'bind_receiver']) {
    session.on(command, (pdu) => {
      const status = pdu.system_id !== systemId ? smpp.ESME_RINVSYSID
        : pdu.password !== password ? smpp.ESME_RINVPASWD
          : smpp.ESME_ROK;
      event('bind', {
        command, system_id: pdu.system_id, system_type: pdu.system_type, interface_version: pdu.interface_version,
        addr_ton: pdu.addr_ton, addr_npi: pdu.addr_npi, address_range: pdu.address_range, ok: status === smpp.ESME_ROK, status,
      });
      if (status !== smpp.ESME_ROK) {
        // node-smpp sends a bare header for a non-zero status, as SMPP 3.4 section 4.1 says a refused bind looks.
        session.send(pdu.response({ command_status: status }));
        return;
      }
      current = session;
      session.send(pdu.response({ system_id: 'NODESMSC' }));
    });
  }

  session.on('submit_sm', (pdu) => {
    const id = (nextId++).toString(16).toUpperCase();
    event('submit', {
      message_id: id, source_addr: pdu.source_addr, destination_addr: pdu.destination_addr, esm_class: pdu.esm_class,
      data_coding: pdu.data_coding, registered_delivery: pdu.registered_delivery,
      udh: udhOf(pdu.short_message), text: textOf(pdu.short_message),
    });
    session.send(pdu.response({ message_id: id }));
  });

  session.on('enquire_link', (pdu) => {
    event('enquire_link', { sequence_number: pdu.sequence_number });
    session.send(pdu.response());
  });

  session.on('generic_nack', (pdu) => event('generic_nack', { sequence_number: pdu.sequence_number, command_status: pdu.command_status }));

  // The ESME unbinds: answer and leave the closing to it, so a 'close' event shows the ESME understood the answer.
  session.on('unbind', (pdu) => {
    event('unbind', { sequence_number: pdu.sequence_number });
    session.send(pdu.response(), () => event('unbind_resp_sent', {}));
  });
});

server.listen(Number(portArg), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

function deliver(kind, options) {
  current.deliver_sm(options, (resp) => event('deliver_sm_resp', { kind, sequence_number: resp.sequence_number, command_status: resp.command_status }));
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...args] = line.trim().split(' ');
  if (!command) return;
  if (!current) {
    event('error', { message: `no bound session for ${command}` });
    return;
  }
  switch (command) {
    case 'RECEIPT': {
      const id = args[0];
      const text = `id:${id} sub:001 dlvrd:001 submit date:2611221015 done date:2611221016 stat:DELIVRD err:000 text:Hei`;
      deliver('receipt', {
        source_addr: '4791234567', destination_addr: 'Front', esm_class: 0x04, data_coding: 0, short_message: text,
        receipted_message_id: id, message_state: 2, // DELIVERED
      });
      break;
    }
    case 'MO':
      deliver('mo', { source_addr: args[0], destination_addr: args[1], short_message: args.slice(2).join(' ') });
      break;
    case 'MO_CODED':
      deliver('mo', { data_coding: Number(args[0]), source_addr: args[1], destination_addr: args[2], short_message: args.slice(3).join(' ') });
      break;
    case 'MO_PAYLOAD':
      deliver('mo', { data_coding: Number(args[0]), source_addr: args[1], destination_addr: args[2], message_payload: args.slice(3).join(' ') });
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
