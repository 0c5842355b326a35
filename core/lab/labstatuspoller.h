#pragma once

#include "lab/labsession.h"

#include <QObject>

class QThread;

namespace SocketScope {

class LabStatusReader;

// Keeps socklab's status table current without the GUI thread making a system call: the
// sockets are read from the kernel on a thread of its own, at once when they change and then
// every 300 ms (data arriving, a peer closing), and the rows are posted to the thread that
// owns the poller. Rows read for sockets that have been replaced since are dropped.
class LabStatusPoller : public QObject {
    Q_OBJECT
public:
    static constexpr int periodMs = 300;

    explicit LabStatusPoller(QObject* parent = nullptr);
    ~LabStatusPoller() override;

    // The sockets to read from now on; none stops the reading.
    void setSockets(const QList<LabStatusSocket>& sockets);
    QThread* readerThread() const { return m_thread; }

Q_SIGNALS:
    // In the owner's thread, for the sockets last given.
    void rowsRead(const QList<SocketScope::LabStatusRow>& rows);

private:
    QThread* m_thread;
    LabStatusReader* m_reader; // lives in m_thread
    quint64 m_generation = 0;
};

} // namespace SocketScope
