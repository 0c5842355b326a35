#pragma once

#include <QString>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace SocketScope::TestSockets {

// Thousands of real loopback TCP connections for the benchmarks: a listener and `clients`
// connections, each accepted at once (so the queue never overflows into a SYN retried a
// second later). Close-on-exec everywhere: a program the benchmark starts must not hold them.
class ManyConnections {
public:
    ~ManyConnections()
    {
        // An abortive close (RST) leaves no ten thousand TIME_WAIT rows behind for a minute,
        // in every snapshot of the tests that run next.
        const linger abortive{1, 0};
        for (const int fd : m_descriptors) {
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
            ::close(fd);
        }
        if (m_limitRaised)
            ::setrlimit(RLIMIT_NOFILE, &m_originalLimit);
    }

    // Raises the soft limit of open files to the hard one first. Empty on success, else
    // what went wrong; *tooFew says the machine's hard limit is the reason.
    QString open(int clients, bool* tooFew)
    {
        *tooFew = false;
        const rlim_t needed = rlim_t(2 * clients + 300);
        if (::getrlimit(RLIMIT_NOFILE, &m_originalLimit) != 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        if (m_originalLimit.rlim_max != RLIM_INFINITY && m_originalLimit.rlim_max < needed) {
            *tooFew = true;
            return QStringLiteral("The hard limit of open files is %1; %2 connections need %3 "
                                  "(raise it with ulimit -Hn or limits.conf).")
                .arg(m_originalLimit.rlim_max)
                .arg(clients)
                .arg(needed);
        }
        rlimit raised = m_originalLimit;
        raised.rlim_cur = m_originalLimit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) != 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        m_limitRaised = true;
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener < 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        m_descriptors.push_back(listener);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        auto* generic = reinterpret_cast<sockaddr*>(&address);
        if (::bind(listener, generic, length) != 0 || ::listen(listener, clients) != 0 ||
            ::getsockname(listener, generic, &length) != 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        m_endpoint = QStringLiteral("127.0.0.1:%1").arg(ntohs(address.sin_port));
        for (int i = 0; i < clients; ++i) {
            const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (client < 0)
                return QString::fromLocal8Bit(std::strerror(errno));
            m_descriptors.push_back(client);
            if (::connect(client, generic, length) != 0)
                return QString::fromLocal8Bit(std::strerror(errno));
            const int served = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (served < 0)
                return QString::fromLocal8Bit(std::strerror(errno));
            m_descriptors.push_back(served);
        }
        return {};
    }

    const QString& listenerEndpoint() const { return m_endpoint; }
    std::size_t descriptorCount() const { return m_descriptors.size(); }

private:
    rlimit m_originalLimit{};
    bool m_limitRaised = false;
    std::vector<int> m_descriptors;
    QString m_endpoint;
};

} // namespace SocketScope::TestSockets
