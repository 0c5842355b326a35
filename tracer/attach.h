#pragma once

#include <sys/types.h>
#include <vector>

namespace SocketScope::Tracer {

struct Attachment {
    std::vector<pid_t> threads; // the process's threads, leader first; empty when refused
    int error = 0;              // PTRACE_SEIZE's errno on the leader when refused
};

// Seizes every thread of the running process `pid` and interrupts each, so that the tracer
// takes them from their next stop on. Without a seccomp filter (a running process cannot be
// given one), every system call stops; the process is not killed when the tracer ends: the
// kernel lets it go on, untraced.
Attachment attachTo(pid_t pid);

} // namespace SocketScope::Tracer
