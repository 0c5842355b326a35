#pragma once

#include "calls/call.h"

#include <QString>

namespace SocketScope {

// What a student needs to understand a failed call: the symbolic name (ECONNREFUSED), the C
// library's message (what perror prints) and one line, in the user's language, saying what
// it means for sockets.
struct ErrnoInfo {
    int value = 0;
    QString name;
    QString message;
    QString explanation;
    bool operator==(const ErrnoInfo&) const = default;
};

ErrnoInfo errnoInfo(int value);
// The explanation of an errno for one call on one kind of socket, where the general one
// would mislead: ECONNREFUSED on UDP comes from an ICMP message, not a RST; EACCES from
// sendto() is about broadcast, not reserved ports.
QString errnoExplanationFor(int value, Call call, int family, int socketType);
// getaddrinfo and getnameinfo report EAI_* codes, not errno.
ErrnoInfo addrInfoErrorInfo(int code);
// The errno value for a name such as "ECONNREFUSED"; 0 when the name is unknown.
int errnoFromName(const QString& name);
// ERESTARTSYS and its kin: a call a signal interrupted, which only a tracer sees end so.
bool isRestartCode(int value);
// The EAI_* code for a name such as "EAI_NONAME"; 0 when the name is unknown.
int addrInfoErrorFromName(const QString& name);

} // namespace SocketScope
