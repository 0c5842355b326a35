#pragma once

#include "attach.h"
#include "callreader.h"
#include "channel.h"
#include "descriptors.h"
#include "newaddresses.h"
#include "socketcalls.h"
#include "trace/tracedcalls.h"
#include "trace/tracedecoders.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <sys/types.h>
#include <vector>

namespace SocketScope::Tracer {

// The tracing loop: waits for the traced threads' stops and the app's commands, and turns
// each socket call into messages (docs/tracer-protocol.md).
class Tracer {
public:
    // With holdNewAddresses, a call that sends to a new address waits until the app says the
    // capture takes it, and a new bound address is told (NewAddresses).
    Tracer(Channel& channel, bool step, bool holdNewAddresses);
    // Traces `root` and everything it starts until all of it has ended (or the app said
    // kill); returns the tracer's exit status.
    int run(pid_t root, int errorPipe);
    // Traces the running process `attached` seized (its threads, and everything it starts)
    // until it ends or the app says kill, which lets it go on untraced.
    int runAttached(const Attachment& attached);

private:
    struct InFlight {
        qint64 id = 0;
        quint64 number = 0;       // the system call's
        quint64 stackPointer = 0; // where the thread's stack was when it entered
        SyscallArgs args{};
        CallEvent event;
        DescriptorInfo info;
        bool blocked = false;
        bool paused = false;
        bool held = false; // until the capture takes the address it reaches
        // A signal interrupted it with this code (ERESTARTSYS...): the kernel makes it again
        // at once, or after the signal's handler, or the program gets EINTR.
        qint64 restartCode = 0;
        bool reentered = false;         // made again: its seccomp stop is not a new call
        bool awaitingSigreturn = false; // a handler returns: EINTR, or the call made again
        // Whether the kernel has seen it: a call paused or held at its entry was not made.
        bool made() const { return !paused && !held; }
    };
    struct Tracee {
        pid_t process = 0; // its thread group
        bool announced = false;
        std::optional<InFlight> call;
        std::vector<pid_t> heldChildren; // started by `call`, waiting until it is reported
    };

    void handle(pid_t tid, int status);
    void ended(pid_t tid, int status);
    // Announces a new child or thread; true when it must wait for its parent's call to return
    // (or was let go: not the program's).
    bool started(pid_t tid);
    void releaseHeldChildren(Tracee& tracee);
    void sendCall(qint64 id, const CallEvent& event);
    void sendNeverReturned(const InFlight& call);
    void forked(pid_t tid, Tracee& tracee);
    void endedUnseen(Tracee& tracee);
    void entered(pid_t tid, Tracee& tracee);
    void returned(pid_t tid, Tracee& tracee);
    void enteredAfterSignal(pid_t tid, Tracee& tracee, const Trace::SyscallStop& stop);
    // The call returned `value`: it is reported, and the thread goes on unless `stayStopped`
    // (its stop is the next call's entry, still to handle).
    void finish(pid_t tid, Tracee& tracee, qint64 value, bool stayStopped = false);
    // Tells the app the addresses (reach messages); false when there is none.
    bool tell(const std::vector<SocketAddress>& addresses, bool bound);
    // A call entered and not held: it waits for Next, or goes into the kernel.
    void proceed(pid_t tid, Tracee& tracee);
    void releaseHold(qint64 id);
    void execed(pid_t tid);
    void release(pid_t tid);
    void checkBlocked();
    void obey(const Order& order);
    int follow();
    // Attached, the process's sockets were bound before: the capture takes their ports too.
    void tellBoundSockets(pid_t process);
    void killAll();
    // The end of an attached session: the processes go on untraced (the kernel lets them go
    // when the tracer exits), each told as `detached`.
    void detachAll();
    void announceProcess(pid_t pid, pid_t parent, bool thread, const char* kind);
    QJsonObject describeProcess(pid_t pid, pid_t parent, bool thread, const char* kind);
    // Once per process, however many of its threads stop or go on.
    void stopped(const Tracee& tracee, int signal);
    void continued(const Tracee& tracee);
    void resume(pid_t tid, int request, int signal = 0);
    // How a stopped thread goes on: to its next call's entry when the fate of an interrupted
    // call is still to learn there, otherwise to its next trapped call.
    static int goOn(const Tracee& tracee);

    Channel& m_channel;
    bool m_step;
    std::optional<NewAddresses> m_newAddresses;
    bool m_killing = false;
    // Attached to a running process: no seccomp filter, so every call stops at its entry
    // and its exit, and the tracer picks the socket calls itself.
    bool m_attached = false;
    int m_errorPipe = -1;
    pid_t m_root = 0;
    bool m_rootExeced = false;
    std::optional<int> m_rootStatus;
    qint64 m_nextId = 1;
    qint64 m_lastCheckNs = 0;
    std::map<pid_t, Tracee> m_tracees;
    std::deque<pid_t> m_paused;
    std::set<pid_t> m_stopped; // processes stopped by a signal, until SIGCONT
    DescriptorTable m_descriptors;
};

} // namespace SocketScope::Tracer
