#pragma once

#include "mainwindow.h"
#include "sources/session.h"
#include "stageview.h"

#include <QTest>

namespace SocketScope::TestWindow {

// Next, then wait until the call returned or blocked and the stage settled.
inline void next(MainWindow& window)
{
    window.next();
    QVERIFY(QTest::qWaitFor([&] {
        return window.session()->canStep() || window.session()->state() == Session::State::Finished;
    }));
    window.stage()->skipAnimation();
}

} // namespace SocketScope::TestWindow
