#pragma once

#include <QProcess>
#include <QString>

namespace SocketScope::TestChurn {

// Another program opening and closing thousands of loopback sockets all the time, as on a
// busy machine (tests/tools/socketchurn.cpp). It starts when made and ends with the object.
class SocketChurn {
public:
    explicit SocketChurn(int connections = 2000)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(SOCKETSCOPE_CHURN),
                        {QStringLiteral("--connections"), QString::number(connections)});
        // "ready" once the first thousands are open.
        m_ready = m_process.waitForReadyRead(30'000) &&
                  m_process.readLine().trimmed() == QByteArrayLiteral("ready");
    }
    ~SocketChurn()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10'000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    SocketChurn(const SocketChurn&) = delete;
    SocketChurn& operator=(const SocketChurn&) = delete;

    bool isChurning() const { return m_ready && m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
    bool m_ready = false;
};

} // namespace SocketScope::TestChurn
