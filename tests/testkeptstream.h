#pragma once

// A real peer streams bytes into a lab socket that reads them in a loop: for the kept-bytes
// test (a few MiB) and its benchmark (1 GB).

#include "lab/labsession.h"
#include "testsockets.h"

#include <QTest>

#include <memory>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace TestKeptStream {

using namespace SocketScope;

// The stream's bytes: offset i holds i mod 251, so that a byte out of place shows.
inline QByteArray pattern(qint64 offset, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((offset + i) % 251);
    return bytes;
}

// The lab's console: each line typed once the lab is ready for the next; what it printed.
class Console {
public:
    explicit Console(LabSession& lab)
        : m_lab(lab)
    {
        QObject::connect(&lab, &LabSession::printed,
                         [this](const QString& text, LabSession::Output) { lines << text; });
        QObject::connect(&lab, &LabSession::readyForInput, [this] { ++m_ready; });
    }
    bool type(const QString& line)
    {
        const int before = m_ready;
        m_lab.feed(line);
        return QTest::qWaitFor([&] { return m_ready > before; }, 60'000);
    }
    QStringList lines;

private:
    LabSession& m_lab;
    int m_ready = 0;
};

inline SessionOptions inferOnly()
{
    SessionOptions options;
    options.capture = CaptureMode::InferOnly;
    return options;
}

// What a lab printed for these lines.
inline QStringList typed(const QStringList& commands)
{
    LabSession lab(LabMode::Standard, inferOnly());
    Console console(lab);
    for (const QString& command : commands) {
        if (!console.type(command))
            return console.lines << QStringLiteral("(no answer to %1)").arg(command);
    }
    return console.lines;
}

struct Result {
    std::unique_ptr<LabSession> lab;
    qint64 received = 0; // the sum of the reads' return values, from the log
    QStringList consoleLines;
    QString error;
};

// A plain socket writes `total` bytes of pattern() into a lab socket, which reads them with
// `readSize`-byte reads until the peer closes.
inline Result run(qint64 total, int readSize)
{
    Result result;
    result.lab = std::make_unique<LabSession>(LabMode::Tcp, inferOnly());
    LabSession& lab = *result.lab;
    Console console(lab);
    if (!console.type(QStringLiteral("passive")) || lab.statusRows().isEmpty()) {
        result.error = QStringLiteral("passive did not answer");
        return result;
    }
    const int peer = TestSockets::connectedTo(lab.statusRows().constFirst().local.port());
    std::thread writer([peer, total] {
        constexpr qsizetype chunk = 1 << 16;
        for (qint64 sent = 0; sent < total;) {
            const QByteArray bytes = pattern(sent, qsizetype(qMin<qint64>(chunk, total - sent)));
            const ssize_t count = ::send(peer, bytes.constData(), size_t(bytes.size()), 0);
            if (count <= 0)
                break;
            sent += count;
        }
        ::close(peer);
    });
    if (console.type(QStringLiteral("accept ."))) {
        const QString read = QStringLiteral("read . %1").arg(readSize);
        while (console.type(read)) {
            const CallEvent& last = lab.session().log().calls().constLast();
            if (last.call != Call::Read || last.ret <= 0)
                break;
            result.received += last.ret;
        }
    }
    writer.join();
    if (result.received != total)
        result.error = QStringLiteral("received %1 of %2 bytes").arg(result.received).arg(total);
    result.consoleLines = console.lines;
    return result;
}

} // namespace TestKeptStream
