# Drives the seeds' ChatClient the way its main() does, without a terminal:
#   python3 drive_chat_client.py PORT MESSAGE REPLY
# It connects (sending 'say hello' as the seed does), sends MESSAGE, and prints what its
# receive thread logs until it has seen REPLY (sent by someone else), then stops.
import logging
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chat_client  # noqa: E402  (its module code configures logging; main() only runs as a script)

port, message, reply = int(sys.argv[1]), sys.argv[2], sys.argv[3]
seen = threading.Event()


class Echo(logging.Handler):
    def emit(self, record):
        text = str(record.msg)
        print('received:', text, flush=True)
        if reply in text:
            seen.set()


logging.getLogger().addHandler(Echo())
client = chat_client.ChatClient('127.0.0.1', port)
client.start()
client.send(message)
ok = seen.wait(10)
client.stop()
os._exit(0 if ok else 1)
