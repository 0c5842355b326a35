#pragma once

#include <QByteArray>

#include <sys/types.h>

namespace SocketScope::Tracer {

// Why the program could not be started or traced (the "refused" message's "what").
enum class Refusal : quint8 { Exec, Ptrace, Seccomp, Attach };
QByteArray refusalName(Refusal what);

struct Launch {
    pid_t pid = -1;     // the program, traced, on its way to execvp; -1 when refused
    int errorPipe = -1; // where the child writes why it could not go on (see childFailure)
    Refusal refusal = Refusal::Ptrace;
    int error = 0;
    bool tookTerminal = false; // the program was given the terminal's foreground
};

// Forks the program in its own process group, dying with the tracer, traced with seccomp
// from its execvp on (PTRACE_SEIZE, then the filter the child installs itself).
Launch launchTraced(char** argv);

// Gives the terminal's foreground back to the tracer's group once the program has ended.
void takeBackTerminal(const Launch& launch);

struct ChildFailure {
    Refusal what = Refusal::Exec;
    int error = 0;
};
// What the child wrote before it gave up: read once it has exited without exec.
ChildFailure childFailure(int errorPipe);

} // namespace SocketScope::Tracer
