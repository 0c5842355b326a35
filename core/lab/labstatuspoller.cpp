#include "lab/labstatuspoller.h"

#include "threads/crossthread.h"

#include <QThread>
#include <QTimer>

#include <functional>

namespace SocketScope {

// The poller's half on its own thread: reads the sockets it was given, at once and on its
// timer, and posts each reading back tagged with the sockets' generation.
class LabStatusReader : public QObject {
public:
    LabStatusReader()
        : m_timer(new QTimer(this))
    {
        m_timer->setInterval(LabStatusPoller::periodMs);
        connect(m_timer, &QTimer::timeout, this, &LabStatusReader::read);
    }

    void setSockets(quint64 generation, const QList<LabStatusSocket>& sockets,
                    const std::function<void(quint64, const QList<LabStatusRow>&)>& post)
    {
        m_generation = generation;
        m_sockets = sockets;
        m_post = post;
        if (sockets.isEmpty())
            m_timer->stop();
        else
            m_timer->start();
        read();
    }

private:
    void read()
    {
        QList<LabStatusRow> rows;
        rows.reserve(m_sockets.size());
        for (const LabStatusSocket& socket : std::as_const(m_sockets))
            rows.append(readLabStatusRow(socket));
        if (m_post)
            m_post(m_generation, rows);
    }

    QTimer* m_timer;
    quint64 m_generation = 0;
    QList<LabStatusSocket> m_sockets;
    std::function<void(quint64, const QList<LabStatusRow>&)> m_post;
};

LabStatusPoller::LabStatusPoller(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_reader(new LabStatusReader)
{
    m_thread->setObjectName(QStringLiteral("lab status"));
    m_reader->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    CrossThread::startThread(m_thread);
}

LabStatusPoller::~LabStatusPoller()
{
    // The reader is deleted in its thread as it finishes; what it posted to this object
    // and was not delivered goes with this object.
    CrossThread::joinThread(m_thread);
}

void LabStatusPoller::setSockets(const QList<LabStatusSocket>& sockets)
{
    const quint64 generation = ++m_generation;
    // Called on the reader's thread: posted back to this object's, where a reading of
    // sockets given before the last ones is dropped. The destructor stops the reader first.
    auto post = [this](quint64 read, const QList<LabStatusRow>& rows) {
        CrossThread::post(this, [this, read, rows] {
            if (read == m_generation)
                Q_EMIT rowsRead(rows);
        });
    };
    CrossThread::post(m_reader, [reader = m_reader, generation, sockets, post] {
        reader->setSockets(generation, sockets, post);
    });
}

} // namespace SocketScope
