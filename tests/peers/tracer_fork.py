# fork() over a socketpair, in Python, for the tracer's tests: the child sends, the parent
# receives, as tracer_fork.c does in C.
import os
import socket

parent_end, child_end = socket.socketpair()
pid = os.fork()
if pid == 0:
    parent_end.close()
    child_end.send(b"child")
    child_end.close()
    os._exit(0)
child_end.close()
data = parent_end.recv(16)
parent_end.close()
os.waitpid(pid, 0)
raise SystemExit(0 if data == b"child" else 1)
