#include "launch.h"

#include "trace/tracedcalls.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace SocketScope::Tracer {

namespace {

// A BPF program: x86_64 calls in the trapped list stop for the tracer, everything else
// (other calls, other ABIs) runs untouched.
std::vector<sock_filter> filterProgram()
{
    const auto& trapped = Trace::trappedSyscalls();
    const auto n = quint8(trapped.size());
    std::vector<sock_filter> program;
    program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, quint8(n + 1)));
    program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
    for (quint8 k = 0; k < n; ++k)
        program.push_back(
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, quint32(trapped[k].number), quint8(n - k), 0));
    program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
    return program;
}

[[noreturn]] void giveUp(int errorPipe, Refusal what, int error, int status)
{
    const int message[2] = {int(what), error};
    [[maybe_unused]] const ssize_t written = write(errorPipe, message, sizeof(message));
    _exit(status);
}

} // namespace

QByteArray refusalName(Refusal what)
{
    switch (what) {
    case Refusal::Exec:
        return "exec";
    case Refusal::Ptrace:
        return "ptrace";
    case Refusal::Seccomp:
        return "seccomp";
    case Refusal::Attach:
        return "attach";
    }
    return {};
}

Launch launchTraced(char** argv)
{
    Launch launch;
    int errors[2];
    int go[2];
    if (pipe2(errors, O_CLOEXEC) != 0 || pipe2(go, O_CLOEXEC) != 0) {
        launch.error = errno;
        return launch;
    }
    std::vector<sock_filter> program = filterProgram();
    const pid_t tracer = getpid();
    const bool foreground = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
    const pid_t pid = fork();
    if (pid == 0) {
        close(errors[0]);
        close(go[1]);
        setpgid(0, 0);
        // In its own group, the program would be stopped (SIGTTIN) reading the terminal
        // the tracer was started from: it takes the terminal's foreground, as a shell's job.
        if (foreground) {
            std::signal(SIGTTOU, SIG_IGN);
            tcsetpgrp(STDIN_FILENO, getpid());
            std::signal(SIGTTOU, SIG_DFL);
        }
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != tracer)
            _exit(120);
        char ready = 0;
        // The tracer seizes this process, then says go (or closes the pipe: refused).
        if (read(go[0], &ready, 1) != 1)
            _exit(120);
        close(go[0]);
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            giveUp(errors[1], Refusal::Seccomp, errno, 120);
        const sock_fprog filter{static_cast<unsigned short>(program.size()), program.data()};
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0)
            giveUp(errors[1], Refusal::Seccomp, errno, 120);
        execvp(argv[0], argv);
        giveUp(errors[1], Refusal::Exec, errno, 127);
    }
    close(errors[1]);
    close(go[0]);
    if (pid < 0) {
        launch.error = errno;
        close(errors[0]);
        close(go[1]);
        return launch;
    }
    const long options = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL |
                         PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                         PTRACE_O_TRACEEXEC;
    if (ptrace(PTRACE_SEIZE, pid, nullptr, reinterpret_cast<void*>(options)) != 0) {
        launch.error = errno;
        close(go[1]);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        close(errors[0]);
        return launch;
    }
    const char ready = 1;
    [[maybe_unused]] const ssize_t written = write(go[1], &ready, 1);
    close(go[1]);
    launch.pid = pid;
    launch.tookTerminal = foreground;
    launch.errorPipe = errors[0];
    return launch;
}

void takeBackTerminal(const Launch& launch)
{
    if (!launch.tookTerminal)
        return;
    std::signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(STDIN_FILENO, getpgrp());
    std::signal(SIGTTOU, SIG_DFL);
}

ChildFailure childFailure(int errorPipe)
{
    int message[2] = {int(Refusal::Exec), 0};
    if (read(errorPipe, message, sizeof(message)) != ssize_t(sizeof(message)))
        return {};
    return {message[0] == int(Refusal::Seccomp) ? Refusal::Seccomp : Refusal::Exec, message[1]};
}

} // namespace SocketScope::Tracer
