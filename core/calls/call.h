#pragma once

#include <QFlags>
#include <QLatin1String>
#include <QList>
#include <QMetaType>
#include <QStringView>

#include <optional>

namespace SocketScope {

// Every call SocketScope knows: those of the scenarios and of the lab, and those that real
// programs make on sockets and that a traced program shows. One value per call, so that a
// dispatch is a switch that does not compile when a call is forgotten.
enum class Call : quint8 {
    // Descriptors
    Socket,
    Socketpair,
    Bind,
    Listen,
    Accept,
    Accept4,
    Connect,
    Shutdown,
    Close,
    Dup,
    Dup2,
    Dup3,
    Fcntl,
    Ioctl,
    // Data
    Read,
    Write,
    Readv,
    Writev,
    Send,
    Recv,
    SendTo,
    RecvFrom,
    SendMsg,
    RecvMsg,
    SendMmsg,
    RecvMmsg,
    // Addresses and options
    GetSockName,
    GetPeerName,
    GetSockOpt,
    SetSockOpt,
    // Waiting on several descriptors
    Select,
    PSelect6,
    Poll,
    PPoll,
    EpollCreate, // the older form: its size argument is ignored
    EpollCreate1,
    EpollCtl,
    EpollWait,
    EpollPwait, // epoll_wait with a signal mask for the wait
    // Name resolution in the C library
    GetAddrInfo,
    GetNameInfo,
    // Processes and threads
    Fork,
    Vfork,
    Clone,
    Clone3,
    Execve,
    ExitGroup,
    PthreadCreate,
};
inline constexpr int knownCallCount = int(Call::PthreadCreate) + 1;

// What a call does, as the projections need to know it.
enum class CallTrait : quint32 {
    TakesDescriptor = 1 << 0,    // acts on an existing descriptor: arguments.fd
    MakesDescriptor = 1 << 1,    // returns a new descriptor
    TakesAddress = 1 << 2,       // the program passes a sockaddr
    ReturnsAddress = 1 << 3,     // the kernel fills a sockaddr
    SendsData = 1 << 4,          // puts the program's bytes on the descriptor
    ReceivesData = 1 << 5,       // takes bytes from it
    MayBlock = 1 << 6,           // may wait in the kernel
    StartsActor = 1 << 7,        // another actor goes on: a child process or a thread
    ReleasesDescriptor = 1 << 8, // close
    Multiplexes = 1 << 9,        // waits on a set of descriptors
    NameLookup = 1 << 10,        // in the C library; fails with an EAI_* code, not errno
    Performable = 1 << 11,       // the engine makes it for scenarios and the lab
    EndsProcess = 1 << 12,       // exit_group: the process ends, its descriptors close
};
Q_DECLARE_FLAGS(CallTraits, CallTrait)
Q_DECLARE_OPERATORS_FOR_FLAGS(CallTraits)

struct CallInfo {
    Call call;
    const char* name; // as C names it: "accept4", "pthread_create"
    CallTraits traits;
};

namespace Calls {

const CallInfo& info(Call call);
QLatin1String name(Call call);
std::optional<Call> fromName(QStringView name);
bool has(Call call, CallTrait trait);
// Every call, in the enum's order.
const QList<Call>& all();
// The calls the engine makes: what a scenario may name.
QList<Call> performable();

} // namespace Calls

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::Call)
