#pragma once

#include <QtGlobal>

namespace SocketScope {

// The inode number of the socket behind a descriptor (its identity in sockfs, as ss and
// /proc/PID/fd show it); 0 when fd is not a socket.
quint64 socketInode(int fd);

// The inode of the socket at the other end of a connected AF_UNIX socket, asked of the
// kernel by sock_diag (what `ss -xp` shows as the peer); 0 when it has none or the kernel
// would not say. Two unnamed ends have no address to tell them apart: this does.
quint64 unixPeerInode(quint64 inode);

} // namespace SocketScope
