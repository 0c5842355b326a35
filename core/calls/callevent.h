#pragma once

#include "calls/call.h"
#include "calls/callvalues.h"
#include "calls/errnoinfo.h"
#include "calls/sockettuple.h"
#include "calls/tcpstate.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace SocketScope {

// A descriptor as the kernel reports it after a call.
struct DescriptorState {
    SocketAddress local; // invalid while it has no address
    SocketAddress peer;
    std::optional<TcpState> tcpState; // TCP sockets only
    // AF_UNIX only: the socket's inode and its peer's. Unnamed ends have no address, so this
    // is how the stage knows which accepted descriptor answered which caller.
    quint64 inode = 0;
    quint64 peerInode = 0;
    // TCP and UDP, the lab's connections: the program at the other end when it is outside
    // SocketScope, as the kernel names its owner (0 and empty when it is SocketScope itself,
    // when the kernel would not say, or when nobody looked); after a UDP recvfrom, the
    // program that sent the datagram.
    qint64 peerPid = 0;
    QString peerCommand;
    bool operator==(const DescriptorState&) const = default;
};

// How the program's bytes are written in a call's text: as strace writes them (the saved
// files, the headless output, compared with real strace: "ann\303\251e"), or for a reader on
// screen (valid UTF-8 as text: "année"; see DisplayText).
enum class BytesText : quint8 { Strace, Display };

// One call as it really happened: an immutable value, appended to the event log and
// projected by every view. Its text (strace's rendering, the errno's explanation) is made
// from these values when shown; nothing is ever read back from text. The JSON form is
// documented in docs/trace-format.md.
struct CallEvent {
    qint64 seq = 0;
    int step = -1;         // index of the scenario step that made the call
    qint64 tNs = 0;        // CLOCK_MONOTONIC at the start of the call
    qint64 durationNs = 0; // includes the time spent blocked
    QString actor;         // "server", "client", ...
    qint64 pid = 0;        // the process that made it: a child's after fork()
    QString childActor;    // fork, pthread_create: the actor that goes on
    Call call = Call::Socket;
    CallArguments arguments;
    qint64 ret = 0;
    int error = 0;          // errno, or the EAI_* code of a name lookup; 0 when the call succeeded
    bool cancelled = false; // the wait was cancelled before the call was made
    // The process ended inside the call (killed, or another thread exited it): the call never
    // returned, as strace's "<unfinished ...>" then "= ?" says.
    bool neverReturned = false;
    bool blocked = false; // it had to wait (accept with nobody calling, recv on silence)
    CallResults results;
    // Bytes of its data (the payload, the data received or the vector's buffers) that the
    // log did not keep: a long stream keeps a sample and its counts (see log/bytebudget.h).
    qint64 bytesNotKept = 0;
    int family = 0;        // of the result descriptor: AF_INET, AF_INET6, AF_UNIX; 0 unknown
    int socketType = 0;    // SOCK_STREAM or SOCK_DGRAM (without SOCK_NONBLOCK/SOCK_CLOEXEC)
    DescriptorState after; // the result descriptor after the call
    SocketTuple tuple;     // its quintuplet after the call, with provenance

    // exit_group() never returns, and that is no failure.
    bool failed() const
    {
        return error != 0 || cancelled ||
               (neverReturned && !Calls::has(call, CallTrait::EndsProcess));
    }
    // The call came back from the kernel with a result (or an errno).
    bool returned() const { return !cancelled && !neverReturned; }
    // The descriptor the call acted on; socket(): the new one.
    int fd() const;
    // The descriptor whose state follows: the new one for accept(), dup(), else fd().
    int resultFd() const;
    // The bytes the call moved: what it sent (as far as it returned) or what it received.
    // Those the log kept: the first ones of transferredCount().
    QByteArray transferred() const;
    // How many bytes it moved, kept or not.
    qint64 transferredCount() const;
    ErrnoInfo errorInfo() const; // name, message and explanation, in the user's language

    // "3, {sa_family=AF_INET, ...}, 16": the arguments as strace renders them, the buffers'
    // bytes in `style`.
    QString argumentsText(BytesText style = BytesText::Strace) const;
    // "0", "1 ([{fd=3, revents=POLLIN}])", "-1 ECONNREFUSED (Connection refused)".
    QString resultText() const;
    // "bind(3, {...}, 16) = 0", the whole line.
    QString straceLine() const;
    // The same line for the screen: payloads as text (see BytesText::Display).
    QString displayLine() const;
    bool operator==(const CallEvent&) const = default;
};

// A call that has started and not returned yet: what the views show as "in progress".
struct CallStart {
    qint64 seq = 0;
    int step = -1;
    qint64 tNs = 0;
    QString actor;
    Call call = Call::Socket;
    int fd = -1;
    bool blocked = false; // it had to wait
    bool operator==(const CallStart&) const = default;
};

qint64 monotonicNowNs();

} // namespace SocketScope

// Every member is a Qt container, a socket address or a plain value: a log's list of
// hundreds of thousands of calls grows by moving its block, not by copying each call.
Q_DECLARE_TYPEINFO(SocketScope::CallEvent, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(SocketScope::CallStart, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(SocketScope::CallEvent)
Q_DECLARE_METATYPE(SocketScope::CallStart)
