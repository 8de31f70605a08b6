"""A real SMTP server for the tests (Debian's python3-aiosmtpd): every accepted message is written to DIR as
NNNNN.eml (the DATA as received, after a Received-style envelope header), atomically, in arrival order.

    /usr/bin/python3 smtp_sink.py --port PORT --dir DIR [--refuse SUBSTRING] [--delay-ms N]

--refuse answers RCPT TO for any address containing SUBSTRING with 550; --delay-ms waits before answering DATA,
so a test can kill the sender while a message is in flight.
"""
import argparse
import asyncio
import itertools
import os
import signal
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse, delay_ms):
        self.folder = folder
        self.refuse = refuse
        self.delay = delay_ms / 1000.0
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and self.refuse in address:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            n = next(self.counter)
        name = os.path.join(self.folder, "%05d.eml" % n)
        header = "X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)
        with open(name + ".tmp", "wb") as f:
            f.write(header.encode("ascii"))
            f.write(envelope.original_content or envelope.content)
        os.replace(name + ".tmp", name)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse", default="")
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir, args.refuse, args.delay_ms), hostname="127.0.0.1", port=args.port,
                            decode_data=False, enable_SMTPUTF8=True)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
