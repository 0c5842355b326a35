#include "engine/childprocess.h"

#include "calls/callcodec.h"
#include "engine/siblingprogram.h"
#include "logging.h"

#include <QJsonDocument>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace SocketScope {

QString ChildProcess::programPath()
{
    return siblingProgram("SOCKETSCOPE_CHILD", QStringLiteral("socketscope-child"));
}

std::shared_ptr<ChildProcess> ChildProcess::spawn(const QList<int>& inherited, int* error)
{
    int requests[2];
    int results[2];
    if (pipe2(requests, O_CLOEXEC) != 0) {
        *error = errno;
        return nullptr;
    }
    if (pipe2(results, O_CLOEXEC) != 0) {
        *error = errno;
        ::close(requests[0]);
        ::close(requests[1]);
        return nullptr;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, requests[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, results[1], STDOUT_FILENO);
    const QByteArray program = programPath().toLocal8Bit();
    std::vector<QByteArray> arguments{program};
    for (const int fd : inherited) {
        // dup2 onto itself clears close-on-exec: the child gets it at the same number.
        posix_spawn_file_actions_adddup2(&actions, fd, fd);
        arguments.push_back("--keep");
        arguments.push_back(QByteArray::number(fd));
    }
    std::vector<char*> argv;
    for (QByteArray& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    *error = posix_spawn(&pid, program.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(requests[0]);
    ::close(results[1]);
    if (*error != 0) {
        ::close(requests[1]);
        ::close(results[0]);
        return nullptr;
    }
    return std::shared_ptr<ChildProcess>(new ChildProcess(pid, requests[1], results[0]));
}

ChildProcess::ChildProcess(pid_t pid, int requests, int results)
    : m_pid(pid)
    , m_requests(requests)
    , m_results(results)
{
}

ChildProcess::~ChildProcess()
{
    // The child has no call in progress any more: it may end at once, and the kernel closes
    // what it still held, as at the end of any process.
    ::close(m_requests);
    ::close(m_results);
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
}

void ChildProcess::kill()
{
    m_killed.store(true);
    ::kill(m_pid, SIGKILL);
}

bool ChildProcess::readLine(QByteArray* line)
{
    for (;;) {
        const qsizetype end = m_buffer.indexOf('\n');
        if (end >= 0) {
            *line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            return true;
        }
        char chunk[4096];
        const ssize_t count = ::read(m_results, chunk, sizeof(chunk));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return false;
        m_buffer.append(chunk, count);
    }
}

CallEvent ChildProcess::call(const CallRequest& request,
                             const SyscallLayer::BlockedCallback& onBlocked, qint64* pid)
{
    CallEvent cancelled;
    cancelled.tNs = monotonicNowNs();
    cancelled.call = request.call;
    cancelled.arguments = request.arguments;
    cancelled.cancelled = true;
    cancelled.ret = -1;
    *pid = m_pid;
    if (m_killed.load())
        return cancelled;
    const QByteArray message =
        QJsonDocument(CallCodec::requestToJson(request)).toJson(QJsonDocument::Compact) + '\n';
    for (qsizetype written = 0; written < message.size();) {
        const ssize_t count =
            ::write(m_requests, message.constData() + written, size_t(message.size() - written));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0) {
            m_killed.store(true); // the child is gone
            return cancelled;
        }
        written += count;
    }
    QByteArray line;
    while (readLine(&line)) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QLatin1String("blocked")).toBool()) {
            if (onBlocked)
                onBlocked();
            continue;
        }
        QString error;
        if (auto event = CallCodec::eventFromJson(object, &error)) {
            *pid = event->pid;
            return *event;
        }
        qCWarning(lcEngine) << "the child process sent what is not a call:" << error;
        break;
    }
    m_killed.store(true); // it ended: no later call can be made there
    cancelled.durationNs = monotonicNowNs() - cancelled.tNs;
    return cancelled;
}

} // namespace SocketScope
