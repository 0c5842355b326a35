#pragma once

#include "callreader.h"
#include "channel.h"
#include "descriptors.h"
#include "socketcalls.h"
#include "trace/tracedcalls.h"

#include <deque>
#include <map>
#include <optional>
#include <sys/types.h>
#include <vector>

namespace SocketScope::Tracer {

// The tracing loop: waits for the traced threads' stops and the app's commands, and turns
// each socket call into messages (docs/tracer-protocol.md).
class Tracer {
public:
    Tracer(Channel& channel, bool step);
    // Traces `root` and everything it starts until all of it has ended (or the app said
    // kill); returns the tracer's exit status.
    int run(pid_t root, int errorPipe);

private:
    struct InFlight {
        qint64 id = 0;
        SyscallArgs args{};
        CallEvent event;
        DescriptorInfo info;
        bool blocked = false;
        bool paused = false;
    };
    struct Tracee {
        pid_t process = 0; // its thread group
        bool announced = false;
        std::optional<InFlight> call;
        std::vector<pid_t> heldChildren; // started by `call`, waiting until it is reported
    };

    void handle(pid_t tid, int status);
    void ended(pid_t tid, int status);
    // Announces a new child or thread; true when it must wait for its parent's call to return.
    bool started(pid_t tid);
    void releaseHeldChildren(Tracee& tracee);
    void sendCall(qint64 id, const CallEvent& event);
    void sendNeverReturned(const InFlight& call);
    void forked(pid_t tid, Tracee& tracee);
    void endedUnseen(Tracee& tracee);
    void entered(pid_t tid, Tracee& tracee);
    void returned(pid_t tid, Tracee& tracee);
    void execed(pid_t tid);
    void release(pid_t tid);
    void checkBlocked();
    void obey(Command command);
    void killAll();
    void announceProcess(pid_t pid, pid_t parent, bool thread, const char* kind);
    void resume(pid_t tid, int request, int signal = 0);

    Channel& m_channel;
    bool m_step;
    bool m_killing = false;
    pid_t m_root = 0;
    bool m_rootExeced = false;
    std::optional<int> m_rootStatus;
    qint64 m_nextId = 1;
    qint64 m_lastCheckNs = 0;
    std::map<pid_t, Tracee> m_tracees;
    std::deque<pid_t> m_paused;
    DescriptorTable m_descriptors;
};

} // namespace SocketScope::Tracer
