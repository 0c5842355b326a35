#pragma once

#include <QObject>

class QWidget;

namespace SocketScope {

// Says once, in the log category socketscope.startup (info), that the window's first frame
// has been painted: what bench_startup times from the program's start, and a user can too
// (QT_LOGGING_RULES="socketscope.startup.info=true").
class FirstFrameReporter : public QObject {
    Q_OBJECT
public:
    explicit FirstFrameReporter(QWidget* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_window;
};

} // namespace SocketScope
