# The seeds' ChatClient (../shared/seeds, the group-chat client section), unchanged but for
# this comment; used by SeedsChatClientTests to check that it chats through Switchboard.
import logging
import socket
import threading


# FORMAT = '%(asctime)s %(threadNmae)s %(thread)d %(message)s'
FORMAT = '%(asctime)s %(message)s'
logging.basicConfig(level=20, format=FORMAT, datefmt='%F %T')


class ChatClient:
    def __init__(self, rip='localhost', rport=9999):
        self.__raddr = rip, rport
        self.sock = socket.socket()
        self.event = threading.Event()
        # self.encoding = 'utf-8'  # 与服务端约定编码

    def start(self):
        # 捕获异常 断线重连；连接失败重连
        self.sock.connect(self.__raddr)

        # 模拟client向服务器汇报
        self.send('say hello')
        threading.Thread(target=self.recv, name='recv').start()

    def recv(self):
        while not self.event.is_set():
            data = self.sock.recv(1024)
            logging.info(data)

    def send(self, msg:str):
        self.sock.send(msg.encode())

    def stop(self):
        self.sock.close()


def main():
    cc = ChatClient()
    cc.start()
    while True:
        cmd = input('>>>').strip()
        if cmd == 'quit':
            cc.stop()
            break
        cc.send(cmd)
        print(threading.enumerate())


if __name__ == '__main__':
    main()
