"""Just enough of a websocket client (RFC 6455) for the bench: text frames, ping and
close, on a plain asyncio protocol, so thousands of viewers cost the load generator
little CPU and each frame's arrival time is taken as its bytes are read."""

import asyncio
import base64
import os
import resource
import time
from urllib.parse import urlsplit

ORIGIN = "http://127.0.0.1"  # matches ALLOWED_HOSTS, as a browser on the site sends

TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def raise_fd_limit():
    """Thousands of sockets in one process: lift the soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _frame(opcode, payload):
    """A client frame: always masked."""
    size = len(payload)
    if size < 126:
        header = bytes([0x80 | opcode, 0x80 | size])
    elif size < 1 << 16:
        header = bytes([0x80 | opcode, 0x80 | 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x80 | opcode, 0x80 | 127]) + size.to_bytes(8, "big")
    mask = os.urandom(4)
    key = int.from_bytes((mask * (size // 4 + 1))[:size], "big")
    masked = (int.from_bytes(payload, "big") ^ key).to_bytes(size, "big")
    return header + mask + masked


class Socket(asyncio.Protocol):
    """One connection. `on_text(text, at)` gets each text frame with the monotonic time
    its last bytes were read; `on_close()` once the connection is gone."""

    def __init__(self, on_text, on_close=None):
        self.on_text, self.on_close = on_text, on_close
        self.transport = None
        self.buffer = bytearray()
        self.opened = asyncio.get_running_loop().create_future()
        self.closed = False
        self.fragments = []

    # asyncio.Protocol

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        at = time.monotonic()
        self.buffer += data
        if not self.opened.done():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(self.buffer[: self.buffer.find(b"\r\n")])
            del self.buffer[: end + 4]
            if b" 101 " not in status:
                self.opened.set_exception(
                    ConnectionError(status.decode(errors="replace"))
                )
                self.transport.close()
                return
            self.opened.set_result(self)
        self._frames(at)

    def connection_lost(self, exc):
        self.closed = True
        if not self.opened.done():
            self.opened.set_exception(ConnectionError(f"closed before opening: {exc}"))
        if self.on_close:
            self.on_close()

    # Frames

    def _frames(self, at):
        buf, pos = self.buffer, 0
        while len(buf) - pos >= 2:
            first, second = buf[pos], buf[pos + 1]
            size, start = second & 0x7F, pos + 2
            if size == 126:
                if len(buf) - pos < 4:
                    break
                size, start = int.from_bytes(buf[pos + 2 : pos + 4], "big"), pos + 4
            elif size == 127:
                if len(buf) - pos < 10:
                    break
                size, start = int.from_bytes(buf[pos + 2 : pos + 10], "big"), pos + 10
            if len(buf) < start + size:
                break
            payload = bytes(buf[start : start + size])
            pos = start + size
            opcode = first & 0x0F
            if opcode == PING:
                self._write(PONG, payload)
            elif opcode == CLOSE:
                self.transport.close()
            elif opcode in (TEXT, 0x0):  # a text frame or its continuation
                self.fragments.append(payload)
                if first & 0x80:  # FIN
                    text = b"".join(self.fragments).decode()
                    self.fragments = []
                    self.on_text(text, at)
        del buf[:pos]

    def _write(self, opcode, payload):
        if not self.closed:
            self.transport.write(_frame(opcode, payload))

    def send(self, text):
        self._write(TEXT, text.encode())

    def close(self):
        if not self.closed:
            self._write(CLOSE, (1000).to_bytes(2, "big"))
            self.transport.close()


async def connect(url, on_text, on_close=None, *, cookie=None, timeout=10):
    """An open Socket to ws://host:port/path, after the server accepted it."""
    parts = urlsplit(url)
    loop = asyncio.get_running_loop()
    _, socket = await asyncio.wait_for(
        loop.create_connection(
            lambda: Socket(on_text, on_close), parts.hostname, parts.port
        ),
        timeout,
    )
    key = base64.b64encode(os.urandom(16)).decode()
    headers = [
        f"GET {parts.path or '/'} HTTP/1.1",
        f"Host: {parts.hostname}:{parts.port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        f"Origin: {ORIGIN}",
    ]
    if cookie:
        headers.append(f"Cookie: sessionid={cookie}")
    socket.transport.write(("\r\n".join(headers) + "\r\n\r\n").encode())
    try:
        return await asyncio.wait_for(socket.opened, timeout)
    except BaseException:
        socket.transport.close()
        raise
