// node-smpp's own server as the yardstick for bench-client.js: accepts any bind, answers each submit_sm with a
// message id and, when registered_delivery asks for it, sends the receipt at once (no delay), as our simulator does
// with --receipt-delay-ms 0.
//
// usage: node bench-server.js <port|0>     prints "LISTENING <port>"; exits when stdin closes or on SIGINT/SIGTERM.
'use strict';
const smpp = require('smpp');

const port = Number(process.argv[2] || 0);
let nextId = 1;

const server = smpp.createServer((session) => {
  session.on('error', () => {});
  for (const command of ['bind_transceiver', 'bind_transmitter', 'bind_receiver']) {
    session.on(command, (pdu) => session.send(pdu.response({ system_id: 'NODESMSC' })));
  }
  session.on('submit_sm', (pdu) => {
    const id = (nextId++).toString(16);
    session.send(pdu.response({ message_id: id }));
    if ((pdu.registered_delivery & 0x03) === 0) return;
    const text = `id:${id} sub:001 dlvrd:001 submit date:2611221015 done date:2611221015 stat:DELIVRD err:000 text:`;
    session.deliver_sm({
      source_addr: pdu.destination_addr, destination_addr: pdu.source_addr, esm_class: 0x04, data_coding: 0,
      short_message: text, receipted_message_id: id, message_state: 2,
    });
  });
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => session.send(pdu.response()));
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
